package io.hullscope.ui.harbor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.check.Finding;
import io.hullscope.check.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditExportTest {

  private static final Finding PUBLIC = new Finding("HARBOR-PUBLIC-PROJECT", "The project is public", Severity.MEDIUM,
      "Anyone can pull.", "Project setting public = true", "Make it private.", "Projects > p > Configuration");
  private static final Finding PUSH = new Finding("HARBOR-ANONYMOUS-PUSH", "Anonymous push", Severity.CRITICAL,
      "Anyone can push.", "token grants push", "Remove push.", "Projects > p > Members");

  private static ProjectAudit audit(List<Finding> findings, List<String> unreadable) {
    return new ProjectAudit(URI.create("https://harbor.example.com"), "v2.12.2", "p", "Signed in as user alice",
        Instant.parse("2026-12-05T02:00:00Z"), unreadable, findings);
  }

  @Test
  void markdownGroupsBySeverityMostSevereFirst() {
    String text = AuditExport.markdown(audit(List.of(PUBLIC, PUSH), List.of()));

    assertThat(text).startsWith("# Harbor audit of project p\n");
    assertThat(text).contains("- Findings: 2 (1 critical, 1 medium)\n");
    assertThat(text.indexOf("## Critical")).isLessThan(text.indexOf("## Medium"));
    assertThat(text).contains("### Anonymous push (`HARBOR-ANONYMOUS-PUSH`)");
    assertThat(text).contains("- Where: Projects > p > Members\n");
  }

  @Test
  void markdownEscapesHarborValues() {
    Finding hostile = new Finding("X", "Tag *release*\n# injected", Severity.LOW, "r", "`code` [link](x)", "s", "l");

    String text = AuditExport.markdown(audit(List.of(hostile), List.of()));

    assertThat(text).contains("### Tag \\*release\\* # injected (`X`)");
    assertThat(text).contains("- Evidence: \\`code\\` \\[link\\](x)\n");
    assertThat(text).doesNotContain("\n# injected");
  }

  @Test
  void markdownNamesUncheckedParts() {
    String text = AuditExport.markdown(audit(List.of(), List.of("members", "robot accounts")));

    assertThat(text).contains("- Not checked, because this account may not read them: members, robot accounts\n");
    assertThat(text).contains("\nNo findings.\n");
  }

  @Test
  void jsonHasEveryFieldOfEachFinding() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    AuditExport.write(audit(List.of(PUSH), List.of("members")), AuditExport.Format.JSON, out);

    JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(json.path("harbor").asText()).isEqualTo("https://harbor.example.com");
    assertThat(json.path("project").asText()).isEqualTo("p");
    assertThat(json.path("unreadable").get(0).asText()).isEqualTo("members");
    JsonNode finding = json.path("findings").get(0);
    assertThat(finding.path("id").asText()).isEqualTo("HARBOR-ANONYMOUS-PUSH");
    assertThat(finding.path("severity").asText()).isEqualTo("CRITICAL");
    assertThat(finding.path("location").asText()).isEqualTo("Projects > p > Members");
  }
}
