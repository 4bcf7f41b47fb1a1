package io.hullscope.ui;

import io.hullscope.check.HardeningReport;
import io.hullscope.check.ImageChecks;
import io.hullscope.check.ImageFacts;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.sbom.ImageSbom;

/**
 * An image opened for the tabs: its analysis, and the SBOM and hardening report built from the
 * same pass.
 *
 * @param sbom the SBOM; null when building it failed
 * @param sbomFailure why the SBOM could not be built, in words for a user; null when it was built
 * @param hardening the findings and grade of the hardening checks; null when running them failed
 * @param facts what the checks read, kept for the suggestions built from the report; null when
 *     {@code hardening} is null
 * @param hardeningFailure why the checks could not run, in words for a user; null when they ran
 * @param checks the checks that ran; null when they cannot run again. They keep what they collected
 *     while the layers were indexed, so a new scan needs no second pass over the layers.
 */
public record OpenedImage(ImageAnalysis analysis, ImageSbom sbom, String sbomFailure, HardeningReport hardening,
    ImageFacts facts, String hardeningFailure, ImageChecks checks) {

  /** An opened image whose checks cannot run again. */
  public OpenedImage(ImageAnalysis analysis, ImageSbom sbom, String sbomFailure, HardeningReport hardening,
      ImageFacts facts, String hardeningFailure) {
    this(analysis, sbom, sbomFailure, hardening, facts, hardeningFailure, null);
  }
}
