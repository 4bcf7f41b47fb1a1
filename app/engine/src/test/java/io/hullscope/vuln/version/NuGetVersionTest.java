package io.hullscope.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NuGetVersionTest {

  private final NuGetVersion nuget = new NuGetVersion();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1 | 1.0.0.0 | 0",
        "1.01 | 1.1 | 0",
        "1.0.0.1 | 1.0.1 | -1",
        "1.0.0-beta | 1.0.0 | -1",
        "1.0.0-ALPHA | 1.0.0-alpha | 0",
        "1.0.0-alpha.2 | 1.0.0-alpha.10 | -1",
        "1.0.0-2 | 1.0.0-a | -1",
        "1.0.0-rc | 1.0.0-rc.1 | -1",
        "1.0.0+abc | 1.0.0+xyz | 0",
        "13.0.1 | 13.0.3 | -1",
        "6.0.0-preview.7.21377.19 | 6.0.0-rc.1.21451.13 | -1",
        "1.2.99999999999999999999 | 1.2.100000000000000000000 | -1",
      })
  void ordersByNuGetRules(String left, String right, int expected) {
    assertThat(Integer.signum(nuget.compare(left, right))).isEqualTo(expected);
    assertThat(Integer.signum(nuget.compare(right, left))).isEqualTo(-expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.2.3.4.5 | 5 numbers, more than 4",
        "1.x | 'x' is not a number",
        "1..2 | '' is not a number",
        "v1.0 | 'v1' is not a number",
        "1.0- | pre-release label is empty",
        "1.0-a..b | empty identifier",
        "1.0-a_b | contains '_'",
        "1.0+ | metadata is empty",
      })
  void rejectsInvalidForms(String version, String reason) {
    assertThatThrownBy(() -> nuget.compare(version, "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("nuget")
        .hasMessageContaining(reason);
  }

  @Test
  void rejectsEmptyControlAndOverlong() {
    assertThatThrownBy(() -> nuget.compare("", "1.0")).isInstanceOf(InvalidVersionException.class);
    assertThatThrownBy(() -> nuget.compare("1.0\u0000", "1.0")).isInstanceOf(InvalidVersionException.class);
    assertThatThrownBy(() -> nuget.compare("1.0-" + "a.".repeat(500_000) + "a", "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("more than the maximum of 4096");
  }

  @Test
  void comparesMegabyteLabelsWhenAllowed() {
    NuGetVersion roomy = new NuGetVersion(2_000_000);
    String label = "1.0-" + "a.".repeat(500_000) + "a";

    assertThat(roomy.compare(label, label + ".1")).isNegative();
  }
}
