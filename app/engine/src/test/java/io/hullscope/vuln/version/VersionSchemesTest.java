package io.hullscope.vuln.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionSchemesTest {

  @ParameterizedTest
  @CsvSource({
    "Debian, dpkg",
    "Debian:12, dpkg",
    "Ubuntu, dpkg",
    "Ubuntu:22.04:LTS, dpkg",
  })
  void ecosystemMapsToScheme(String ecosystem, String scheme) {
    assertThat(VersionSchemes.forEcosystem(ecosystem)).get().extracting(VersionScheme::name).isEqualTo(scheme);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", ":", "Hackage", "Debian12", "GIT"})
  void unknownEcosystemHasNoScheme(String ecosystem) {
    assertThat(VersionSchemes.forEcosystem(ecosystem)).isEmpty();
  }
}
