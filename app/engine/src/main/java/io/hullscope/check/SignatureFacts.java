package io.hullscope.check;

import io.hullscope.sign.SignatureKind;
import io.hullscope.sign.SignatureResult;
import java.util.List;
import java.util.Locale;

/**
 * The signatures and attachments stored next to an image in its registry, reduced to what the
 * supply-chain checks need.
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

  /**
   * Reduces what the signature finder found to the facts the checks use. Attestations and the
   * retired Docker Content Trust do not count as signatures. An attestation whose predicate is an SPDX or CycloneDX document counts as an
   * attached SBOM.
   */
  public static SignatureFacts of(List<SignatureResult> results) {
    List<SignatureResult> signatures =
        results.stream().filter(result -> result.kind() != SignatureKind.ATTESTATION
            && result.kind() != SignatureKind.DOCKER_CONTENT_TRUST).toList();
    int verified = (int) signatures.stream().filter(result -> result.verdict().isVerified()).count();
    List<String> signers = signatures.stream().map(SignatureResult::signer).filter(s -> s != null).distinct().toList();
    boolean sbom = results.stream().map(SignatureResult::predicateType).filter(type -> type != null)
        .map(type -> type.toLowerCase(Locale.ROOT))
        .anyMatch(type -> type.contains("spdx") || type.contains("cyclonedx"));
    List<String> problems = signatures.stream().filter(result -> !result.verdict().isVerified())
        .map(result -> result.kind() + " at " + result.location() + ": " + result.verdict().reason()
            + (result.verdict().detail() == null ? "" : " (" + result.verdict().detail() + ")"))
        .toList();
    return new SignatureFacts(signatures.size(), verified, signers, sbom, problems);
  }
}
