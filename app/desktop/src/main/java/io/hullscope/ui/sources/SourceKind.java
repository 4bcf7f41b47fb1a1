package io.hullscope.ui.sources;

/** Kinds of sidebar entries; the kind picks the icon. */
public enum SourceKind {
  DOCKER,
  SAMPLES,
  FILE,
  /** A saved Harbor connection; selecting it shows the Harbor browser in place of the image table. */
  HARBOR,
  /** An image reference opened from an OCI registry. */
  REGISTRY
}
