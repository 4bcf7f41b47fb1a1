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

class RpmVersionTest {

  private final RpmVersion rpm = new RpmVersion();

  static Stream<Arguments> vectors() {
    return VersionVectors.read("rpm-evr.tsv", Set.of());
  }

  static Stream<Arguments> segmentVectors() {
    return VersionVectors.read("rpm.tsv", Set.of());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("segmentVectors")
  void rpmvercmpVectorHoldsBothWays(Vector vector) {
    assertThat(RpmVersion.rpmvercmp(vector.left(), vector.right())).isEqualTo(vector.expected());
    assertThat(RpmVersion.rpmvercmp(vector.right(), vector.left())).isEqualTo(-vector.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void publicVectorHoldsBothWays(Vector vector) {
    assertThat(Integer.signum(rpm.compare(vector.left(), vector.right()))).isEqualTo(vector.expected());
    assertThat(Integer.signum(rpm.compare(vector.right(), vector.left()))).isEqualTo(-vector.expected());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.0-1 | 1.0 | 1",
        "1:1.0 | 2.0 | 1",
        "1.0~rc1-1 | 1.0-1 | -1",
        "1.0-1.el9 | 1.0-1.el9_1 | -1",
        "1.0^git1-1 | 1.0.1-1 | -1",
        "2.0a | 2.0.1 | -1",
        "1.99999999999999999999999 | 1.100000000000000000000000 | -1",
        ":1.0 | 0:1.0 | 0",
      })
  void ordersByRpmRules(String left, String right, int expected) {
    assertThat(Integer.signum(rpm.compare(left, right))).isEqualTo(expected);
    assertThat(Integer.signum(rpm.compare(right, left))).isEqualTo(-expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'1:' | version part is empty",
        "'1:-1' | version part is empty",
        "'-5' | version part is empty",
        "'1.0\t' | U+0009",
        "'1.0\u0085' | U+0085",
      })
  void rejectsInvalidForms(String version, String reason) {
    String unescaped = version.replace("\\t", "\t").replace("\\u0085", "\u0085");
    assertThatThrownBy(() -> rpm.compare(unescaped, "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("rpm")
        .hasMessageContaining(reason);
  }

  @Test
  void rejectsOverlongVersionByDefault() {
    assertThatThrownBy(() -> rpm.compare("1" + ".1".repeat(500_000), "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("more than the maximum of 4096");
  }

  @Test
  void comparesMegabyteVersionsWhenAllowed() {
    RpmVersion roomy = new RpmVersion(2_000_000);
    String dotted = "1" + ".1".repeat(500_000);

    assertThat(roomy.compare(dotted, dotted + ".1")).isNegative();
    assertThat(roomy.compare("1" + "~".repeat(1_000_000), "1")).isNegative();
    assertThat(roomy.compare("1" + "^".repeat(1_000_000), "1")).isPositive();
    assertThat(roomy.compare("1" + "-".repeat(1_000_000) + "1", "1-1")).isZero();
  }
}
