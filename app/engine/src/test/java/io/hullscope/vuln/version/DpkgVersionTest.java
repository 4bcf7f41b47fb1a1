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

class DpkgVersionTest {

  private final DpkgVersion dpkg = new DpkgVersion();

  static Stream<Arguments> vectors() {
    return VersionVectors.read("dpkg.tsv", Set.of());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void publicVectorHoldsBothWays(Vector vector) {
    assertThat(Integer.signum(dpkg.compare(vector.left(), vector.right()))).isEqualTo(vector.expected());
    assertThat(Integer.signum(dpkg.compare(vector.right(), vector.left()))).isEqualTo(-vector.expected());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.0~rc1 | 1.0 | -1",
        "1.0~~ | 1.0~ | -1",
        "1.0 | 1.0+b1 | -1",
        "1.0a | 1.0+ | -1",
        "1:0.1 | 9.9 | 1",
        "1.0-1 | 1.0-1ubuntu1 | -1",
        "1.0 | 1.0-0 | 0",
        "00001.0 | 1.0 | 0",
        "1.99999999999999999999999 | 1.100000000000000000000000 | -1",
        "abc | 1 | 1",
        "1.0-a-b | 1.0-a-c | -1",
      })
  void ordersByPolicyRules(String left, String right, int expected) {
    assertThat(Integer.signum(dpkg.compare(left, right))).isEqualTo(expected);
    assertThat(Integer.signum(dpkg.compare(right, left))).isEqualTo(-expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "':1.0' | epoch before ':' is empty",
        "'a:1.0' | epoch 'a' is not a number",
        "'99999999999:1.0' | larger than 2147483647",
        "'1:' | upstream version is empty",
        "'1.0-' | revision after the last '-' is empty",
        "'-1' | upstream version is empty",
        "'1.0 beta' | character U+0020 at index 3",
      })
  void rejectsInvalidForms(String version, String reason) {
    assertThatThrownBy(() -> dpkg.compare(version, "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("dpkg")
        .hasMessageContaining(reason);
  }

  @Test
  void rejectsEmptyAndNull() {
    assertThatThrownBy(() -> dpkg.compare("", "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> dpkg.compare("1.0", null))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void rejectsControlCharacters() {
    assertThatThrownBy(() -> dpkg.compare("1.0\u0000", "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("U+0000")
        .hasMessageContaining("1.0\\u0000");
    assertThatThrownBy(() -> dpkg.compare("1.0", "1.\u001b[0m"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("U+001B");
  }

  @Test
  void rejectsOverlongVersionByDefault() {
    String huge = "1.".repeat(500_000);
    assertThatThrownBy(() -> dpkg.compare(huge, "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("more than the maximum of 4096");
  }

  @Test
  void comparesMegabyteVersionsWhenAllowed() {
    DpkgVersion roomy = new DpkgVersion(2_000_000);
    String a = "1." + "0".repeat(1_000_000) + "1";
    String b = "1." + "0".repeat(1_000_000) + "2";
    String tildes = "1" + "~".repeat(1_000_000);

    assertThat(roomy.compare(a, b)).isNegative();
    assertThat(roomy.compare(tildes, "1")).isNegative();
    assertThat(roomy.compare("1" + "a.".repeat(500_000), "1" + "a.".repeat(500_000))).isZero();
  }
}
