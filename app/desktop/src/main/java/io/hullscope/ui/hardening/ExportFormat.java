package io.hullscope.ui.hardening;

/** Report formats the Hardening tab exports, with the file name suffix each is usually saved with. */
public enum ExportFormat {
  MARKDOWN("Markdown", ".md"),
  HTML("HTML", ".html"),
  JSON("JSON", ".json"),
  SARIF("SARIF 2.1.0", ".sarif");

  private final String displayName;
  private final String suffix;

  ExportFormat(String displayName, String suffix) {
    this.displayName = displayName;
    this.suffix = suffix;
  }

  public String displayName() {
    return displayName;
  }

  /** Returns the file name suffix, for example {@code .sarif}. */
  public String suffix() {
    return suffix;
  }

  @Override
  public String toString() {
    return displayName;
  }
}
