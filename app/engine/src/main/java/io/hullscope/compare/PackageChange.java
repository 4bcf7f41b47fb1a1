package io.hullscope.compare;

import io.hullscope.sbom.ImagePackage;

/**
 * One package both images contain, in different versions.
 *
 * @param before the left image's package
 * @param after the right image's package
 * @param direction whether the version went up or down, when a version scheme fits the package type
 */
public record PackageChange(ImagePackage before, ImagePackage after, Direction direction) {

  /** Direction of a version change. */
  public enum Direction {
    UPGRADE,
    DOWNGRADE,
    /** No version scheme fits the package type, or a version is not valid in it. */
    UNKNOWN
  }

  /** Returns the package type, for example {@code deb}. */
  public String type() {
    return after.pkg().type();
  }

  /** Returns the package name. */
  public String name() {
    return after.pkg().name();
  }
}
