package io.hullscope.source.harbor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.Finding;
import io.hullscope.check.HarborProjectAudit;
import io.hullscope.check.Severity;
import io.hullscope.source.harbor.HarborStub.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Audits a stub Harbor project configured badly in every way the audit knows, and one configured
 * well. The stub checks every request and answer against Harbor's API description, so the
 * settings are read the way a real Harbor serves them.
 */
class HarborProjectAuditTest {

  private static final String API = "/api/v2.0";

  private HarborStub stub;

  @BeforeEach
  void start() throws IOException {
    stub = new HarborStub();
  }

  @AfterEach
  void stop() {
    if (stub != null) {
      stub.close();
    }
  }

  @Test
  void badlyConfiguredProjectGivesEveryFinding() throws IOException {
    HarborFixtures.serveProject(stub, "legacy", 11,
        "\"public\":\"true\",\"auto_scan\":\"false\",\"prevent_vul\":\"false\",\"enable_content_trust_cosign\":\"false\","
            + "\"auto_sbom_generation\":\"false\"",
        "{\"id\":3,\"project_id\":11,\"items\":[{\"cve_id\":\"CVE-2023-4863\"}]}",
        "[{\"id\":1,\"disabled\":false,\"tag_selectors\":[{\"kind\":\"doublestar\",\"decoration\":\"matches\","
            + "\"pattern\":\"latest\"}],\"scope_selectors\":{\"repository\":[{\"kind\":\"doublestar\","
            + "\"decoration\":\"repoMatches\",\"pattern\":\"**\"}]}}]",
        "[" + HarborFixtures.robot("robot$legacy+ci", "project", -1, -1, "legacy", "\"push\"")
            + "]",
        "[" + HarborFixtures.robot("robot$deployer", "system", 30, 1790000000, "*", "\"push\",\"delete\"") + "]",
        "{\"uuid\":\"s-1\",\"name\":\"Trivy\",\"vendor\":\"Aqua Security\",\"version\":\"v0.56.1\","
            + "\"url\":\"http://trivy:8080\"}",
        List.of("pull", "push"));

    List<Finding> findings = audit("legacy");

    assertThat(findings).extracting(Finding::id).contains(
        "HARBOR-PLAIN-HTTP",
        "HARBOR-SCAN-ON-PUSH-OFF",
        "HARBOR-VULNERABLE-NOT-BLOCKED",
        "HARBOR-SIGNATURES-NOT-ENFORCED",
        "HARBOR-PUBLIC-PROJECT",
        "HARBOR-ANONYMOUS-PUSH",
        "HARBOR-NO-IMMUTABLE-RELEASE-TAGS",
        "HARBOR-NO-RETENTION",
        "HARBOR-ROBOT-TOO-POWERFUL",
        "HARBOR-ROBOT-NEVER-EXPIRES",
        "HARBOR-CVE-ALLOWLIST-NO-EXPIRY",
        "HARBOR-AUTO-SBOM-OFF");
    assertThat(findings.get(0).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(findings).filteredOn(f -> f.id().equals("HARBOR-ROBOT-TOO-POWERFUL"))
        .singleElement().satisfies(f -> assertThat(f.evidence()).contains("robot$deployer").contains("every project"));
    assertThat(findings).filteredOn(f -> f.id().equals("HARBOR-ROBOT-NEVER-EXPIRES"))
        .extracting(Finding::title).containsExactly("Robot robot$legacy+ci never expires");
    assertThat(findings).allSatisfy(f -> assertThat(f.location()).isNotBlank());
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void wellConfiguredProjectGivesOnlyTheTransportFinding() throws IOException {
    HarborFixtures.serveProject(stub, "payments", 12,
        "\"public\":\"false\",\"auto_scan\":\"true\",\"prevent_vul\":\"true\",\"severity\":\"high\","
            + "\"enable_content_trust_cosign\":\"true\",\"auto_sbom_generation\":\"true\",\"retention_id\":\"5\"",
        "{\"id\":4,\"project_id\":12,\"items\":[]}",
        "[{\"id\":2,\"disabled\":false,\"tag_selectors\":[{\"kind\":\"doublestar\",\"decoration\":\"matches\","
            + "\"pattern\":\"{v,}[0-9]*.[0-9]*.[0-9]*\"}],\"scope_selectors\":{\"repository\":[{\"kind\":\"doublestar\","
            + "\"decoration\":\"repoMatches\",\"pattern\":\"**\"}]}}]",
        "[" + HarborFixtures.robot("robot$payments+ci", "project", 90, 1790000000, "payments", "\"push\",\"pull\"") + "]",
        "[]",
        "{\"uuid\":\"s-1\",\"name\":\"Trivy\",\"vendor\":\"Aqua Security\",\"version\":\"v0.56.1\"}",
        List.of());
    stub.on("GET", API + "/retentions/5", Answer.json(200, "{\"id\":5,\"algorithm\":\"or\",\"rules\":[{\"id\":1,"
        + "\"disabled\":false,\"action\":\"retain\",\"template\":\"latestPushedK\"}],"
        + "\"trigger\":{\"kind\":\"Schedule\",\"settings\":{\"cron\":\"0 0 0 * * *\"}}}"));

    List<Finding> findings = audit("payments");

    // The stub speaks plain HTTP; a real well-configured Harbor would not even give this one.
    assertThat(findings).extracting(Finding::id).containsExactly("HARBOR-PLAIN-HTTP");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void blockingOnlyCriticalIsAFinding() throws IOException {
    HarborFixtures.serveProject(stub, "infra", 13,
        "\"public\":\"false\",\"auto_scan\":\"true\",\"prevent_vul\":\"true\",\"severity\":\"critical\","
            + "\"enable_content_trust_cosign\":\"true\",\"auto_sbom_generation\":\"true\"",
        "{\"id\":5,\"project_id\":13,\"items\":[]}", "[]", "[]", "[]", "{\"name\":\"Trivy\"}", List.of());

    assertThat(audit("infra")).extracting(Finding::id)
        .contains("HARBOR-VULNERABLE-BLOCKED-ABOVE-HIGH")
        .doesNotContain("HARBOR-VULNERABLE-NOT-BLOCKED");
  }

  @Test
  void refusedPartsAreNamedNotGuessed() throws IOException {
    HarborFixtures.serveProject(stub, "team", 14,
        "\"public\":\"false\",\"auto_scan\":\"true\",\"prevent_vul\":\"true\",\"severity\":\"high\","
            + "\"enable_content_trust_cosign\":\"true\",\"auto_sbom_generation\":\"true\",\"retention_id\":\"9\"",
        "{\"id\":6,\"project_id\":14,\"items\":[]}", "[]", "[]", "[]", "{\"name\":\"Trivy\"}", List.of());
    String forbidden = "{\"errors\":[{\"code\":\"FORBIDDEN\",\"message\":\"forbidden\"}]}";
    stub.on("GET", API + "/projects/team/members", Answer.json(403, forbidden));
    stub.on("GET", API + "/retentions/9", Answer.json(403, forbidden));

    List<Finding> findings = audit("team");

    assertThat(findings).filteredOn(f -> f.id().equals("HARBOR-NOT-CHECKED")).extracting(Finding::title)
        .containsExactlyInAnyOrder("Could not check the members", "Could not check the tag retention policy");
    assertThat(findings).extracting(Finding::id).doesNotContain("HARBOR-NO-RETENTION");
    assertThat(stub.contractViolations()).isEmpty();
  }

  private List<Finding> audit(String project) throws IOException {
    HarborClient client = new HarborClient(new HarborConnection(stub.url(), "auditor", "pw", null, true, null));
    return HarborProjectAudit.audit(HarborProjectSnapshot.read(client, project));
  }
}
