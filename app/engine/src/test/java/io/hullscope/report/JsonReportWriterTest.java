package io.hullscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.SpecificationVersion;
import io.hullscope.check.HardeningReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportWriterTest {

  private static JsonNode json(HardeningReport report) throws Exception {
    return SchemaFiles.parse(ReportTesting.bytes(report, ReportFormat.JSON));
  }

  @Test
  void fullReportValidatesAgainstSchema() throws Exception {
    JsonNode document = json(HandMadeReports.full());

    assertThat(SchemaFiles.problems(SchemaFiles.reportSchema(), SpecificationVersion.DRAFT_2020_12, document))
        .isEmpty();
  }

  @Test
  void cleanReportValidatesAgainstSchema() throws Exception {
    JsonNode document = json(HandMadeReports.clean());

    assertThat(SchemaFiles.problems(SchemaFiles.reportSchema(), SpecificationVersion.DRAFT_2020_12, document))
        .isEmpty();
    assertThat(document.get("findings")).isEmpty();
    assertThat(document.at("/user/uid").asLong()).isEqualTo(65532);
  }

  @Test
  void schemaRejectsBrokenDocuments() throws Exception {
    ObjectNode document = (ObjectNode) json(HandMadeReports.full());
    document.remove("schemaVersion");
    ((ObjectNode) document.at("/findings/0")).put("severity", "severe");
    ((ObjectNode) document.at("/grade")).put("letter", "E");

    List<String> problems =
        SchemaFiles.problems(SchemaFiles.reportSchema(), SpecificationVersion.DRAFT_2020_12, document);

    assertThat(problems).hasSizeGreaterThanOrEqualTo(3);
    assertThat(String.join("\n", problems)).contains("schemaVersion").contains("severity").contains("letter");
  }

  @Test
  void headerFieldsComeFromReport() throws Exception {
    JsonNode document = json(HandMadeReports.full());

    assertThat(document.get("schemaVersion").asText()).isEqualTo(JsonReportWriter.SCHEMA_VERSION);
    assertThat(document.get("tool").asText()).isEqualTo("Hullscope 0.1.0");
    assertThat(document.get("createdAt").asText()).isEqualTo("2026-12-05T02:00:00Z");
    assertThat(document.at("/image/digest").asText()).isEqualTo(HandMadeReports.DIGEST.toString());
    assertThat(document.at("/image/name").asText()).endsWith(HandMadeReports.SCRIPT);
    assertThat(document.at("/user/outcome").asText()).isEqualTo("runs");
    assertThat(document.at("/user/uid").asLong()).isZero();
  }

  @Test
  void summaryCountsEverySeverity() throws Exception {
    JsonNode summary = json(HandMadeReports.full()).get("summary");

    assertThat(summary.get("critical").asInt()).isEqualTo(2);
    assertThat(summary.get("high").asInt()).isEqualTo(2);
    assertThat(summary.get("medium").asInt()).isEqualTo(3);
    assertThat(summary.get("low").asInt()).isEqualTo(3);
    assertThat(summary.get("info").asInt()).isEqualTo(2);
  }

  @Test
  void findingPointsAddUpToGrade() throws Exception {
    HardeningReport report = HandMadeReports.full();
    JsonNode document = json(report);

    int sum = 0;
    for (JsonNode finding : document.get("findings")) {
      sum += finding.get("points").asInt();
    }
    assertThat(sum).isEqualTo(document.at("/grade/pointsLost").asInt());
    assertThat(document.at("/grade/score").asInt()).isEqualTo(report.grade().score());
    assertThat(document.at("/grade/score").asInt()).isEqualTo(Math.max(0, 100 - sum));
    // The second SECRET-IN-ENV finding costs half of the first: 30, then 15.
    assertThat(document.at("/findings/0/points").asInt()).isEqualTo(30);
    assertThat(document.at("/findings/1/points").asInt()).isEqualTo(15);
    assertThat(document.at("/grade/pointsLostByFamily/secrets").asInt()).isEqualTo(45);
  }

  @Test
  void everyEvidenceKindIsWritten() throws Exception {
    JsonNode document = json(HandMadeReports.full());

    List<String> kinds = new ArrayList<>();
    document.get("findings").forEach(f -> f.get("evidenceItems").forEach(e -> kinds.add(e.get("kind").asText())));
    assertThat(kinds).contains("file", "history", "config", "package", "scan", "signature", "harbor");
  }

  @Test
  void evidenceItemFieldsKeepTheirPlace() throws Exception {
    JsonNode sudo = findingById(json(HandMadeReports.full()), "SETUID-FILE");

    JsonNode first = sudo.at("/evidenceItems/0");
    assertThat(first.get("layer").asInt()).isEqualTo(2);
    assertThat(first.get("path").asText()).isEqualTo("usr/bin/sudo " + HandMadeReports.SCRIPT);
    assertThat(first.has("historyIndex")).isFalse();
  }

  @Test
  void findingWithoutDefinitionIsFamilyOther() throws Exception {
    JsonNode unlisted = findingById(json(HandMadeReports.full()), "UNLISTED-CHECK");

    assertThat(unlisted.get("family").asText()).isEqualTo(ReportModel.UNKNOWN_GROUP);
  }

  @Test
  void leakedSecretIsMasked() throws Exception {
    String text = ReportTesting.text(HandMadeReports.full(), ReportFormat.JSON);

    assertThat(text).doesNotContain(HandMadeReports.LEAKED_TOKEN).contains("API_TOKEN=********");
  }

  private static JsonNode findingById(JsonNode document, String id) {
    for (JsonNode finding : document.get("findings")) {
      if (finding.get("id").asText().equals(id)) {
        return finding;
      }
    }
    throw new AssertionError("no finding " + id);
  }
}
