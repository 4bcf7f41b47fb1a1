package io.hullscope.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.vuln.CvssScores.BaseScore;
import io.hullscope.vuln.CvssScores.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CvssScoresTest {

  /**
   * Worked by hand from the CVSS v3.1 formulas: ISS = 1 - 0.44^3 = 0.914816, impact (scope
   * unchanged) = 6.42 * ISS = 5.8731, exploitability = 8.22 * 0.85 * 0.77 * 0.85 * 0.85 = 3.8870,
   * base = roundup(9.7602) = 9.8.
   */
  @Test
  void v31NetworkHighImpactIsCritical() {
    BaseScore score = CvssScores.score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");

    assertThat(score.version()).isEqualTo(Version.V3_1);
    assertThat(score.baseScore()).isEqualTo(9.8);
    assertThat(score.severity()).isEqualTo(VulnSeverity.CRITICAL);
  }

  /**
   * Worked by hand from the CVSS v2 formulas: impact = 10.41 * (1 - 0.725^3) = 6.4430,
   * exploitability = 20 * 1.0 * 0.71 * 0.704 = 9.9968, base = round((0.6 * 6.4430 + 0.4 * 9.9968 -
   * 1.5) * 1.176) = round(7.4847) = 7.5, which v2 rates high.
   */
  @Test
  void v2PartialImpactIsHigh() {
    BaseScore score = CvssScores.score("AV:N/AC:L/Au:N/C:P/I:P/A:P");

    assertThat(score.version()).isEqualTo(Version.V2_0);
    assertThat(score.baseScore()).isEqualTo(7.5);
    assertThat(score.severity()).isEqualTo(VulnSeverity.HIGH);
  }

  /**
   * Worked by hand: ISS = 1 - 0.44 = 0.56, impact = 6.42 * 0.56 = 3.5952, exploitability = 8.22 *
   * 0.55 * 0.77 * 0.62 * 0.85 = 1.8346, base = roundup(5.4298) = 5.5.
   */
  @Test
  void v31LocalConfidentialityOnlyIsMedium() {
    BaseScore score = CvssScores.score("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N");

    assertThat(score.baseScore()).isEqualTo(5.5);
    assertThat(score.severity()).isEqualTo(VulnSeverity.MEDIUM);
  }

  /**
   * Worked by hand: with scope changed, impact = 7.52 * (0.914816 - 0.029) - 3.25 * (0.914816 -
   * 0.02)^15 = 6.0477, base = roundup(min(1.08 * (6.0477 + 3.8870), 10)) = 10.0.
   */
  @Test
  void v30ScopeChangedIsCappedAtTen() {
    BaseScore score = CvssScores.score("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");

    assertThat(score.version()).isEqualTo(Version.V3_0);
    assertThat(score.baseScore()).isEqualTo(10.0);
    assertThat(score.severity()).isEqualTo(VulnSeverity.CRITICAL);
  }

  @Test
  void v2WithFullImpactStaysHigh() {
    BaseScore score = CvssScores.score("(AV:N/AC:L/Au:N/C:C/I:C/A:C)");

    assertThat(score.baseScore()).isEqualTo(10.0);
    assertThat(score.severity()).isEqualTo(VulnSeverity.HIGH);
  }

  /** CVSS v4.0 defines a vector whose six impact metrics are all None to score 0.0. */
  @Test
  void v40WithoutImpactScoresZero() {
    BaseScore score = CvssScores.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N");

    assertThat(score.version()).isEqualTo(Version.V4_0);
    assertThat(score.baseScore()).isEqualTo(0.0);
    assertThat(score.severity()).isEqualTo(VulnSeverity.NONE);
  }

  @Test
  void v40ScoreRisesWithImpact() {
    double low = CvssScores.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N").baseScore();
    double high = CvssScores.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N").baseScore();

    assertThat(low).isBetween(0.1, 10.0);
    assertThat(high).isGreaterThan(low);
    assertThat(CvssScores.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N").severity())
        .isEqualTo(VulnSeverity.fromScore(high));
  }

  @Test
  void optionalMetricsDoNotChangeBaseScore() {
    BaseScore score = CvssScores.score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U");

    assertThat(score.baseScore()).isEqualTo(9.8);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void emptyVectorIsRejected(String vector) {
    assertThatThrownBy(() -> CvssScores.score(vector))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CVSS vector is empty");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "garbage | expected a CVSS:3.0, CVSS:3.1 or CVSS:4.0 prefix",
        "CVSS:5.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | CVSS version '5.0' is not supported",
        "CVSS:3.1 | at least 9 segments",
        "CVSS:3.1/AV:N | at least 9 segments",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H | at least 12 segments",
        "AV:N/AC:L/Au:N | at least 6 segments",
        "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | Invalid value for metric AV: X",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L | metric AV appears more than once",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ | segment 10 '' is not of the form METRIC:VALUE",
        "CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | is not of the form METRIC:VALUE",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A: | 'A:' is not of the form METRIC:VALUE",
        "(AV:N/AC:L/Au:N/C:P/I:P/A:P | parenthesis is not closed",
        "cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H | expected a CVSS:3.0",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:Q | ZZ",
        "AV:N/AC:L/Au:N/C:P/I:P/A:) | segment 6 'A:)' is not of the form METRIC:VALUE",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U:X | 'E:U:X' is not of the form METRIC:VALUE",
      })
  void malformedVectorIsRejectedWithReason(String vector, String reason) {
    assertThatThrownBy(() -> CvssScores.score(vector))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + vector.substring(0, Math.min(vector.length(), 8)))
        .hasMessageContaining(reason);
  }

  @Test
  void controlCharactersAndBinaryAreRejected() {
    assertThatThrownBy(() -> CvssScores.score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\u0000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+0000")
        .hasMessageContaining("\\u0000");
    assertThatThrownBy(() -> CvssScores.score("\u00ff\u00fe\u0001\u0002binary"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid CVSS vector");
  }

  @Test
  void overlongVectorIsRejectedBeforeParsing() {
    String huge = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" + "/E:U".repeat(250_000);

    assertThatThrownBy(() -> CvssScores.score(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than the maximum of 1024");
  }
}
