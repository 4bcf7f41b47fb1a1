package io.hullscope.ui.vuln;

/** State of the Vulnerabilities tab for the open image, which decides its status line and buttons. */
public enum TabState {
  /** No image is open. */
  NO_IMAGE,
  /** The stored scans are being read. */
  LOADING,
  /** The image has no SBOM, so the built-in scanner has nothing to match. */
  NO_SBOM,
  /** The database could not be read. */
  UNAVAILABLE,
  /** No scan is stored and no OSV data is imported yet. */
  DATABASE_EMPTY,
  /** OSV data is imported but this image was not scanned yet. */
  NOT_SCANNED,
  /** A stored scan is shown. */
  SCANNED
}
