package io.hullscope.ui.sbom;

/** Document formats the SBOM tab exports, with the file name suffix each is usually saved with. */
public enum SbomFormat {
  CYCLONEDX_JSON("CycloneDX JSON", ".cdx.json"),
  CYCLONEDX_XML("CycloneDX XML", ".cdx.xml"),
  SPDX_JSON("SPDX JSON", ".spdx.json");

  private final String displayName;
  private final String suffix;

  SbomFormat(String displayName, String suffix) {
    this.displayName = displayName;
    this.suffix = suffix;
  }

  public String displayName() {
    return displayName;
  }

  /** Returns the file name suffix, for example {@code .cdx.json}. */
  public String suffix() {
    return suffix;
  }
}
