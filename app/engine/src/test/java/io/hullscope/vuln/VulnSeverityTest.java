package io.hullscope.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VulnSeverityTest {

  @ParameterizedTest
  @CsvSource({
    "0.0, NONE", "0.1, LOW", "3.9, LOW", "4.0, MEDIUM", "6.9, MEDIUM", "7.0, HIGH", "8.9, HIGH",
    "9.0, CRITICAL", "10.0, CRITICAL",
  })
  void v3AndV4ScoresMapToRatings(double score, VulnSeverity expected) {
    assertThat(VulnSeverity.fromScore(score)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0.0, LOW", "3.9, LOW", "4.0, MEDIUM", "6.9, MEDIUM", "7.0, HIGH", "9.3, HIGH", "10.0, HIGH"})
  void v2ScoresHaveNoCritical(double score, VulnSeverity expected) {
    assertThat(VulnSeverity.fromCvssV2Score(score)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.1, 10.1, Double.NaN, Double.POSITIVE_INFINITY})
  void scoreOutsideRangeIsRejected(double score) {
    assertThatThrownBy(() -> VulnSeverity.fromScore(score))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside 0.0 to 10.0");
    assertThatThrownBy(() -> VulnSeverity.fromCvssV2Score(score)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "CRITICAL, CRITICAL", "Important, HIGH", "high, HIGH", "' moderate ', MEDIUM", "Medium, MEDIUM",
    "negligible, LOW", "unimportant, LOW", "LOW, LOW", "none, NONE", "not yet assigned, UNKNOWN",
    "'', UNKNOWN",
  })
  void labelsMapToLevels(String label, VulnSeverity expected) {
    assertThat(VulnSeverity.fromLabel(label)).isEqualTo(expected);
  }

  @Test
  void nullLabelIsUnknown() {
    assertThat(VulnSeverity.fromLabel(null)).isEqualTo(VulnSeverity.UNKNOWN);
  }
}
