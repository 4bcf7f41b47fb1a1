package io.hullscope.ui;

import io.hullscope.index.ImageAnalysis;
import io.hullscope.sbom.ImageSbom;

/**
 * An image opened for the tabs: its analysis and the SBOM built in the same pass.
 *
 * @param sbom the SBOM; null when building it failed
 * @param sbomFailure why the SBOM could not be built, in words for a user; null when it was built
 */
public record OpenedImage(ImageAnalysis analysis, ImageSbom sbom, String sbomFailure) {}
