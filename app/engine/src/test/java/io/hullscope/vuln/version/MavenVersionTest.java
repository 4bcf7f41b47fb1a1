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

class MavenVersionTest {

  private final MavenVersion maven = new MavenVersion();

  static Stream<Arguments> vectors() {
    return VersionVectors.read("maven.tsv", Set.of());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void publicVectorHoldsBothWays(Vector vector) {
    assertThat(Integer.signum(maven.compare(vector.left(), vector.right()))).isEqualTo(vector.expected());
    assertThat(Integer.signum(maven.compare(vector.right(), vector.left()))).isEqualTo(-vector.expected());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1-alpha | 1-beta | -1",
        "1-beta | 1-milestone | -1",
        "1-milestone | 1-rc | -1",
        "1-rc | 1-cr | 0",
        "1-rc | 1-snapshot | -1",
        "1-snapshot | 1 | -1",
        "1 | 1-ga | 0",
        "1-final | 1.0.0 | 0",
        "1.RELEASE | 1 | 0",
        "1 | 1-sp | -1",
        "1-sp | 1-unknown | -1",
        "1-abc | 1-abd | -1",
        "1.0.0 | 1.0.1 | -1",
        "2.17.0 | 2.17.1 | -1",
        "1-a1 | 1-alpha2 | -1",
        "1.0-RC1 | 1.0-rc1 | 0",
        "1.99999999999999999999 | 1.100000000000000000000 | -1",
      })
  void ordersByMavenRules(String left, String right, int expected) {
    assertThat(Integer.signum(maven.compare(left, right))).isEqualTo(expected);
    assertThat(Integer.signum(maven.compare(right, left))).isEqualTo(-expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.0\u0000", "1.0 final", "1.0\t"})
  void rejectsEmptyControlAndSpaces(String version) {
    assertThatThrownBy(() -> maven.compare(version, "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("maven");
  }

  @Test
  void rejectsOverlongVersionByDefault() {
    assertThatThrownBy(() -> maven.compare("1" + ".1".repeat(500_000), "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("more than the maximum of 4096");
  }

  @Test
  void deepNestingIsRejected() {
    MavenVersion roomy = new MavenVersion(2_000_000);

    assertThatThrownBy(() -> roomy.compare("1" + "-1".repeat(500_000), "1"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("more than 200 nested parts");
    assertThatThrownBy(() -> roomy.compare("1" + "a1".repeat(500_000), "1"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("nested parts");
  }

  @Test
  void comparesMegabyteVersionsWhenAllowed() {
    MavenVersion roomy = new MavenVersion(2_000_000);
    String wide = "1" + ".1".repeat(500_000);

    assertThat(roomy.compare(wide, wide + ".1")).isNegative();
    assertThat(roomy.compare(wide + ".0.0.0", wide)).isZero();
    assertThat(roomy.compare("1." + "9".repeat(1_000_000), "1.1")).isPositive();
  }
}
