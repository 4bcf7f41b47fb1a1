package io.hullscope.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GemVersionTest {

  private final GemVersion gem = new GemVersion();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.0.0 | 1 | 0",
        "1.0.a | 1.a | 0",
        "1.0.a | 1.0 | -1",
        "1.0.a1 | 1.0.a.1 | 0",
        "1.0-rc1 | 1.0.pre.rc1 | 0",
        "1.0-rc1 | 1.0 | -1",
        "3.0.0.beta4 | 3.0.pre | -1",
        "3.0.pre | 3.0.0.rc | -1",
        "5.0.0.beta4 | 5.0.0.racecar1 | -1",
        "5.0.0.racecar1 | 5.0.0.rc1 | -1",
        "5.0.0.beta1 | 5.0.0.beta1.1 | -1",
        "5.0.0.beta1.1 | 5.0.0.beta2 | -1",
        "1.0.0.rc1 | 1.0.0.1 | -1",
        "1.2.0.dev4 | 1.2.0.pre1 | -1",
        "1.0.a.0 | 1.0.a | 0",
        "1.0-rc1-2 | 1.0.pre.rc1.pre.2 | 0",
        "1.A | 1.a | -1",
        "1.10 | 1.9 | 1",
        "' 1.0 ' | 1.0 | 0",
        "1.99999999999999999999 | 1.100000000000000000000 | -1",
      })
  void ordersByRubyGemsRules(String left, String right, int expected) {
    assertThat(Integer.signum(gem.compare(left, right))).isEqualTo(expected);
    assertThat(Integer.signum(gem.compare(right, left))).isEqualTo(-expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a.1 | it must start with a number",
        "1..2 | expected a number or word at index 2",
        "1.0. | expected a number or word at index 4",
        "1.0- | expected a number or word at index 4",
        "1.0_1 | unexpected character '_' at index 3",
        "1.0+build | unexpected character '+' at index 3",
      })
  void rejectsInvalidForms(String version, String reason) {
    assertThatThrownBy(() -> gem.compare(version, "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("rubygems")
        .hasMessageContaining(reason);
  }

  @Test
  void rejectsEmptyControlAndOverlong() {
    assertThatThrownBy(() -> gem.compare("  ", "1.0")).isInstanceOf(InvalidVersionException.class);
    assertThatThrownBy(() -> gem.compare("1.\u00000", "1.0")).isInstanceOf(InvalidVersionException.class);
    assertThatThrownBy(() -> gem.compare("1" + ".1".repeat(500_000), "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("more than the maximum of 4096");
  }

  @Test
  void comparesMegabyteVersionsWhenAllowed() {
    GemVersion roomy = new GemVersion(2_000_000);
    String wide = "1" + ".1".repeat(500_000);

    assertThat(roomy.compare(wide, wide + ".1")).isNegative();
    assertThat(roomy.compare(wide + ".0.0", wide)).isZero();
  }
}
