package io.hullscope.vuln;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.hullscope.sbom.Distro;
import io.hullscope.sbom.Package;
import java.util.Locale;

/**
 * Works out under which OSV ecosystem, name and version a package is listed.
 *
 * <p>OS packages are listed by their source package (Debian {@code Source:}, Alpine origin) in the
 * ecosystem of the distro release: {@code Debian:12}, {@code Ubuntu:22.04:LTS}, {@code
 * Alpine:v3.19}. Language packages come from their package URL type: {@code pkg:maven} is {@code
 * Maven} with the name {@code group:artifact}, {@code pkg:npm} is {@code npm} with {@code
 * @scope/name}, and so on.
 *
 * @see <a href="https://ossf.github.io/osv-schema/#affectedpackage-field">OSV ecosystems</a>
 */
final class OsvEcosystems {

  /** Where to look a package up, or why it cannot be. */
  record Query(String ecosystem, String name, String version, String problem) {

    static Query of(String ecosystem, String name, String version) {
      return new Query(ecosystem, name, version, null);
    }

    static Query unsupported(String problem) {
      return new Query(null, null, null, problem);
    }

    boolean supported() {
      return problem == null;
    }
  }

  private OsvEcosystems() {}

  /** Returns the lookup for {@code pkg} in an image whose distro is {@code distro} (may be null). */
  static Query query(Package pkg, Distro distro) {
    String type = pkg.type() == null ? "" : pkg.type().toLowerCase(Locale.ROOT);
    switch (type) {
      case "deb":
      case "apk":
      case "rpm":
        return osQuery(type, pkg, distro);
      default:
        return languageQuery(type, pkg);
    }
  }

  private static Query osQuery(String type, Package pkg, Distro distro) {
    String name = pkg.sourceName() != null && !pkg.sourceName().isBlank() ? pkg.sourceName() : pkg.name();
    String version = pkg.sourceVersion() != null && !pkg.sourceVersion().isBlank() ? pkg.sourceVersion() : pkg.version();
    if (distro == null || distro.id() == null) {
      return Query.unsupported("the image's distro is unknown, so its " + type + " packages cannot be matched");
    }
    String release = distro.versionId();
    String ecosystem = switch (distro.id()) {
      case "debian" -> release == null ? null : "Debian:" + major(release);
      case "ubuntu" -> release == null ? null : "Ubuntu:" + release + (isUbuntuLts(release) ? ":LTS" : "");
      case "alpine" -> release == null ? null : "Alpine:v" + majorMinor(release);
      case "wolfi" -> "Wolfi";
      case "chainguard" -> "Chainguard";
      case "almalinux" -> release == null ? null : "AlmaLinux:" + major(release);
      case "rocky" -> release == null ? null : "Rocky Linux:" + major(release);
      default -> null;
    };
    if (ecosystem == null) {
      return Query.unsupported("no OSV data is known for " + type + " packages of distro " + distro.id()
          + (release == null ? " without a VERSION_ID" : " " + release));
    }
    return Query.of(ecosystem, name, version);
  }

  private static Query languageQuery(String type, Package pkg) {
    if (pkg.purl() == null) {
      return Query.unsupported("package " + pkg.name() + " has no package URL");
    }
    PackageURL purl;
    try {
      purl = new PackageURL(pkg.purl());
    } catch (MalformedPackageURLException e) {
      return Query.unsupported("package URL " + pkg.purl() + " is invalid: " + e.getMessage());
    }
    String namespace = purl.getNamespace();
    String name = purl.getName();
    String version = purl.getVersion() != null ? purl.getVersion() : pkg.version();
    if (version == null) {
      return Query.unsupported("package " + pkg.purl() + " has no version");
    }
    return switch (type) {
      case "maven" -> namespace == null ? Query.unsupported("Maven package " + name + " has no group id")
          : Query.of("Maven", namespace + ":" + name, version);
      case "npm" -> Query.of("npm", namespace == null ? name : namespace + "/" + name, version);
      case "pypi" -> Query.of("PyPI", name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-"), version);
      case "golang" -> Query.of("Go", namespace == null ? name : namespace + "/" + name, stripGoPrefix(version));
      case "cargo" -> Query.of("crates.io", name, version);
      case "gem" -> Query.of("RubyGems", name, version);
      case "nuget" -> Query.of("NuGet", name, version);
      case "composer" -> Query.of("Packagist", namespace == null ? name : namespace + "/" + name, version);
      case "hex" -> Query.of("Hex", name, version);
      case "pub" -> Query.of("Pub", name, version);
      default -> Query.unsupported("no OSV ecosystem is known for package URL type " + type);
    };
  }

  /** The Go vulnerability database lists versions without the {@code v} or {@code go} prefix. */
  private static String stripGoPrefix(String version) {
    if (version.startsWith("go")) {
      return version.substring(2);
    }
    return version.startsWith("v") ? version.substring(1) : version;
  }

  /** Ubuntu's long-term support releases are the April releases of even years, such as 22.04. */
  static boolean isUbuntuLts(String release) {
    String[] parts = release.split("\\.");
    if (parts.length < 2 || !parts[1].equals("04")) {
      return false;
    }
    try {
      return Integer.parseInt(parts[0]) % 2 == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String major(String release) {
    int dot = release.indexOf('.');
    return dot < 0 ? release : release.substring(0, dot);
  }

  private static String majorMinor(String release) {
    String[] parts = release.split("\\.");
    return parts.length < 2 ? release : parts[0] + "." + parts[1];
  }
}
