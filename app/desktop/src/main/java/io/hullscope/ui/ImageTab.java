package io.hullscope.ui;

/** The tabs of an open image. */
public enum ImageTab {
  OVERVIEW,
  LAYERS,
  SBOM,
  VULNERABILITIES,
  HARDENING,
  SIGNATURES
}
