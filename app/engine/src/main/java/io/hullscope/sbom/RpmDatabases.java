package io.hullscope.sbom;

import java.util.ArrayList;
import java.util.List;

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

  /** Converts headers into packages, leaving out the {@code gpg-pubkey} entries. */
  static List<Package> toPackages(List<RpmHeader> headers, String path, Distro distro) {
    List<Package> packages = new ArrayList<>(headers.size());
    for (RpmHeader header : headers) {
      if (!header.name().equals("gpg-pubkey")) {
        packages.add(RpmHeaderParser.toPackage(header, path, distro));
      }
    }
    return packages;
  }
}
