package io.hullscope.sbom;

import java.util.List;

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
    List<String> dependencies) {

  public Package {
    licenses = List.copyOf(licenses);
    dependencies = List.copyOf(dependencies);
  }
}
