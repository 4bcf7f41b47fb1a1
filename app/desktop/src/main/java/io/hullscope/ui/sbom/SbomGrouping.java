package io.hullscope.ui.sbom;

/** Arrangement of the packages in the SBOM tree. */
public enum SbomGrouping {
  /** Ecosystem, then package, then the files that evidence it. */
  ECOSYSTEM,
  /** The layer that added the package, then package, then evidence files. */
  LAYER,
  /** Package, then the packages it depends on, expanded one level at a time. */
  DEPENDENCIES
}
