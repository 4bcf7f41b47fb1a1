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

class GoVersionTest {

  private final GoVersion go = new GoVersion();

  static Stream<Arguments> vectors() {
    return VersionVectors.read("go.tsv", Set.of());
  }

  /**
   * x/mod sorts every invalid string below every valid version and equal to other invalid strings.
   * This scheme rejects invalid strings instead, so a vector with a rejected side must agree with
   * that order: a rejected side is the older one, and two rejected sides are equal.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void publicVectorHoldsBothWays(Vector vector) {
    boolean leftValid = isValid(vector.left());
    boolean rightValid = isValid(vector.right());
    if (leftValid && rightValid) {
      assertThat(Integer.signum(go.compare(vector.left(), vector.right()))).isEqualTo(vector.expected());
      assertThat(Integer.signum(go.compare(vector.right(), vector.left()))).isEqualTo(-vector.expected());
    } else if (leftValid == rightValid) {
      assertThat(vector.expected()).isZero();
    } else {
      assertThat(vector.expected()).isEqualTo(leftValid ? 1 : -1);
    }
  }

  private boolean isValid(String version) {
    try {
      go.compare(version, "v0.0.0");
      return true;
    } catch (InvalidVersionException e) {
      return false;
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "v1 | v1.0.0 | 0",
        "1.2.3 | v1.2.3 | 0",
        "v1.2.3 | v1.2.4-0.20191109021931-daa7c04131f5 | -1",
        "v1.2.4-0.20191109021931-daa7c04131f5 | v1.2.4 | -1",
        "v0.0.0-20191109021931-daa7c04131f5 | v0.0.1 | -1",
        "v1.2.4-pre.0.20191109021931-daa7c04131f5 | v1.2.4-pre | 1",
        "v2.0.0+incompatible | v2.0.0 | 0",
        "v2.0.0+incompatible | v2.0.1+incompatible | -1",
      })
  void ordersByModuleRules(String left, String right, int expected) {
    assertThat(Integer.signum(go.compare(left, right))).isEqualTo(expected);
    assertThat(Integer.signum(go.compare(right, left))).isEqualTo(-expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "bad | expected a number at index 0",
        "v1-pre | shortened version cannot have a pre-release",
        "v1.2+meta | shortened version cannot have a pre-release or build part",
        "v01.2.3 | leading zero",
        "v1.2.3.4 | unexpected character '.'",
        "V1.2.3 | expected a number at index 0",
        "v | expected a number at index 1",
      })
  void rejectsInvalidForms(String version, String reason) {
    assertThatThrownBy(() -> go.compare("v1.0.0", version))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("go version")
        .hasMessageContaining(reason);
  }

  @Test
  void rejectsControlCharactersAndOverlongVersions() {
    assertThatThrownBy(() -> go.compare("v1.0.0\u0007", "v1.0.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("U+0007");
    assertThatThrownBy(() -> go.compare("v1.0.0-" + "0a.".repeat(400_000) + "x", "v1.0.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("more than the maximum of 4096");
  }
}
