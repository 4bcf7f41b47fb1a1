package io.hullscope.report;

import io.hullscope.check.Evidence;
import io.hullscope.check.Finding;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.Severity;
import io.hullscope.check.UserVerdict;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a hardening report as Markdown (CommonMark with GitHub tables): the grade with the
 * points each finding cost, the user verdict, and the findings by severity with their evidence
 * and suggestions. Text from the image is escaped, so a hostile file name or label cannot add
 * links, HTML or table cells.
 */
final class MarkdownReportWriter {

  private static final Pattern ENTITY_REST = Pattern.compile("#?[A-Za-z0-9]{1,32};");

  private final PrintWriter out;

  MarkdownReportWriter(PrintWriter out) {
    this.out = out;
  }

  void write(ReportModel model) {
    HardeningReport report = model.report();
    out.println("# Hardening report: " + escape(report.imageName()));
    out.println();
    if (report.digest() != null) {
      out.println("- Image digest: `" + report.digest() + "`");
    }
    out.println("- Checked: " + report.createdAt().truncatedTo(ChronoUnit.SECONDS) + " by "
        + escape(report.tool()));
    out.println("- Grade: **" + report.grade().letter() + "** (" + report.grade().score() + " of 100 points)");
    out.println("- Findings: " + counts(model.countsBySeverity()));
    out.println();
    out.println(escape(report.grade().explanation()));
    out.println();
    writeGrade(model);
    writeUser(report.user());
    writeFindings(model);
    out.flush();
  }

  private void writeGrade(ReportModel model) {
    out.println("## Grade");
    out.println();
    out.println("An image starts with 100 points and each finding costs points by severity. The letter is A from 90"
        + " points, B from 75, C from 60, D from 40 and F below; a critical finding caps the grade at D.");
    out.println();
    out.println("| Points | Severity | Check | Finding |");
    out.println("| ---: | --- | --- | --- |");
    model.entries().stream()
        .sorted((a, b) -> Integer.compare(b.points(), a.points()))
        .forEach(entry -> out.println("| " + entry.points() + " | " + ReportModel.label(entry.finding().severity())
            + " | " + escape(entry.finding().id()) + " | " + escape(entry.title()) + " |"));
    out.println("| **" + model.pointsLost() + "** | | | **Points lost in all** |");
    out.println();
    out.println("| Family | Points lost |");
    out.println("| --- | ---: |");
    model.pointsByGroup().forEach((group, points) -> out.println("| " + escape(group) + " | " + points + " |"));
    out.println();
  }

  private void writeUser(UserVerdict user) {
    out.println("## User");
    out.println();
    if (user == null) {
      out.println("The user verdict was not worked out.");
      out.println();
      return;
    }
    String configured = user.configuredUser().isEmpty() ? "unset" : "`" + code(user.configuredUser()) + "`";
    out.println("- Configured user: " + configured);
    out.println("- Outcome: " + switch (user.outcome()) {
      case RUNS -> "runs as UID " + user.uid() + ", GID " + user.gid();
      case FAILS_TO_START -> "the container does not start";
      case UNKNOWN -> "unknown, because the account files could not be read";
    });
    out.println();
    out.println(escape(sentence(user.explanation())));
    user.warnings().forEach(warning -> out.println("- Warning: " + escape(warning)));
    out.println();
  }

  private void writeFindings(ReportModel model) {
    out.println("## Findings");
    out.println();
    if (model.entries().isEmpty()) {
      out.println("No findings.");
      out.println();
      return;
    }
    for (Severity severity : Severity.values()) {
      List<ReportModel.Entry> entries = model.entries(severity);
      if (entries.isEmpty()) {
        continue;
      }
      out.println("### " + ReportModel.title(severity) + " (" + entries.size() + ")");
      out.println();
      entries.forEach(this::writeFinding);
    }
  }

  private void writeFinding(ReportModel.Entry entry) {
    Finding finding = entry.finding();
    out.println("#### " + escape(finding.id()) + ": " + escape(entry.title()));
    out.println();
    out.println("- Severity: " + ReportModel.label(finding.severity()) + "; confidence: "
        + finding.confidence().name().toLowerCase(java.util.Locale.ROOT) + "; family: " + escape(entry.group())
        + "; cost: " + entry.points() + " points");
    if (!isBlank(finding.rationale())) {
      out.println("- Why it matters: " + escape(finding.rationale()));
    }
    if (!isBlank(entry.evidence())) {
      out.println("- Evidence: " + escape(entry.evidence()));
    }
    for (Evidence item : entry.evidenceItems()) {
      String text = item.text().isEmpty() ? "" : ": " + escape(item.text());
      out.println("  - " + escape(ReportModel.where(item)) + text);
    }
    if (!isBlank(entry.suggestion())) {
      out.println("- Suggestion: " + escape(entry.suggestion()));
    }
    if (!isBlank(finding.location())) {
      out.println("- Where to change it: " + escape(finding.location()));
    }
    out.println();
  }

  private static String counts(Map<Severity, Integer> counts) {
    StringBuilder text = new StringBuilder();
    counts.forEach((severity, count) -> text.append(text.length() == 0 ? "" : ", ").append(count).append(' ')
        .append(ReportModel.label(severity)));
    return text.toString();
  }

  /**
   * Escapes text for a Markdown paragraph, list item or table cell. Characters that start
   * emphasis, code, links or cells get a backslash. {@code <}, {@code >} and an {@code &} that
   * would start a character reference become entities, so no HTML passes through. Line breaks
   * become spaces because a line break would end the list item or row. Escaped text never starts
   * a line, so block markers such as {@code #} need a backslash only as the first character.
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append(startsEntity(text, i + 1) ? "&amp;" : "&");
        case '\r', '\n', '\t' -> out.append(' ');
        case '\\', '`', '*', '_', '[', ']', '|', '~' -> out.append('\\').append(c);
        case '#', '+', '-', '=' -> out.append(i == 0 ? "\\" : "").append(c);
        default -> out.append(Character.isISOControl(c) ? ' ' : c);
      }
    }
    return out.toString();
  }

  /** Returns whether the text from {@code start} reads as the rest of a character reference, such as {@code lt;}. */
  private static boolean startsEntity(String text, int start) {
    return ENTITY_REST.matcher(text).region(start, text.length()).lookingAt();
  }

  /** Makes text safe inside a code span: no backticks or line breaks that would end it. */
  private static String code(String text) {
    return text.replace('`', '\'').replaceAll("[\\r\\n\\t]", " ");
  }

  /** Returns the text with a capital first letter and a closing full stop, as the verdict lacks both. */
  private static String sentence(String text) {
    if (text == null || text.isBlank()) {
      return "";
    }
    String capitalized = Character.toUpperCase(text.charAt(0)) + text.substring(1);
    char last = capitalized.charAt(capitalized.length() - 1);
    return last == '.' || last == '!' || last == '?' ? capitalized : capitalized + ".";
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
