package io.hullscope.check;

import io.hullscope.image.Digest;
import io.hullscope.image.ImageConfig;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.sbom.Distro;
import io.hullscope.sbom.ImageSbom;
import java.util.List;
import java.util.Optional;

/**
 * Everything known about one image when the checks run.
 *
 * <p>The SBOM, the scan result and the signature result are absent when they were not produced;
 * checks that need them then stay silent or report that the fact is unknown, never guess.
 *
 * @param references names the image is known by, for example {@code app:latest}; may be empty
 * @param digest the image's identity
 * @param config the image config
 * @param analysis the layer indexes and trees
 * @param accounts the image's final {@code /etc/passwd} and {@code /etc/group}
 * @param sbom the packages, or null when no SBOM was built
 * @param distro the distribution from os-release, or null when unknown
 * @param vulnerabilities the latest scan, or null when the image was not scanned
 * @param signatures the signature result, or null when the source cannot hold signatures or
 *     they were not looked up
 */
public record ImageFacts(List<String> references, Digest digest, ImageConfig config, ImageAnalysis analysis,
    AccountDatabase accounts, ImageSbom sbom, Distro distro, VulnerabilityFacts vulnerabilities,
    SignatureFacts signatures) {

  public ImageFacts {
    references = references == null ? List.of() : List.copyOf(references);
    accounts = accounts == null ? AccountDatabase.NONE : accounts;
  }

  /** Returns the SBOM, when one was built. */
  public Optional<ImageSbom> sbomIfBuilt() {
    return Optional.ofNullable(sbom);
  }

  /** Returns the scan result, when the image was scanned. */
  public Optional<VulnerabilityFacts> vulnerabilitiesIfScanned() {
    return Optional.ofNullable(vulnerabilities);
  }

  /** Returns the signature result, when signatures were looked up. */
  public Optional<SignatureFacts> signaturesIfLookedUp() {
    return Optional.ofNullable(signatures);
  }
}
