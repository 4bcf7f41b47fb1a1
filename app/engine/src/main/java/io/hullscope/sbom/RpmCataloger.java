package io.hullscope.sbom;

import io.hullscope.index.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads the RPM database in any of its formats (see {@link RpmDatabases}). The formats need
 * random access, so the file is read into memory, up to a limit.
 */
public final class RpmCataloger implements Cataloger {

  /** Default maximum database size (256 MiB); a large Fedora image's Berkeley DB is below 100 MiB. */
  public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

  private final long maxBytes;

  public RpmCataloger(long maxBytes) {
    if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxBytes must be between 1 and 2 GiB, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  public RpmCataloger() {
    this(DEFAULT_MAX_BYTES);
  }

  @Override
  public String name() {
    return "rpm";
  }

  @Override
  public int version() {
    return 2;
  }

  @Override
  public boolean wants(FileEntry entry) {
    return RpmDatabases.PATHS.contains(entry.path());
  }

  @Override
  public List<Package> read(String path, InputStream content) throws IOException {
    byte[] bytes = content.readNBytes((int) maxBytes + 1);
    if (bytes.length > maxBytes) {
      throw new PackageDatabaseException(
          path + " is larger than the limit of " + maxBytes + " bytes; raise the limit if this image is trusted");
    }
    return RpmDatabases.read(path, bytes, null);
  }
}
