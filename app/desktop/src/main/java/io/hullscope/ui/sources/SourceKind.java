package io.hullscope.ui.sources;

/** Kinds of sidebar entries; the kind picks the icon. */
public enum SourceKind {
  DOCKER,
  SAMPLES,
  FILE
}
