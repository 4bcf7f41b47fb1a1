package io.hullscope.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.vuln.version.VersionVectors.Vector;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ApkVersionTest {

  private final ApkVersion apk = new ApkVersion();

  static Stream<Arguments> vectors() {
    // osv-scalibr's hand-written expectations for strings that break the apk grammar. apk-tools
    // compares such strings character by character, which gives the opposite or a non-zero result,
    // and osv-scalibr itself has changed its expectation for "1 vs 1-ruff" between versions.
    Set<Integer> invalidVersionGuesses = Set.of(377, 378, 379, 380);
    return VersionVectors.read("apk.tsv", invalidVersionGuesses);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void publicVectorHoldsBothWays(Vector vector) {
    assertThat(Integer.signum(apk.compare(vector.left(), vector.right()))).isEqualTo(vector.expected());
    assertThat(Integer.signum(apk.compare(vector.right(), vector.left()))).isEqualTo(-vector.expected());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.0_alpha | 1.0_beta | -1",
        "1.0_rc9 | 1.0 | -1",
        "1.0 | 1.0_cvs | -1",
        "1.0_hg1 | 1.0_p1 | -1",
        "1.0 | 1.0a | -1",
        "1.0z | 1.0.1 | -1",
        "1.0-r9 | 1.0-r10 | -1",
        "1.01 | 1.1 | -1",
        "1.010 | 1.09 | -1",
        "1.0~abc-r1 | 1.0~abd | -1",
        "1.2.99999999999999999999 | 1.2.100000000000000000000 | -1",
        "1.0-r1 | 1.0-r01 | 0",
        "1.2.0A | 1.2.0d | -1",
      })
  void ordersByApkRules(String left, String right, int expected) {
    assertThat(Integer.signum(apk.compare(left, right))).isEqualTo(expected);
    assertThat(Integer.signum(apk.compare(right, left))).isEqualTo(-expected);
  }

  @Test
  void rejectsEmptyControlAndSpaces() {
    assertThatThrownBy(() -> apk.compare("", "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("apk")
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> apk.compare("1.0", "1.0\n"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("U+000A");
    assertThatThrownBy(() -> apk.compare("1.0 -r1", "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("U+0020");
  }

  @Test
  void rejectsOverlongVersionByDefault() {
    assertThatThrownBy(() -> apk.compare("1" + ".1".repeat(500_000), "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("more than the maximum of 4096");
  }

  @Test
  void comparesMegabyteVersionsWhenAllowed() {
    ApkVersion roomy = new ApkVersion(2_000_000);
    String dotted = "1" + ".1".repeat(500_000);

    assertThat(roomy.compare(dotted, dotted + "-r1")).isNegative();
    assertThat(roomy.compare("1." + "0".repeat(1_000_000), "1.1")).isNegative();
    assertThat(roomy.compare("1" + "_p1".repeat(300_000), "1")).isPositive();
    assertThat(roomy.compare("1" + "~".repeat(1_000_000), "1")).isPositive();
  }
}
