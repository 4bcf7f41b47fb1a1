package io.hullscope.compare;

import io.hullscope.check.HardeningReport;
import io.hullscope.image.Digest;
import io.hullscope.image.ImageConfig;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.vuln.ScanResult;
import java.util.Objects;

/**
 * One side of a comparison: what was learned about an image from one indexing pass.
 *
 * @param name the name shown for the image, for example its reference or file name
 * @param config the image config
 * @param analysis the layer indexes; the image itself may be closed, because only its trees are read
 * @param sbom the packages; null when the SBOM could not be built
 * @param scan the latest vulnerability scan; null when the image was never scanned
 * @param hardening the hardening report; null when the checks did not run
 */
public record ComparedImage(String name, ImageConfig config, ImageAnalysis analysis, ImageSbom sbom, ScanResult scan,
    HardeningReport hardening) {

  public ComparedImage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(analysis, "analysis");
  }

  /** Returns the image's digest (the config digest for archives). */
  public Digest digest() {
    return analysis.image().digest();
  }
}
