package io.hullscope.cli;

import io.hullscope.check.Finding;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.HygieneGrade.Deduction;
import io.hullscope.check.Severity;
import io.hullscope.check.UserVerdict;
import io.hullscope.report.ReportRedaction;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a hardening report for a terminal: the grade, the user verdict and one block per finding.
 * Texts pass through the same redaction as the exported formats.
 */
final class CheckText {

  private final PrintWriter out;

  CheckText(PrintWriter out) {
    this.out = out;
  }

  void write(HardeningReport report) {
    out.println("Image   " + oneLine(report.imageName()));
    if (report.digest() != null) {
      out.println("Digest  " + report.digest());
    }
    out.println("Grade   " + report.grade().letter() + " (" + report.grade().score() + " of 100 points)");
    out.println("        " + oneLine(report.grade().explanation()));
    out.println("User    " + user(report.user()));
    out.println();

    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      counts.put(severity, 0);
    }
    report.findings().forEach(finding -> counts.merge(finding.severity(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach((severity, count) -> parts.add(count + " " + label(severity)));
    out.println("Findings: " + report.findings().size() + " (" + String.join(", ", parts) + ")");

    List<Deduction> unmatched = new ArrayList<>(report.grade().deductions());
    for (Finding finding : report.findings()) {
      out.println();
      out.printf("  %-8s %s: %s (-%d)%n", label(finding.severity()).toUpperCase(Locale.ROOT), finding.id(),
          oneLine(finding.title()), points(unmatched, finding));
      printField("Evidence", finding.evidence());
      printField("Fix", finding.suggestion());
      printField("Where", finding.location());
    }
    out.flush();
  }

  private void printField(String label, String text) {
    if (text != null && !text.isBlank()) {
      out.printf("           %-10s%s%n", label + ":", oneLine(text));
    }
  }

  private static String user(UserVerdict verdict) {
    if (verdict == null) {
      return "not worked out";
    }
    String outcome = switch (verdict.outcome()) {
      case RUNS -> "UID " + verdict.uid() + ", GID " + verdict.gid();
      case FAILS_TO_START -> "does not start";
      case UNKNOWN -> "unknown";
    };
    return outcome + ": " + oneLine(verdict.explanation());
  }

  /** Removes and returns the points of the finding's deduction, found by identity among equal findings. */
  private static int points(List<Deduction> unmatched, Finding finding) {
    for (int i = 0; i < unmatched.size(); i++) {
      if (unmatched.get(i).finding() == finding) {
        return unmatched.remove(i).points();
      }
    }
    return 0;
  }

  private static String label(Severity severity) {
    return severity.name().toLowerCase(Locale.ROOT);
  }

  /** Redacts and removes control characters, so an image's text cannot move the cursor or fake lines. */
  private static String oneLine(String text) {
    return ReportRedaction.redact(text).replaceAll("\\p{Cntrl}", " ");
  }
}
