package io.hullscope.sbom;

import io.hullscope.index.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Finds the packages that one kind of file declares: a package database, a metadata file, an
 * archive or a binary. The SBOM builder offers every regular file of every layer to each
 * cataloger while the layer streams past, so each file is read once. It caches what {@link #read}
 * returns by layer digest, cataloger {@link #name} and {@link #version}.
 *
 * <p>Paths are relative to the image root and have no leading slash, for example {@code
 * var/lib/dpkg/status}. A cataloger builds OS package URLs without distro qualifiers; the builder
 * adds those of the image's {@code os-release} (see {@link PackageUrls#withDistro}).
 */
public interface Cataloger {

  /** Returns a short stable name, for example {@code dpkg} or {@code npm}; shown in warnings. */
  String name();

  /**
   * Returns the version of what {@link #read} returns for a file. Raise it when the same file
   * would now give different packages, so that results cached by an older version are redone.
   */
  int version();

  /**
   * Returns true to read this regular file. Called for every file of every layer, so decide from
   * the path, size and mode without allocating.
   */
  boolean wants(FileEntry entry);

  /**
   * Returns the packages one file declares, each with {@link Package#evidencePath} set to {@code
   * path} or, for a package found inside an archive, to {@code path!/inner/path}.
   *
   * @param content the file's bytes. They may not fit in memory (a fat jar, a binary), so read
   *     them as a stream and stop at the cataloger's own limits
   * @throws PackageDatabaseException when the file is malformed, too large or too deeply nested:
   *     the builder records a warning naming the file and goes on with the other files
   */
  List<Package> read(String path, InputStream content) throws IOException;

  /**
   * Returns true to read this regular file for the licenses it declares for packages that other
   * files list, such as a Debian {@code copyright} file. Called like {@link #wants}, and only when
   * {@link #wants} is false. The default reads no such file.
   */
  default boolean declaresLicenses(FileEntry entry) {
    return false;
  }

  /**
   * Returns the licenses a file declares, keyed by package type and name ({@code deb/bash}); the
   * builder adds them to packages of that name that declare none themselves.
   *
   * @throws PackageDatabaseException when the file is malformed
   */
  default java.util.Map<String, List<String>> readLicenses(String path, InputStream content) throws IOException {
    return java.util.Map.of();
  }
}
