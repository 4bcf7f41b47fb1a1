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
    "Alpine, apk",
    "Alpine:v3.19, apk",
    "Red Hat, rpm",
    "Red Hat:enterprise_linux:9::appstream, rpm",
    "Rocky Linux:9, rpm",
    "AlmaLinux:8, rpm",
    "openSUSE:Tumbleweed, rpm",
    "SUSE:Linux Enterprise Server 15 SP5, rpm",
    "npm, semver",
    "crates.io, semver",
    "Go, go",
    "Maven, maven",
    "PyPI, pep440",
    "NuGet, nuget",
    "RubyGems, rubygems",
    "Packagist, composer",
    "Maven:https://repo.maven.apache.org/maven2/, maven",
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
