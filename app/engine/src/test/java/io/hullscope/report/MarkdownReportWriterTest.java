package io.hullscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownReportWriterTest {

  private static String markdown() {
    return ReportTesting.text(HandMadeReports.full(), ReportFormat.MARKDOWN);
  }

  @Test
  void sectionsAppearInOrder() {
    String text = markdown();

    assertThat(text).startsWith("# Hardening report: ");
    int grade = text.indexOf("\n## Grade\n");
    int user = text.indexOf("\n## User\n");
    int findings = text.indexOf("\n## Findings\n");
    assertThat(grade).isPositive();
    assertThat(user).isGreaterThan(grade);
    assertThat(findings).isGreaterThan(user);
    assertThat(text).containsSubsequence("### Critical (2)", "### High (2)", "### Medium (3)", "### Low (3)",
        "### Info (2)");
  }

  @Test
  void pointsTableListsEveryFinding() {
    String text = markdown();

    assertThat(text).contains("| 30 | critical | SECRET-IN-ENV | Environment variable API\\_TOKEN holds a token |")
        .contains("| 15 | critical | SECRET-IN-ENV | Environment variable DB\\_PASSWORD holds a password |")
        .contains("| 0 | info | WASTED-SPACE | 512 KiB are wasted |");
    int lost = new ReportModel(HandMadeReports.full()).pointsLost();
    assertThat(text).contains("| **" + lost + "** | | | **Points lost in all** |");
    assertThat(text).contains("| secrets | 45 |");
  }

  @Test
  void findingShowsEvidenceAndSuggestion() {
    String text = markdown();

    assertThat(text).contains("#### ROOT-USER: The container runs as root because User is unset")
        .contains("  - layer #0: /etc/passwd: root:x:0:0:root:/root:/bin/bash")
        .contains("- Suggestion: Add USER 10001:10001.")
        .contains("- Where to change it: Dockerfile: the last USER instruction");
  }

  @Test
  void userVerdictIsShown() {
    assertThat(markdown()).contains("- Configured user: unset").contains("- Outcome: runs as UID 0, GID 0");
  }

  @Test
  void hostileTextCannotAddLinksHtmlOrCells() {
    String text = markdown();

    assertThat(text).doesNotContain("<script").doesNotContain("[click](")
        .contains("&lt;script&gt;alert('x')&lt;/script&gt;")
        .contains("\\[click\\](https://example.invalid/steal) \\| cell \\| \\`code\\` \\*\\*bold\\*\\*");
  }

  @Test
  void ampersandEscapedOnlyBeforeReference() {
    assertThat(MarkdownReportWriter.escape("a && b &lt; c &#60; d & e;"))
        .isEqualTo("a && b &amp;lt; c &amp;#60; d & e;");
  }

  @Test
  void escapeTurnsLineBreaksIntoSpaces() {
    assertThat(MarkdownReportWriter.escape("# one\n## two\r\n- three")).isEqualTo("\\# one ## two  - three");
  }

  @Test
  void leakedSecretIsMasked() {
    assertThat(markdown()).doesNotContain(HandMadeReports.LEAKED_TOKEN)
        .contains("API\\_TOKEN=\\*\\*\\*\\*\\*\\*\\*\\*");
  }

  @Test
  void cleanReportSaysNoFindings() {
    String text = ReportTesting.text(HandMadeReports.clean(), ReportFormat.MARKDOWN);

    assertThat(text).contains("- Grade: **A** (100 of 100 points)").contains("No findings.")
        .contains("- Configured user: `65532:65532`");
  }
}
