package io.hullscope.report;

import static io.hullscope.report.DockerfileSuggestionTest.config;
import static io.hullscope.report.DockerfileSuggestionTest.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.AccountDatabase;
import io.hullscope.check.ImageFacts;
import io.hullscope.check.Severity;
import io.hullscope.check.SignatureFacts;
import io.hullscope.check.VulnerabilityFacts;
import io.hullscope.image.ImageConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarborSettingsAdviceTest {

  @Test
  void adviceNamesProjectAndSettings() {
    String advice = advice(List.of("harbor.example.com/team/app:1.4.2"), null, null);

    assertThat(advice).startsWith("## Harbor project settings for `test`\n")
        .contains("Project `team` on `harbor.example.com`", "`PUT /api/v2.0/projects/team`")
        .contains("`auto_scan: \"true\"`", "`prevent_vul: \"true\"`, `severity: \"high\"`",
            "`enable_content_trust_cosign: \"true\"`", "`auto_sbom_generation: \"true\"`")
        .contains("tags matching `v*`", "This image's tag `1.4.2` is a release tag")
        .contains("This image has no scan result yet.", "Signatures of this image were not looked up.");
  }

  @Test
  void adviceReflectsScanAndSignatures() {
    VulnerabilityFacts scan = new VulnerabilityFacts("Trivy 0.58.0", "", List.of(
        new VulnerabilityFacts.Item("CVE-2024-0001", List.of(), Severity.CRITICAL, "openssl", "3.0.1", "3.0.2", 0),
        new VulnerabilityFacts.Item("CVE-2024-0002", List.of(), Severity.HIGH, "zlib", "1.2", null, 0),
        new VulnerabilityFacts.Item("CVE-2024-0003", List.of(), Severity.LOW, "bash", "5.1", "5.2", 0)));
    SignatureFacts unsigned = new SignatureFacts(0, 0, List.of(), false, List.of());

    String advice = advice(List.of("harbor.example.com/team/app:latest"), scan, unsigned);

    assertThat(advice).contains("This image was scanned with Trivy 0.58.0.")
        .contains("This image has 2 High or Critical vulnerabilities (1 with a fix)")
        .contains("This image is not signed")
        .contains("This image's tag `latest` is not a release tag");
  }

  @Test
  void dockerHubImageHasNoProject() {
    String advice = advice(List.of("nginx:1.27"), null, new SignatureFacts(1, 1, List.of("a|b"), true, List.of()));

    assertThat(advice).contains("the Harbor project that holds the image", "signed by a\\|b");
  }

  private static String advice(List<String> references, VulnerabilityFacts scan, SignatureFacts signatures) {
    ImageConfig config = config(null, List.of());
    ImageFacts facts = new ImageFacts(references, null, config, null, AccountDatabase.NONE, null, null, scan,
        signatures);
    return HarborSettingsAdvice.suggest(report(config, List.of(), List.of()), facts);
  }
}
