package io.hullscope.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageChecksTest {

  /** A check family with two ids that reports fixed findings. */
  private static final class FixedCheck implements ImageCheck {
    private final List<Finding> findings;

    FixedCheck(List<Finding> findings) {
      this.findings = findings;
    }

    @Override
    public List<CheckDefinition> definitions() {
      return List.of(new CheckDefinition("ALPHA", "Alpha", Severity.HIGH, "test", "why alpha"),
          new CheckDefinition("BETA", "Beta", Severity.LOW, "test", "why beta"));
    }

    @Override
    public List<Finding> run(ImageFacts facts, CheckSettings settings) {
      return findings;
    }
  }

  private static final Finding ALPHA = new Finding("ALPHA", "Alpha", Severity.HIGH, "", "", "", "");
  private static final Finding BETA = new Finding("BETA", "Beta", Severity.LOW, "", "", "", "");

  private final ImageFacts facts = CheckImages.image().facts();

  @Test
  void defaultPolicyKeepsEveryFinding() throws IOException {
    HardeningReport report = checks(ALPHA, BETA).run("app", facts, CheckPolicy.DEFAULT, "test");

    assertThat(report.findings()).extracting(Finding::id).containsExactly("ALPHA", "BETA");
    assertThat(report.grade().score()).isEqualTo(100 - 15 - 2);
  }

  @Test
  void disabledCheckIsDropped() throws IOException {
    CheckPolicy policy = new CheckPolicy(Set.of("ALPHA"), Map.of(), CheckSettings.DEFAULTS, null);

    HardeningReport report = checks(ALPHA, BETA).run("app", facts, policy, "test");

    assertThat(report.findings()).extracting(Finding::id).containsExactly("BETA");
    assertThat(report.grade().score()).isEqualTo(98);
    assertThat(report.checks()).extracting(CheckDefinition::id).contains("ALPHA");
  }

  @Test
  void reratedCheckChangesSeverityAndGrade() throws IOException {
    CheckPolicy policy = new CheckPolicy(Set.of(), Map.of("BETA", Severity.CRITICAL), CheckSettings.DEFAULTS, null);

    HardeningReport report = checks(ALPHA, BETA).run("app", facts, policy, "test");

    assertThat(report.findings()).extracting(Finding::id, Finding::severity).containsExactly(
        org.assertj.core.groups.Tuple.tuple("BETA", Severity.CRITICAL),
        org.assertj.core.groups.Tuple.tuple("ALPHA", Severity.HIGH));
    assertThat(report.grade().score()).isEqualTo(100 - 30 - 15);
  }

  @Test
  void policyFailsFromItsSeverity() throws IOException {
    HardeningReport report = checks(BETA).run("app", facts, CheckPolicy.DEFAULT, "test");

    assertThat(CheckPolicy.DEFAULT.fails(report)).isFalse();
    assertThat(CheckPolicy.DEFAULT.withFailOn(Severity.LOW).fails(report)).isTrue();
    assertThat(CheckPolicy.DEFAULT.withFailOn(Severity.MEDIUM).fails(report)).isFalse();
  }

  @Test
  void unknownIdsInPolicyAreRejected() {
    CheckPolicy policy = new CheckPolicy(Set.of("ALPA"), Map.of("GAMMA", Severity.LOW),
        new CheckSettings(Map.of("DELTA.count", "3", "ALPHA.count", "1")), null);

    assertThatThrownBy(() -> checks(ALPHA).run("app", facts, policy, "test"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ALPA, DELTA.count, GAMMA")
        .hasMessageNotContaining("ALPHA.count");
  }

  @Test
  void findingWithUndefinedIdIsRejected() {
    Finding stray = new Finding("GAMMA", "Gamma", Severity.LOW, "", "", "", "");

    assertThatThrownBy(() -> checks(stray).run("app", facts, CheckPolicy.DEFAULT, "test"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("GAMMA");
  }

  @Test
  void duplicateDefinitionsAreRejected() {
    assertThatThrownBy(() -> new ImageChecks(List.of(new FixedCheck(List.of()), new FixedCheck(List.of()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ALPHA");
  }

  @Test
  void defaultsDefineThePlannedIds() {
    List<String> ids = HardeningChecks.defaults().definitions().stream().map(CheckDefinition::id).toList();

    assertThat(ids).contains("ROOT-USER",
        "TAG-LATEST", "TAG-MISSING", "BASE-NOT-PINNED", "DISTRO-EOL",
        "SHELL-PRESENT", "PACKAGE-MANAGER-PRESENT", "BUILD-TOOLS-PRESENT", "CURL-PIPE-SHELL", "SETUID-FILE",
        "SETGID-FILE", "WORLD-WRITABLE", "SUDO-PRESENT", "SSH-SERVER", "PORT-22-EXPOSED",
        "PACKAGE-CACHE-LEFT", "ADD-FROM-URL", "ADD-INSTEAD-OF-COPY", "NO-HEALTHCHECK", "MISSING-OCI-LABELS",
        "WASTED-SPACE", "MANY-LAYERS",
        "NOT-SIGNED", "SIGNATURE-NOT-VERIFIED", "NO-SBOM-ATTACHED", "FIXABLE-VULNERABILITIES",
        "CRITICAL-WITHOUT-FIX");
  }

  @Test
  void defaultsRunOnAnEmptyImage() throws IOException {
    HardeningReport report = HardeningChecks.defaults().run("empty", facts, CheckPolicy.DEFAULT, "test");

    // An image without files and config shows only these three problems.
    assertThat(report.findings()).extracting(Finding::id)
        .containsExactlyInAnyOrder("ROOT-USER", "NO-HEALTHCHECK", "MISSING-OCI-LABELS");
  }

  private static ImageChecks checks(Finding... findings) {
    return new ImageChecks(List.of(new FixedCheck(List.of(findings))));
  }
}
