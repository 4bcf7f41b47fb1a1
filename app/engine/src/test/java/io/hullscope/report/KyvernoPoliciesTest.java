package io.hullscope.report;

import static io.hullscope.report.DockerfileSuggestionTest.config;
import static io.hullscope.report.DockerfileSuggestionTest.report;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.hullscope.check.AccountDatabase;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.ImageFacts;
import io.hullscope.check.SignatureFacts;
import io.hullscope.image.ImageConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KyvernoPoliciesTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void policiesParseAsClusterPolicies() throws IOException {
    List<JsonNode> documents = parse(policies(List.of("harbor.example.com/team/web-app:1.2.0"), null, null));

    assertThat(documents).hasSize(4);
    for (JsonNode document : documents) {
      assertThat(document.path("apiVersion").asText()).isEqualTo("kyverno.io/v1");
      assertThat(document.path("kind").asText()).isEqualTo("ClusterPolicy");
      assertThat(document.path("metadata").path("name").asText()).matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
      assertThat(document.path("spec").path("rules").isArray()).isTrue();
      // Kyverno applies the failure action to validate rules only, so the mutate policy has none.
      boolean validates = document.at("/spec/rules/0/validate").isObject();
      assertThat(document.path("spec").has("validationFailureAction")).isEqualTo(validates);
      if (validates) {
        assertThat(document.path("spec").path("validationFailureAction").asText()).isEqualTo("Enforce");
      }
    }
    assertThat(documents).extracting(d -> d.path("metadata").path("name").asText()).containsExactly(
        "hullscope-web-app-allowed-registries", "hullscope-web-app-run-as-non-root", "hullscope-web-app-default-user",
        "hullscope-web-app-disallow-latest-tag");
  }

  @Test
  void registriesComeFromReferences() throws IOException {
    JsonNode policy = parse(policies(List.of("harbor.example.com/team/app:1.0", "mirror.example.org/team/app:1.0"),
        null, null)).get(0);

    JsonNode spec = policy.at("/spec/rules/0/validate/pattern/spec");
    assertThat(spec.at("/containers/0/image").asText()).isEqualTo("harbor.example.com/* | mirror.example.org/*");
    assertThat(spec.at("/=(initContainers)/0/image").asText()).isEqualTo("harbor.example.com/* | mirror.example.org/*");
    assertThat(spec.at("/=(ephemeralContainers)/0/image").asText()).isEqualTo("harbor.example.com/* | mirror.example.org/*");
    assertThat(policy.at("/spec/rules/0/match/any/0/resources/kinds/0").asText()).isEqualTo("Pod");
  }

  @Test
  void shortNameSaysDockerHubIsAnAssumption() throws IOException {
    String yaml = policies(List.of("hullscope-samples/hygiene-bad:latest"), null, null);

    assertThat(yaml).contains("# hullscope-samples/hygiene-bad:latest names no registry, so docker.io below is"
        + " Docker's default,");
    assertThat(parse(yaml).get(0).at("/spec/rules/0/validate/pattern/spec/containers/0/image").asText())
        .isEqualTo("docker.io/*");
    assertThat(policies(List.of("harbor.example.com/team/app:1.0"), null, null)).doesNotContain("names no registry");
  }

  @Test
  void nonRootUsesSuggestedUser() throws IOException {
    List<JsonNode> documents = parse(policies(List.of("harbor.example.com/team/app:1.0"), null, null));

    JsonNode validate = documents.get(1).at("/spec/rules/0/validate/pattern/spec");
    assertThat(validate.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(validate.at("/containers/0/=(securityContext)/=(runAsNonRoot)").asBoolean()).isTrue();
    JsonNode mutate = documents.get(2).at("/spec/rules/0");
    assertThat(mutate.at("/mutate/patchStrategicMerge/spec/securityContext/+(runAsNonRoot)").asBoolean()).isTrue();
    assertThat(mutate.at("/mutate/patchStrategicMerge/spec/securityContext/+(runAsUser)").asLong()).isEqualTo(10001);
    assertThat(mutate.at("/mutate/patchStrategicMerge/spec/securityContext/+(runAsGroup)").asLong()).isEqualTo(10001);
    assertThat(mutate.at("/match/any/0/resources/selector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("app");
  }

  @Test
  void nonRootImageKeepsItsUid() throws IOException {
    String yaml = policies(List.of("harbor.example.com/team/app:1.0"), "65532:65532", null);

    JsonNode mutate = parse(yaml).get(2).at("/spec/rules/0/mutate/patchStrategicMerge/spec/securityContext");
    assertThat(mutate.path("+(runAsUser)").asLong()).isEqualTo(65532);
  }

  @Test
  void latestIsDisallowed() throws IOException {
    JsonNode rules = parse(policies(List.of("harbor.example.com/team/app:1.0"), null, null)).get(3).at("/spec/rules");

    assertThat(rules.at("/0/validate/pattern/spec/containers/0/image").asText()).isEqualTo("*:* | *@*");
    assertThat(rules.at("/1/validate/pattern/spec/containers/0/image").asText()).isEqualTo("!*:latest");
  }

  @Test
  void noSignerGivesCommentedTemplate() throws IOException {
    String yaml = policies(List.of("harbor.example.com/team/app:1.0"), null, null);

    assertThat(parse(yaml)).noneMatch(d -> d.path("metadata").path("name").asText().endsWith("verify-signature"));
    assertThat(yaml).contains("# apiVersion: kyverno.io/v1").contains("#   name: \"hullscope-app-verify-signature\"")
        .contains("#                     publicKeys: \"<fill-in:cosign-public-key>\"")
        .contains("#                     subject: \"<fill-in:signer-identity>\"");
    // Removing the comment marks gives a valid policy.
    String template = yaml.substring(yaml.lastIndexOf("# apiVersion:")).lines()
        .map(line -> line.startsWith("# ") ? line.substring(2) : line).filter(line -> !line.startsWith("#"))
        .reduce("", (a, b) -> a + b + "\n");
    JsonNode policy = parse(template).get(0);
    assertThat(policy.at("/spec/rules/0/verifyImages/0/imageReferences/0").asText())
        .isEqualTo("harbor.example.com/team/app*");
    assertThat(policy.at("/spec/rules/0/verifyImages/0/attestors/0/entries")).hasSize(2);
  }

  @Test
  void signersBecomeAttestors() throws IOException {
    SignatureFacts signatures = new SignatureFacts(3, 3, List.of(
        "ci@example.com (issuer https://token.actions.githubusercontent.com)",
        "subject=https://github.com/team/app/.github/workflows/release.yml@refs/heads/main issuer=https://token.actions.githubusercontent.com",
        "SHA256:8a3f0d1e2c9b7a6f5e4d"), false, List.of());

    List<JsonNode> documents = parse(policies(List.of("harbor.example.com/team/app:1.0"), null, signatures));

    JsonNode verify = documents.get(4).at("/spec/rules/0/verifyImages/0");
    assertThat(verify.at("/imageReferences/0").asText()).isEqualTo("harbor.example.com/team/app*");
    assertThat(verify.at("/verifyDigest").asBoolean()).isTrue();
    JsonNode entries = verify.at("/attestors/0/entries");
    assertThat(entries).hasSize(3);
    assertThat(entries.at("/0/keyless/subject").asText()).isEqualTo("ci@example.com");
    assertThat(entries.at("/0/keyless/issuer").asText()).isEqualTo("https://token.actions.githubusercontent.com");
    assertThat(entries.at("/1/keyless/subject").asText())
        .isEqualTo("https://github.com/team/app/.github/workflows/release.yml@refs/heads/main");
    assertThat(entries.at("/2/keys/publicKeys").asText()).isEqualTo("<fill-in:public-key-sha256-8a3f0d1e2c9b7a6f5e4d>");
  }

  @Test
  void hostileValuesStayScalars() throws IOException {
    SignatureFacts signatures = new SignatureFacts(1, 0, List.of("evil\"\n  injected: true\n@x.example"), false,
        List.of());
    HardeningReport report = report(config(null, List.of()), List.of(), List.of());
    HardeningReport named = new HardeningReport("bad\nname: x", null, report.createdAt(), "test", report.user(),
        report.findings(), report.grade(), report.checks());

    String yaml = KyvernoPolicies.suggest(named, facts(List.of("not a reference", "harbor.example.com/a/b:1"),
        config(null, List.of()), signatures));

    List<JsonNode> documents = parse(yaml);
    assertThat(documents).hasSize(5);
    assertThat(documents.get(4).at("/spec/rules/0/verifyImages/0/attestors/0/entries/0/keyless/subject").asText())
        .isEqualTo("evil\"\n  injected: true\n@x.example");
  }

  @Test
  void noReferenceGivesPlaceholder() throws IOException {
    String yaml = policies(List.of(), null, null);

    assertThat(parse(yaml).get(0).at("/spec/rules/0/validate/pattern/spec/containers/0/image").asText())
        .isEqualTo("<fill-in:registry>/*");
    assertThat(parse(yaml).get(0).at("/metadata/name").asText()).isEqualTo("hullscope-test-allowed-registries");
  }

  private static String policies(List<String> references, String user, SignatureFacts signatures) {
    ImageConfig config = config(user, List.of());
    return KyvernoPolicies.suggest(report(config, List.of(), List.of()), facts(references, config, signatures));
  }

  private static ImageFacts facts(List<String> references, ImageConfig config, SignatureFacts signatures) {
    return new ImageFacts(references, null, config, null, AccountDatabase.NONE, null, null, null, signatures);
  }

  static List<JsonNode> parse(String yaml) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (iterator.hasNext()) {
        JsonNode document = iterator.next();
        if (document != null && !document.isMissingNode() && !document.isNull() && !document.isEmpty()) {
          documents.add(document);
        }
      }
    }
    return documents;
  }
}
