package io.hullscope.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckPolicyTest {

  private static final Finding HIGH = new Finding("SSH-SERVER", "SSH", Severity.HIGH, "", "", "", "");

  @Test
  void defaultPolicyKeepsFindingAsItIs() {
    assertThat(CheckPolicy.DEFAULT.apply(HIGH)).contains(HIGH);
  }

  @Test
  void disabledIdDropsFinding() {
    CheckPolicy policy = new CheckPolicy(Set.of("SSH-SERVER"), null, null, null);

    assertThat(policy.apply(HIGH)).isEmpty();
  }

  @Test
  void newSeverityKeepsEverythingElse() {
    CheckPolicy policy = new CheckPolicy(null, Map.of("SSH-SERVER", Severity.LOW), null, null);

    Finding rerated = policy.apply(HIGH).orElseThrow();

    assertThat(rerated.severity()).isEqualTo(Severity.LOW);
    assertThat(rerated.withSeverity(Severity.HIGH)).isEqualTo(HIGH);
  }

  @Test
  void nullPartsMeanDefaults() {
    CheckPolicy policy = new CheckPolicy(null, null, null, null);

    assertThat(policy.disabled()).isEmpty();
    assertThat(policy.severities()).isEmpty();
    assertThat(policy.settings()).isEqualTo(CheckSettings.DEFAULTS);
  }

  @Test
  void failsOnlyFromItsSeverity() {
    HardeningReport report = new HardeningReport("app", null, Instant.EPOCH, "test", null, List.of(HIGH),
        HygieneGrade.of(List.of(HIGH)), List.of());

    assertThat(CheckPolicy.DEFAULT.fails(report)).isFalse();
    assertThat(CheckPolicy.DEFAULT.withFailOn(Severity.CRITICAL).fails(report)).isFalse();
    assertThat(CheckPolicy.DEFAULT.withFailOn(Severity.HIGH).fails(report)).isTrue();
    assertThat(CheckPolicy.DEFAULT.withFailOn(Severity.INFO).fails(report)).isTrue();
  }
}
