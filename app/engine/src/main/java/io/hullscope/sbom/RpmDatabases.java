package io.hullscope.sbom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The places and formats of the RPM database: SQLite ({@code rpmdb.sqlite}, rpm 4.16+), SUSE NDB
 * ({@code Packages.db}) and Berkeley DB ({@code Packages}), under {@code /usr/lib/sysimage/rpm}
 * (newer distributions) or {@code /var/lib/rpm}.
 */
public final class RpmDatabases {

  /** Database paths relative to the image root, in the order they are tried; only the first present is read. */
  public static final List<String> PATHS = List.of(
      "usr/lib/sysimage/rpm/rpmdb.sqlite",
      "usr/lib/sysimage/rpm/Packages.db",
      "usr/lib/sysimage/rpm/Packages",
      "var/lib/rpm/rpmdb.sqlite",
      "var/lib/rpm/Packages.db",
      "var/lib/rpm/Packages");

  private RpmDatabases() {}

  /**
   * Reads the database at {@code path}, choosing the format by the file name. The {@code
   * gpg-pubkey} entries, which hold imported signing keys rather than installed software, are
   * left out.
   */
  public static List<Package> read(String path, byte[] file, Distro distro) throws PackageDatabaseException {
    List<RpmHeader> headers;
    if (path.endsWith("/rpmdb.sqlite")) {
      headers = RpmSqliteReader.read(path, file);
    } else if (path.endsWith("/Packages.db")) {
      headers = RpmNdbReader.read(path, file);
    } else {
      headers = RpmBerkeleyDbReader.read(path, file);
    }
    return toPackages(headers, path, distro);
  }

  /**
   * Converts headers into packages, leaving out the {@code gpg-pubkey} entries, and resolves each
   * package's required capabilities to the names of the packages in the same database that
   * provide them (a package provides its own name and its PROVIDENAME entries).
   *
   * <p>NOTE: a file requirement such as {@code /bin/sh} resolves only when a package lists the
   * file among its provides; file ownership (BASENAMES) is not read, so other file requirements
   * and capabilities nothing provides are left out of the dependencies.
   */
  static List<Package> toPackages(List<RpmHeader> headers, String path, Distro distro) {
    Map<String, String> providers = new HashMap<>();
    for (RpmHeader header : headers) {
      providers.putIfAbsent(header.name(), header.name());
      for (String capability : header.provides()) {
        providers.putIfAbsent(capability, header.name());
      }
    }
    List<Package> packages = new ArrayList<>(headers.size());
    for (RpmHeader header : headers) {
      if (header.name().equals("gpg-pubkey")) {
        continue;
      }
      Package pkg = RpmHeaderParser.toPackage(header, path, distro);
      Set<String> resolved = new LinkedHashSet<>();
      for (String capability : pkg.dependencies()) {
        String provider = providers.get(capability);
        if (provider != null && !provider.equals(header.name())) {
          resolved.add(provider);
        }
      }
      packages.add(new Package(pkg.name(), pkg.version(), pkg.type(), pkg.purl(), pkg.licenses(), pkg.sourceName(),
          pkg.sourceVersion(), pkg.architecture(), pkg.evidencePath(), List.copyOf(resolved), pkg.hashes()));
    }
    return packages;
  }
}
