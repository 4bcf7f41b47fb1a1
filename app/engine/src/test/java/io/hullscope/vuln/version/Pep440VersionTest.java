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

class Pep440VersionTest {

  private final Pep440Version pep440 = new Pep440Version();

  static Stream<Arguments> vectors() {
    return VersionVectors.read("pep440.tsv", Set.of());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void publicVectorHoldsBothWays(Vector vector) {
    assertThat(Integer.signum(pep440.compare(vector.left(), vector.right()))).isEqualTo(vector.expected());
    assertThat(Integer.signum(pep440.compare(vector.right(), vector.left()))).isEqualTo(-vector.expected());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.0.dev0 | 1.0a1 | -1",
        "1.0a1.dev1 | 1.0a1 | -1",
        "1.0rc1 | 1.0 | -1",
        "1.0 | 1.0.post1.dev0 | -1",
        "1.0.post1.dev0 | 1.0.post1 | -1",
        "1.0 | 1.0+local | -1",
        "1.0+abc | 1.0+1 | -1",
        "1.0+1.abc | 1.0+1.abc.0 | -1",
        "1.0+ABC.01 | 1.0+abc-1 | 0",
        "2!0.1 | 1!9.9 | 1",
        "1.0.0.0 | 1 | 0",
        "v1.0 | 1.0 | 0",
        "'  1.0\n' | 1.0 | 0",
        "1.0_preview_2 | 1.0rc2 | 0",
        "2.31.0 | 2.32.0 | -1",
      })
  void ordersByPep440Rules(String left, String right, int expected) {
    assertThat(Integer.signum(pep440.compare(left, right))).isEqualTo(expected);
    assertThat(Integer.signum(pep440.compare(right, left))).isEqualTo(-expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "frenchtoast | expected a release number at index 0",
        "1.0- | unexpected character '-' at index 3",
        "1! | expected a release number after the epoch at index 2",
        "1.0+ | expected a local version segment at index 4",
        "1.0+abc. | expected a local version segment at index 8",
        "1.0+a_b!c | unexpected character '!'",
        "1.0.devx | unexpected character 'x'",
        "1.0.post1.post2 | unexpected character '.'",
        "1.0dev1a1 | unexpected character 'a'",
        "1.0 1 | U+0020",
      })
  void rejectsInvalidForms(String version, String reason) {
    assertThatThrownBy(() -> pep440.compare(version, "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("pep440")
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "1.0\u0000", "1\u001b.0"})
  void rejectsEmptyAndControlCharacters(String version) {
    assertThatThrownBy(() -> pep440.compare("1.0", version)).isInstanceOf(InvalidVersionException.class);
  }

  @Test
  void rejectsOverlongVersionByDefault() {
    assertThatThrownBy(() -> pep440.compare("1" + ".1".repeat(500_000), "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("more than the maximum of 4096");
  }

  @Test
  void comparesMegabyteVersionsWhenAllowed() {
    Pep440Version roomy = new Pep440Version(2_000_000);
    String wide = "1" + ".1".repeat(500_000);

    assertThat(roomy.compare(wide, wide + ".1")).isNegative();
    assertThat(roomy.compare(wide + ".0.0", wide)).isZero();
    assertThat(roomy.compare("1.0+" + "a.".repeat(400_000) + "a", "1.0+a")).isPositive();
  }
}
