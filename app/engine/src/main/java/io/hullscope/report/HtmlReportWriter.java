package io.hullscope.report;

import io.hullscope.check.Evidence;
import io.hullscope.check.Finding;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.Severity;
import io.hullscope.check.UserVerdict;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a hardening report as one self-contained HTML page: inline CSS (with print rules), two
 * inline SVG bar charts (findings by severity, points lost by check family), no scripts, fonts or
 * images from elsewhere. A Content-Security-Policy forbids scripts and remote loads as well, and
 * every text from the image is escaped, so a hostile label or file name stays text.
 */
final class HtmlReportWriter {

  private final PrintWriter out;

  HtmlReportWriter(PrintWriter out) {
    this.out = out;
  }

  void write(ReportModel model) {
    HardeningReport report = model.report();
    out.println("<!DOCTYPE html>");
    out.println("<html lang=\"en\">");
    out.println("<head>");
    out.println("<meta charset=\"utf-8\">");
    out.println("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
        + " img-src data:\">");
    out.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    out.println("<title>Hardening report: " + escape(report.imageName()) + "</title>");
    out.println("<style>");
    out.print(HtmlStyle.CSS);
    out.println("</style>");
    out.println("</head>");
    out.println("<body>");
    writeHeader(model);
    writeCharts(model);
    writeGradeTable(model);
    writeUser(report.user());
    writeFindings(model);
    String created = report.createdAt().truncatedTo(ChronoUnit.SECONDS).toString();
    out.println("<footer>Written by " + escape(report.tool()) + " on " + escape(created) + ".</footer>");
    out.println("</body>");
    out.println("</html>");
    out.flush();
  }

  private void writeHeader(ReportModel model) {
    HardeningReport report = model.report();
    char letter = report.grade().letter();
    out.println("<header>");
    out.println("<div class=\"grade grade-" + Character.toLowerCase(letter) + "\" aria-label=\"grade " + letter
        + "\">" + letter + "</div>");
    out.println("<div class=\"heading\">");
    out.println("<h1>Hardening report</h1>");
    out.println("<p class=\"image\">" + escape(report.imageName()) + "</p>");
    if (report.digest() != null) {
      out.println("<p class=\"digest\"><code>" + escape(report.digest().toString()) + "</code></p>");
    }
    out.println("<p class=\"score\">" + escape(ReportRedaction.redact(report.grade().explanation())) + "</p>");
    out.println("<ul class=\"counts\">");
    model.countsBySeverity().forEach((severity, count) -> out.println("<li class=\"sev-" + ReportModel.label(severity)
        + "\"><span class=\"count\">" + count + "</span> " + ReportModel.label(severity) + "</li>"));
    out.println("</ul>");
    out.println("</div>");
    out.println("</header>");
  }

  private void writeCharts(ReportModel model) {
    out.println("<section class=\"charts\">");
    out.println("<figure>");
    out.println("<figcaption>Findings by severity</figcaption>");
    Map<Severity, Integer> counts = model.countsBySeverity();
    List<Bar> severityBars = counts.entrySet().stream()
        .map(entry -> new Bar(ReportModel.title(entry.getKey()), entry.getValue(),
            "bar-" + ReportModel.label(entry.getKey())))
        .toList();
    out.print(BarChart.svg("Findings by severity", severityBars));
    out.println("</figure>");
    out.println("<figure>");
    out.println("<figcaption>Points lost by check family</figcaption>");
    List<Bar> groupBars = model.pointsByGroup().entrySet().stream()
        .map(entry -> new Bar(entry.getKey(), entry.getValue(), "bar-family"))
        .toList();
    out.print(BarChart.svg("Points lost by check family", groupBars));
    out.println("</figure>");
    out.println("</section>");
  }

  private void writeGradeTable(ReportModel model) {
    out.println("<section>");
    out.println("<h2>What the grade is made of</h2>");
    out.println("<p>An image starts with 100 points and each finding costs points by severity: critical 30, high 15,"
        + " medium 6, low 2, info 0. Further findings of the same check cost half, a finding of low confidence"
        + " costs half, and a check costs at most three times its price. The letter is A from 90 points, B from 75,"
        + " C from 60, D from 40 and F below; a critical finding caps the grade at D.</p>");
    out.println("<table class=\"points\">");
    out.println("<thead><tr><th class=\"num\">Points</th><th>Severity</th><th>Check</th><th>Finding</th></tr></thead>");
    out.println("<tbody>");
    model.entries().stream()
        .sorted((a, b) -> Integer.compare(b.points(), a.points()))
        .forEach(entry -> out.println("<tr><td class=\"num\">" + entry.points() + "</td><td>" + pill(
            entry.finding().severity()) + "</td><td><code>" + escape(entry.finding().id()) + "</code></td><td>"
            + escape(entry.title()) + "</td></tr>"));
    // The total is a body row, not a tfoot: print repeats a tfoot on every page, which would show
    // the full total under the first rows.
    out.println("<tr class=\"total\"><td class=\"num\">" + model.pointsLost() + "</td><td colspan=\"3\">points"
        + " lost in all</td></tr>");
    out.println("</tbody>");
    out.println("</table>");
    out.println("</section>");
  }

