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
import org.junit.jupiter.params.provider.ValueSource;

class SemVersionTest {

  private final SemVersion semver = new SemVersion();

  static Stream<Arguments> vectors() {
    return VersionVectors.read("semver.tsv", Set.of());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void publicVectorHoldsBothWays(Vector vector) {
    assertThat(Integer.signum(semver.compare(vector.left(), vector.right()))).isEqualTo(vector.expected());
    assertThat(Integer.signum(semver.compare(vector.right(), vector.left()))).isEqualTo(-vector.expected());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "v1.2.3 | 1.2.3 | 0",
        "=1.2.3 | V1.2.3 | 0",
        "1.2.3-alpha.1 | 1.2.3-alpha.a | -1",
        "1.2.3-alpha.-1 | 1.2.3-alpha.0 | 1",
        "1.2.3-a-b | 1.2.3-a | 1",
        "1.2.3+z | 1.2.3+a | 0",
        "4.17.20 | 4.17.21 | -1",
      })
  void ordersBySemverRules(String left, String right, int expected) {
    assertThat(Integer.signum(semver.compare(left, right))).isEqualTo(expected);
    assertThat(Integer.signum(semver.compare(right, left))).isEqualTo(-expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.2 | expected MAJOR.MINOR.PATCH but found 2 numbers",
        "1 | found 1 number",
        "01.2.3 | leading zero",
        "1.2.3-01 | pre-release part",
        "1.2.3- | pre-release part",
        "1.2.3-a..b | pre-release part",
        "1.2.3+ | build part",
        "1.2.3+a_b | unexpected character '_' at index 7",
        "1.2.3.4 | unexpected character '.' at index 5",
        "1.2.3_x | unexpected character '_'",
        "vv1.2.3 | expected a number at index 1",
        "latest | expected a number at index 0",
        "1.2.x | expected a number at index 4",
      })
  void rejectsInvalidForms(String version, String reason) {
    assertThatThrownBy(() -> semver.compare(version, "1.0.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("semver")
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.2.3\u0000", "1.2.3\r\n", "1.2.3 "})
  void rejectsEmptyControlAndSpaces(String version) {
    assertThatThrownBy(() -> semver.compare("1.0.0", version)).isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void rejectsOverlongVersionByDefault() {
    assertThatThrownBy(() -> semver.compare("1.0.0-" + "a.".repeat(500_000) + "a", "1.0.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("more than the maximum of 4096");
  }

  @Test
  void comparesMegabyteVersionsWhenAllowed() {
    SemVersion roomy = new SemVersion(2_000_000);
    String manyIdentifiers = "1.0.0-" + "a.".repeat(500_000) + "a";
    String hugeNumber = "1" + "0".repeat(1_000_000);

    assertThat(roomy.compare(manyIdentifiers, manyIdentifiers + ".1")).isNegative();
    assertThat(roomy.compare(hugeNumber + ".0.0", hugeNumber + ".0.1")).isNegative();
  }
}
