package io.hullscope.ui.hardening;

import io.hullscope.report.ReportFormat;

/** Names of the report formats as the Export dialog and its messages show them. */
final class ExportFormats {

  private ExportFormats() {}

  /** Returns the format's name for people, for example "SARIF 2.1.0". */
  static String displayName(ReportFormat format) {
    return switch (format) {
      case MARKDOWN -> "Markdown";
      case HTML -> "HTML";
      case JSON -> "JSON";
      case SARIF -> "SARIF 2.1.0";
    };
  }

  /** Returns the file name suffix with its dot, for example {@code .sarif}. */
  static String suffix(ReportFormat format) {
    return "." + format.fileExtension();
  }
}
