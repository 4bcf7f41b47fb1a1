package io.hullscope.vuln.version;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Finds the version scheme that an OSV ecosystem uses. */
public final class VersionSchemes {

  private static final VersionScheme DPKG = new DpkgVersion();
  private static final VersionScheme APK = new ApkVersion();
  private static final VersionScheme RPM = new RpmVersion();
  private static final VersionScheme SEMVER = new SemVersion();
  private static final VersionScheme GO = new GoVersion();
  private static final VersionScheme MAVEN = new MavenVersion();
  private static final VersionScheme PEP440 = new Pep440Version();
  private static final VersionScheme NUGET = new NuGetVersion();
  private static final VersionScheme RUBYGEMS = new GemVersion();
  private static final VersionScheme COMPOSER = new ComposerVersion();

  /**
   * OSV ecosystem names (the part before the first colon) mapped to their schemes, keyed in lower
   * case so that the lookup ignores case.
   */
  private static final Map<String, VersionScheme> BY_ECOSYSTEM =
      Map.ofEntries(
          Map.entry("debian", DPKG),
          Map.entry("ubuntu", DPKG),
          Map.entry("alpine", APK),
          Map.entry("red hat", RPM),
          Map.entry("rocky linux", RPM),
          Map.entry("almalinux", RPM),
          Map.entry("opensuse", RPM),
          Map.entry("suse", RPM),
          Map.entry("npm", SEMVER),
          Map.entry("crates.io", SEMVER),
          Map.entry("go", GO),
          Map.entry("maven", MAVEN),
          Map.entry("pypi", PEP440),
          Map.entry("nuget", NUGET),
          Map.entry("rubygems", RUBYGEMS),
          Map.entry("packagist", COMPOSER));

  private VersionSchemes() {}

  /**
   * Returns the scheme for an OSV ecosystem such as {@code Debian:12}, {@code Alpine:v3.19} or
   * {@code Maven}, or empty when the ecosystem is unknown or has no scheme here.
   *
   * <p>A release suffix after the first colon ({@code :12}, {@code :22.04:LTS}) does not change the
   * scheme and is ignored.
   */
  public static Optional<VersionScheme> forEcosystem(String osvEcosystem) {
    if (osvEcosystem == null) {
      return Optional.empty();
    }
    String name = osvEcosystem.strip();
    int colon = name.indexOf(':');
    if (colon >= 0) {
      name = name.substring(0, colon).strip();
    }
    return Optional.ofNullable(BY_ECOSYSTEM.get(name.toLowerCase(Locale.ROOT)));
  }
}
