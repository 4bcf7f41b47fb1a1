package io.hullscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.SpecificationVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SarifReportWriterTest {

  private static JsonNode sarif() throws Exception {
    return SchemaFiles.parse(ReportTesting.bytes(HandMadeReports.full(), ReportFormat.SARIF));
  }

  @Test
  void fullReportValidatesAgainstSarifSchema() throws Exception {
    JsonNode log = sarif();

    assertThat(SchemaFiles.problems(SchemaFiles.sarifSchema(), SpecificationVersion.DRAFT_4, log)).isEmpty();
  }

  @Test
  void cleanReportValidatesAgainstSarifSchema() throws Exception {
    JsonNode log = SchemaFiles.parse(ReportTesting.bytes(HandMadeReports.clean(), ReportFormat.SARIF));

    assertThat(SchemaFiles.problems(SchemaFiles.sarifSchema(), SpecificationVersion.DRAFT_4, log)).isEmpty();
    assertThat(log.at("/runs/0/results")).isEmpty();
  }

  @Test
  void sarifSchemaRejectsWrongLevel() throws Exception {
    JsonNode log = sarif();
    ((ObjectNode) log.at("/runs/0/results/0")).put("level", "fatal");

    assertThat(SchemaFiles.problems(SchemaFiles.sarifSchema(), SpecificationVersion.DRAFT_4, log)).isNotEmpty();
  }

  @Test
  void oneRulePerDefinitionPlusUnlisted() throws Exception {
    JsonNode rules = sarif().at("/runs/0/tool/driver/rules");

    List<String> ids = new ArrayList<>();
    rules.forEach(rule -> ids.add(rule.get("id").asText()));
    List<String> expected = new ArrayList<>(HandMadeReports.definitions().stream().map(d -> d.id()).toList());
    expected.add("UNLISTED-CHECK");
    assertThat(ids).containsExactlyElementsOf(expected);
  }

  @Test
  void ruleCarriesDescriptionsAndDefaultLevel() throws Exception {
    JsonNode rule = sarif().at("/runs/0/tool/driver/rules/0");

    assertThat(rule.get("id").asText()).isEqualTo("ROOT-USER");
    assertThat(rule.get("name").asText()).isEqualTo("RootUser");
    assertThat(rule.at("/shortDescription/text").asText()).isEqualTo("The container runs as root");
    assertThat(rule.at("/fullDescription/text").asText()).startsWith("A process that escapes");
    assertThat(rule.at("/help/text").asText()).startsWith("A process that escapes");
    assertThat(rule.at("/defaultConfiguration/level").asText()).isEqualTo("error");
    assertThat(rule.at("/properties/security-severity").asText()).isEqualTo("8.0");
  }

  @Test
  void levelFollowsSeverity() throws Exception {
    JsonNode results = sarif().at("/runs/0/results");

    List<String> pairs = new ArrayList<>();
    results.forEach(r -> pairs.add(r.at("/properties/severity").asText() + "=" + r.get("level").asText()));
    assertThat(pairs).contains("critical=error", "high=error", "medium=warning", "low=note", "info=note")
        .doesNotContain("critical=warning", "medium=error", "info=warning");
  }

  @Test
  void ruleIndexPointsAtRule() throws Exception {
    JsonNode run = sarif().at("/runs/0");

    for (JsonNode result : run.get("results")) {
      JsonNode rule = run.at("/tool/driver/rules/" + result.get("ruleIndex").asInt());
      assertThat(rule.get("id").asText()).isEqualTo(result.get("ruleId").asText());
    }
  }

  @Test
  void fileEvidenceIsPercentEncodedLayerUri() throws Exception {
    List<String> uris = new ArrayList<>();
    sarif().at("/runs/0/results").forEach(r -> r.get("locations")
        .forEach(l -> uris.add(l.at("/physicalLocation/artifactLocation/uri").asText())));

    assertThat(uris).contains("layer/0/etc/passwd", "layer/2/opt/odd%20name/50%25%3F%23.bin",
        "layer/2/usr/bin/sudo%20%3Cscript%3Ealert%28%27x%27%29%3C/script%3E", "layer/1/app/assets/big.bin");
  }

  @Test
  void layerUriStaysBelowItsLayer() {
    assertThat(SarifReportWriter.layerUri(3, "/../../etc/./shadow")).isEqualTo("layer/3/etc/shadow");
  }

  @Test
  void historyAndConfigAreLogicalLocations() throws Exception {
    List<String> names = new ArrayList<>();
    sarif().at("/runs/0/results").forEach(r -> r.get("locations")
        .forEach(l -> l.path("logicalLocations").forEach(n -> names.add(n.get("fullyQualifiedName").asText()))));

    assertThat(names).contains("history/3", "history/4", "config/Env", "config/User", "harbor/auto_scan", "scan",
        "signatures", "sbom/openssl 3.0.11-1", "image");
  }

  @Test
  void fingerprintsStableAcrossRuns() throws Exception {
    JsonNode first = sarif();
    JsonNode second = SchemaFiles.parse(ReportTesting.bytes(
        HandMadeReports.full(Instant.parse("2027-01-01T00:00:00Z")), ReportFormat.SARIF));

    assertThat(fingerprints(second)).isEqualTo(fingerprints(first));
    assertThat(second.at("/runs/0/properties/createdAt").asText()).isNotEqualTo(
        first.at("/runs/0/properties/createdAt").asText());
  }

  @Test
  void fingerprintsUniqueWithinRun() throws Exception {
    List<String> fingerprints = fingerprints(sarif());

    Set<String> unique = new HashSet<>(fingerprints);
    assertThat(unique).hasSameSizeAs(fingerprints);
    assertThat(fingerprints).allMatch(f -> f.matches("[0-9a-f]{64}"));
  }

  @Test
  void messagesAreRedacted() throws Exception {
    String text = ReportTesting.text(HandMadeReports.full(), ReportFormat.SARIF);

    assertThat(text).doesNotContain(HandMadeReports.LEAKED_TOKEN);
    assertThat(sarif().at("/runs/0/results/0/message/text").asText())
        .isEqualTo("Environment variable API_TOKEN holds a token. Evidence: Env API_TOKEN=********. Suggestion:"
            + " Pass the token at run time from a secret store.");
  }

  @Test
  void driverNameAndVersionSplit() throws Exception {
    JsonNode driver = sarif().at("/runs/0/tool/driver");

    assertThat(driver.get("name").asText()).isEqualTo("Hullscope");
    assertThat(driver.get("version").asText()).isEqualTo("0.1.0");
  }

  private static List<String> fingerprints(JsonNode log) {
    List<String> fingerprints = new ArrayList<>();
    log.at("/runs/0/results").forEach(r -> fingerprints.add(
        r.at("/partialFingerprints").get(SarifReportWriter.FINGERPRINT_KEY).asText()));
    return fingerprints;
  }
}