  private void writeUser(UserVerdict user) {
    out.println("<section class=\"user\">");
    out.println("<h2>Which user the container runs as</h2>");
    if (user == null) {
      out.println("<p>The user verdict was not worked out.</p>");
      out.println("</section>");
      return;
    }
    out.println("<dl>");
    out.println("<dt>Configured user</dt><dd>" + (user.configuredUser().isEmpty() ? "unset"
        : "<code>" + escape(user.configuredUser()) + "</code>") + "</dd>");
    String outcome = switch (user.outcome()) {
      case RUNS -> "Runs as UID " + user.uid() + ", GID " + user.gid();
      case FAILS_TO_START -> "The container does not start";
      case UNKNOWN -> "Unknown, because the account files could not be read";
    };
    out.println("<dt>Outcome</dt><dd>" + escape(outcome) + "</dd>");
    out.println("<dt>Why</dt><dd>" + escape(ReportRedaction.redact(user.explanation())) + "</dd>");
    for (String warning : user.warnings()) {
      out.println("<dt>Warning</dt><dd>" + escape(ReportRedaction.redact(warning)) + "</dd>");
    }
    out.println("</dl>");
    out.println("</section>");
  }

  private void writeFindings(ReportModel model) {
    out.println("<section class=\"findings\">");
    out.println("<h2>Findings</h2>");
    if (model.entries().isEmpty()) {
      out.println("<p>No findings.</p>");
    }
    for (Severity severity : Severity.values()) {
      List<ReportModel.Entry> entries = model.entries(severity);
      if (entries.isEmpty()) {
        continue;
      }
      out.println("<h3 class=\"sev-heading sev-" + ReportModel.label(severity) + "\">" + ReportModel.title(severity)
          + " (" + entries.size() + ")</h3>");
      entries.forEach(this::writeFinding);
    }
    out.println("</section>");
  }

  private void writeFinding(ReportModel.Entry entry) {
    Finding finding = entry.finding();
    out.println("<article class=\"finding sev-" + ReportModel.label(finding.severity()) + "\">");
    out.println("<h4>" + pill(finding.severity()) + " <code>" + escape(finding.id()) + "</code> "
        + escape(entry.title()) + "</h4>");
    out.println("<p class=\"meta\">Confidence " + finding.confidence().name().toLowerCase(Locale.ROOT) + " · family "
        + escape(entry.group()) + " · cost " + entry.points() + " points</p>");
    out.println("<dl>");
    definition("Why it matters", finding.rationale());
    definition("Evidence", entry.evidence());
    if (!entry.evidenceItems().isEmpty()) {
      out.println("<dt>Seen at</dt><dd><ul class=\"evidence\">");
      for (Evidence item : entry.evidenceItems()) {
        String text = item.text().isEmpty() ? "" : ": <code>" + escape(item.text()) + "</code>";
        out.println("<li>" + escape(ReportModel.where(item)) + text + "</li>");
      }
      out.println("</ul></dd>");
    }
    definition("Suggestion", entry.suggestion());
    definition("Where to change it", finding.location());
    out.println("</dl>");
    out.println("</article>");
  }

  private void definition(String term, String text) {
    if (text != null && !text.isBlank()) {
      out.println("<dt>" + term + "</dt><dd>" + escape(text) + "</dd>");
    }
  }

  private static String pill(Severity severity) {
    return "<span class=\"pill sev-" + ReportModel.label(severity) + "\">" + ReportModel.label(severity) + "</span>";
  }

  /**
   * Escapes text for HTML element content and quoted attribute values: the five characters with a
   * meaning in HTML become character references, and control characters other than tab and line
   * breaks, which HTML does not allow, become U+FFFD.
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\t', '\n', '\r' -> out.append(c);
        default -> out.append(Character.isISOControl(c) ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }

  /** One bar of a chart: a label, a value and the CSS class that colours it. */
  record Bar(String label, int value, String cssClass) {}
}
