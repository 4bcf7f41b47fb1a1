package io.hullscope.sbom;

import java.util.List;
import java.util.Map;

/**
 * One installed package as a package database records it.
 *
 * @param name package name
 * @param version version exactly as recorded, including any epoch
 * @param type package URL type, for example {@code deb} or {@code apk}
 * @param purl package URL, see {@link PackageUrls}
 * @param licenses license expressions as recorded; empty when the database has none (dpkg
 *     keeps licenses in copyright files, which are not read yet)
 * @param sourceName source package name (Debian {@code Source:}, Alpine origin); null when absent
 * @param sourceVersion source package version when it differs from {@code version}; null
 *     otherwise
 * @param architecture architecture, for example {@code amd64}; null when absent
 * @param evidencePath path of the database file the package was read from
 * @param dependencies names of declared dependencies, without version constraints
 * @param hashes digests of the package's evidence file keyed by algorithm ({@code SHA-1}, {@code
 *     SHA-256}), lower-case hex; empty when unknown
 */
public record Package(
    String name,
    String version,
    String type,
    String purl,
    List<String> licenses,
    String sourceName,
    String sourceVersion,
    String architecture,
    String evidencePath,
    List<String> dependencies,
    Map<String, String> hashes) {

  public Package {
    licenses = List.copyOf(licenses);
    dependencies = List.copyOf(dependencies);
    hashes = Map.copyOf(hashes);
  }

  /** Creates a package without known hashes. */
  public Package(
      String name,
      String version,
      String type,
      String purl,
      List<String> licenses,
      String sourceName,
      String sourceVersion,
      String architecture,
      String evidencePath,
      List<String> dependencies) {
    this(name, version, type, purl, licenses, sourceName, sourceVersion, architecture, evidencePath, dependencies,
        Map.of());
  }

  /** Returns this package with another package URL, for example one with the image's distro qualifiers. */
  public Package withPurl(String newPurl) {
    return new Package(name, version, type, newPurl, licenses, sourceName, sourceVersion, architecture, evidencePath,
        dependencies, hashes);
  }
}
