package io.hullscope.compare;

/** Output formats of {@link ComparisonWriters}. */
public enum ComparisonFormat {
  MARKDOWN("md"),
  HTML("html"),
  JSON("json"),
  /** Plain text for a terminal: the Markdown layout without markup. */
  TEXT("txt");

  private final String fileExtension;

  ComparisonFormat(String fileExtension) {
    this.fileExtension = fileExtension;
  }

  /** Returns the usual file name extension without the dot, for example {@code md}. */
  public String fileExtension() {
    return fileExtension;
  }
}
