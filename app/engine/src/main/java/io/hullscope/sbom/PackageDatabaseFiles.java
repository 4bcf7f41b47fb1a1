package io.hullscope.sbom;

import io.hullscope.index.EntryType;
import io.hullscope.index.FileEntry;
import io.hullscope.index.FileInterest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects the OS package databases and {@code os-release} files of every streamed layer, keyed
 * by layer and path, so that {@link OsPackageCatalog} can read the version each path has in the
 * final file system. Register it with {@link io.hullscope.index.ImageIndexer}.
 *
 * <p>Every streamed layer's copy is kept, because which copy is final is known only after the
 * last layer, so memory grows with the number of layers that rewrite a database. A file larger
 * than {@code maxBytes} is recorded as too large, so the catalog reports it instead of reading a
 * partial database.
 */
public final class PackageDatabaseFiles implements FileInterest {

  /** Stored content of one wanted file, or null content when it exceeded the limit. */
  record Content(byte[] bytes, long size) {}

  private record Key(int layer, String path) {}

  private final long maxBytes;
  private final Map<Key, Content> files = new ConcurrentHashMap<>();

  public PackageDatabaseFiles(long maxBytes) {
    if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxBytes must be between 1 and 2 GiB, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  public PackageDatabaseFiles() {
    this(DpkgStatusParser.DEFAULT_MAX_BYTES);
  }

  /** Returns true for the files the OS catalogers read. */
  public static boolean isPackageDatabase(String path) {
    return path.equals(DpkgStatusParser.STATUS_PATH)
        || DpkgStatusParser.isStatusDRecord(path)
        || path.equals(ApkInstalledParser.INSTALLED_PATH)
        || OsReleaseParser.PATHS.contains(path)
        || RpmDatabases.PATHS.contains(path);
  }

  @Override
  public boolean wants(int layer, FileEntry entry) {
    return isPackageDatabase(entry.path())
        || (entry.type() == EntryType.FILE && PythonPackageCatalog.isMetadataPath(entry.path()));
  }

  @Override
  public void accept(int layer, FileEntry entry, InputStream content) throws IOException {
    byte[] bytes = content.readNBytes((int) maxBytes + 1);
    Content stored = bytes.length > maxBytes ? new Content(null, entry.size()) : new Content(bytes, bytes.length);
    files.put(new Key(layer, entry.path()), stored);
  }

  /** Returns what {@code layer} held at {@code path}, if that layer was streamed and had the file. */
  Optional<Content> get(int layer, String path) {
    return Optional.ofNullable(files.get(new Key(layer, path)));
  }

  long maxBytes() {
    return maxBytes;
  }
}
