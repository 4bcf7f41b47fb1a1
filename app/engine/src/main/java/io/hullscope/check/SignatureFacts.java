package io.hullscope.check;

import java.util.List;

/**
 * What the registry holds next to an image, reduced to what the supply-chain checks need.
 *
 * @param signatures how many signatures were found (cosign, notation, Sigstore bundles)
 * @param verified how many of them verified against a trusted key or identity
 * @param signers who signed, as key fingerprints or identity and issuer
 * @param sbomAttached whether an SBOM is attached (attestation, referrer or Harbor accessory)
 * @param problems why signatures did not verify, one line each
 */
public record SignatureFacts(int signatures, int verified, List<String> signers, boolean sbomAttached,
    List<String> problems) {

  public SignatureFacts {
    signers = signers == null ? List.of() : List.copyOf(signers);
    problems = problems == null ? List.of() : List.copyOf(problems);
  }
}
