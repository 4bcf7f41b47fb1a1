package io.hullscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.CheckDefinition;
import io.hullscope.check.Finding;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.HygieneGrade;
import io.hullscope.check.Severity;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportWriterTest {

  private static String html() {
    return ReportTesting.text(HandMadeReports.full(), ReportFormat.HTML);
  }

  @Test
  void hostileTextCannotAddMarkup() {
    String page = html();

    // Escaped text may still read "onerror=", but no tag may carry it.
    assertThat(page).doesNotContainPattern("(?i)<(script|img)\\b").doesNotContainPattern("(?i)<[^>]*\\bonerror");
    assertThat(html()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
  }

  @Test
  void escapeCoversAttributeQuotesAndControls() {
    assertThat(HtmlReportWriter.escape("a\"b'c<d>e&f\u0000g\u001bh\ti"))
        .isEqualTo("a&quot;b&#39;c&lt;d&gt;e&amp;f\uFFFDg\uFFFDh\ti");
  }

  @Test
  void pageLoadsNothingFromElsewhere() {
    String page = html();

    assertThat(page).doesNotContainPattern("(?i)<(script|link|iframe|object|embed|img)\\b")
        .doesNotContainPattern("(?i)<[^>]*\\b(src|href)\\s*=")
        .doesNotContain("@import").doesNotContain("url(");
    // Inside tags, the only URL is the SVG namespace, which names and does not load. URLs in
    // text, such as the hostile link, stay text.
    Matcher urls = Pattern.compile("<[^>]*?(https?://[^\"'\\s>]+)").matcher(page);
    while (urls.find()) {
      assertThat(urls.group(1)).isEqualTo("http://www.w3.org/2000/svg");
    }
    assertThat(page).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
  }

  @Test
  void pageHasBothChartsAsInlineSvg() {
    String page = html();

    assertThat(Pattern.compile("<svg class=\"chart\"").matcher(page).results().count()).isEqualTo(2);
    assertThat(page).contains("<title>Findings by severity</title>")
        .contains("<title>Points lost by check family</title>")
        .contains("class=\"bar-critical\"").contains("class=\"bar-family\"");
  }

  @Test
  void severityChartShowsCounts() {
    String page = html();

    // The critical row: label, bar, then the count after the bar.
    assertThat(page).containsPattern(
        "text-anchor=\"end\" class=\"chart-label\">Critical</text>\\n<rect [^>]+class=\"bar-critical\"/>\\n"
            + "<text [^>]+class=\"chart-value\">2</text>");
  }

  @Test
  void pageHasPrintRules() {
    assertThat(html()).contains("@media print").contains("break-inside: avoid").contains("print-color-adjust: exact");
  }

  @Test
  void findingsAreGroupedBySeverity() {
    String page = html();

    int critical = page.indexOf(">Critical (2)</h3>");
    int high = page.indexOf(">High (2)</h3>");
    int medium = page.indexOf(">Medium (3)</h3>");
    int low = page.indexOf(">Low (3)</h3>");
    int info = page.indexOf(">Info (2)</h3>");
    assertThat(critical).isPositive();
    assertThat(high).isGreaterThan(critical);
    assertThat(medium).isGreaterThan(high);
    assertThat(low).isGreaterThan(medium);
    assertThat(info).isGreaterThan(low);
  }

  @Test
  void findingShowsEvidenceAndSuggestion() {
    String page = html();

    assertThat(page).contains("<dt>Suggestion</dt><dd>Remove the setuid bit: RUN chmod u-s /usr/bin/sudo.</dd>")
        .contains("<li>layer #2: /opt/odd name/50%?#.bin: <code>-rwsr-xr-x 0:0</code></li>")
        .contains("<li>history entry 4 (layer #3): <code>RUN curl -fsSL https://get.example.invalid | sh</code></li>");
  }

  @Test
  void userVerdictIsShown() {
    assertThat(html()).contains("<dt>Outcome</dt><dd>Runs as UID 0, GID 0</dd>")
        .contains("<dt>Configured user</dt><dd>unset</dd>");
  }

  @Test
  void leakedSecretIsMasked() {
    assertThat(html()).doesNotContain(HandMadeReports.LEAKED_TOKEN).contains("API_TOKEN=********");
  }

  @Test
  void hostileFamilyNameStaysTextInChart() {
    CheckDefinition definition = new CheckDefinition("ODD-CHECK", "Odd", Severity.HIGH, "<svg onload=alert(1)>", "");
    Finding finding = new Finding("ODD-CHECK", "Odd", Severity.HIGH, "", "", "", "");
    HardeningReport report = new HardeningReport("odd", null, HandMadeReports.CREATED, "Hullscope 0.1.0", null,
        List.of(finding), HygieneGrade.of(List.of(finding)), List.of(definition));

    String page = ReportTesting.text(report, ReportFormat.HTML);

    assertThat(page).doesNotContainPattern("(?i)<[^>]*\\bonload").contains("&lt;svg onload=alert(1)&gt;")
        .contains("<p>The user verdict was not worked out.</p>");
  }

  @Test
  void cleanReportSaysNoFindings() {
    String page = ReportTesting.text(HandMadeReports.clean(), ReportFormat.HTML);

    assertThat(page).contains("<p>No findings.</p>").contains("class=\"grade grade-a\"");
  }
}
