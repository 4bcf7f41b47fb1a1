package io.hullscope.vuln;

import java.io.IOException;

/**
 * Thrown when a report of another scanner (Trivy, Grype, Harbor) cannot be read: it is too large,
 * nested too deeply, not JSON, or not shaped like the report it claims to be. The message names the
 * report.
 */
public class ExternalScannerReportException extends IOException {

  private final String report;

  public ExternalScannerReportException(String report, String problem) {
    super("Failed to read scanner report " + report + ": " + problem);
    this.report = report;
  }

  public ExternalScannerReportException(String report, String problem, Throwable cause) {
    super("Failed to read scanner report " + report + ": " + problem, cause);
    this.report = report;
  }

  /** Returns the file name or other label of the report that failed. */
  public String report() {
    return report;
  }
}
