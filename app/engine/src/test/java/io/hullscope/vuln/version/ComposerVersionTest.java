package io.hullscope.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComposerVersionTest {

  private final ComposerVersion composer = new ComposerVersion();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.0.0 | 1.0.0.0",
        "v1.2 | 1.2.0.0",
        "1.0.0-beta.1 | 1.0.0.0-beta1",
        "1.0.0b2 | 1.0.0.0-beta2",
        "1.0.0-RC1 | 1.0.0.0-RC1",
        "1.0.0.rc.1 | 1.0.0.0-RC1",
        "1.0.0-alpha | 1.0.0.0-alpha",
        "1.0.0-pl3 | 1.0.0.0-patch3",
        "1.0.0-stable | 1.0.0.0",
        "1.0.0-dev | 1.0.0.0-dev",
        "1.0.0-beta2-dev | 1.0.0.0-beta2-dev",
        "1.0.0+build.5 | 1.0.0.0",
        "2024.01.15.1.2 | 2024.01.15.1.2",
      })
  void normalizesLikeComposer(String version, String normalized) {
    assertThat(composer.normalize(version)).isEqualTo(normalized);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.0 | 1.0.0.0 | 0",
        "1.0.0-dev | 1.0.0-alpha1 | -1",
        "1.0.0-alpha2 | 1.0.0-beta1 | -1",
        "1.0.0-beta3 | 1.0.0-RC1 | -1",
        "1.0.0-rc1 | 1.0.0 | -1",
        "1.0.0 | 1.0.0-patch1 | -1",
        "1.0.0-beta2 | 1.0.0-beta10 | -1",
        "v5.4.19 | 5.4.20 | -1",
        "2.9.9 | 2.10.0 | -1",
        "1.0.0.1 | 1.0.0.1-beta | 1",
        "1.99999999999999999999 | 1.100000000000000000000 | -1",
        "0.9.346 | 0.93 | -1",
        "1.22 | 1.22.01 | -1",
        "v6.0.0+ea2 | v6.1.0-rc1 | -1",
        "8.2.0RC2 | 8.2.0 | -1",
        "1.0.0alpha2 | 1.0.0-alpha3 | -1",
        "2.0.8.1 | 2.1.0-beta | -1",
        "v5.0.0-BETA2 | v5.0.0-RC1 | -1",
      })
  void ordersByComposerRules(String left, String right, int expected) {
    assertThat(Integer.signum(composer.compare(left, right))).isEqualTo(expected);
    assertThat(Integer.signum(composer.compare(right, left))).isEqualTo(-expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "dev-main | branch versions have no order",
        "2.x-dev | branch versions have no order",
        "latest | expected a number at index 0",
        "1.2.3.4.5 | 5 numbers, more than 4",
        "1.0.0-gamma | unexpected text 'gamma'",
        "1.0.0-1 | unexpected text '1'",
        "1..0 | unexpected text '.0'",
      })
  void rejectsInvalidForms(String version, String reason) {
    assertThatThrownBy(() -> composer.compare(version, "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("composer")
        .hasMessageContaining(reason);
  }

  @Test
  void rejectsEmptyControlAndOverlong() {
    assertThatThrownBy(() -> composer.compare("", "1.0")).isInstanceOf(InvalidVersionException.class);
    assertThatThrownBy(() -> composer.compare("1.0\u007f", "1.0")).isInstanceOf(InvalidVersionException.class);
    assertThatThrownBy(() -> composer.compare("1.0-beta" + "1".repeat(1_000_000), "1.0"))
        .isInstanceOf(InvalidVersionException.class)
        .hasMessageContaining("more than the maximum of 4096");
  }

  @Test
  void comparesMegabyteVersionsWhenAllowed() {
    ComposerVersion roomy = new ComposerVersion(2_000_000);

    assertThat(roomy.compare("1.0.0-beta" + "1".repeat(1_000_000), "1.0.0-beta2")).isPositive();
    assertThat(roomy.compare("2024" + ".1".repeat(500_000), "2024.1")).isPositive();
  }
}
