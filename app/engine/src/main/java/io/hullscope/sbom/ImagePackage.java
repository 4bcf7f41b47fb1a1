package io.hullscope.sbom;

/**
 * A package of an image's final file system and the layers it came from.
 *
 * @param pkg the package as its evidence file declares it, with the image's distro in its purl
 * @param addedLayer position of the layer from which on the package is present without a gap; -1
 *     when unknown (an imported SBOM)
 * @param changedLayer position of the layer from which on the package has its final version; equal
 *     to {@code addedLayer} when no later layer changed the version; -1 when unknown
 */
public record ImagePackage(Package pkg, int addedLayer, int changedLayer) {

  public ImagePackage {
    if (pkg == null) {
      throw new IllegalArgumentException("an image package needs a package");
    }
    if (addedLayer < -1 || changedLayer < addedLayer || (addedLayer == -1 && changedLayer != -1)) {
      throw new IllegalArgumentException(
          "invalid layers for " + pkg.name() + ": added " + addedLayer + ", changed " + changedLayer);
    }
  }

  /** Returns a package whose layers are unknown, as in an SBOM another tool made. */
  public static ImagePackage withoutLayers(Package pkg) {
    return new ImagePackage(pkg, -1, -1);
  }
}
