package io.hullscope.report;

import java.util.Locale;

/** The file formats a {@link io.hullscope.check.HardeningReport} can be written in. */
public enum ReportFormat {
  /** Markdown for people: the grade, the user verdict and the findings by severity. */
  MARKDOWN("md"),
  /** One self-contained, printable HTML page with charts. */
  HTML("html"),
  /** JSON for programs, following {@code docs/report-schema.json}. */
  JSON("json"),
  /** SARIF 2.1.0 for code-scanning dashboards. */
  SARIF("sarif");

  private final String extension;

  ReportFormat(String extension) {
    this.extension = extension;
  }

  /** Returns the usual file name extension, without the dot, for example {@code md}. */
  public String fileExtension() {
    return extension;
  }

  /**
   * Returns the format named by {@code name}: its extension ({@code md}, {@code html},
   * {@code json}, {@code sarif}) or its constant name, ignoring case.
   *
   * @throws IllegalArgumentException when no format has that name
   */
  public static ReportFormat parse(String name) {
    String normalized = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    for (ReportFormat format : values()) {
      if (format.extension.equals(normalized) || format.name().toLowerCase(Locale.ROOT).equals(normalized)) {
        return format;
      }
    }
    throw new IllegalArgumentException("unknown report format '" + name + "'; use md, html, json or sarif");
  }
}
