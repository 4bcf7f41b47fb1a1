package io.hullscope.source.archive;

import io.hullscope.image.ImageReadException;
import io.hullscope.image.LimitExceededException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The entries of a tar file, read with random access: one scan of the headers at open, then each
 * entry is streamed straight from its offset, so a layer opens without copying the archive.
 *
 * <p>Reads go through a {@link FileChannel} with positional reads, so several entries can be
 * streamed at once from different threads.
 */
final class TarImageFiles implements ImageFiles {

  /**
   * Most entries an archive may have. A docker save archive has about four per layer; the bound
   * keeps a hostile tar of tiny entries from filling memory with headers.
   */
  static final long MAX_ENTRIES = 1_000_000;

  private final Path file;
  private final String kind;
  private final TarFile tar;
  private final Map<String, TarArchiveEntry> entries;
  private final Set<String> duplicates;

  private TarImageFiles(Path file, String kind, TarFile tar) {
    this(file, kind, tar, new HashMap<>(), new HashSet<>());
    for (TarArchiveEntry entry : tar.getEntries()) {
      String path = ArchivePaths.normalizeEntryName(entry.getName());
      if (entries.putIfAbsent(path, entry) != null && !entry.isDirectory()) {
        duplicates.add(path);
      }
    }
  }

  private TarImageFiles(Path file, String kind, TarFile tar, Map<String, TarArchiveEntry> entries, Set<String> duplicates) {
    this.file = file;
    this.kind = kind;
    this.tar = tar;
    this.entries = entries;
    this.duplicates = duplicates;
  }

  /** Returns a view of the same open archive that describes itself as {@code kind}. */
  TarImageFiles as(String kind) {
    return new TarImageFiles(file, kind, tar, entries, duplicates);
  }

  /**
   * Opens a tar file and scans its headers.
   *
   * @param kind what the archive is, for messages, for example {@code docker save archive}
   * @throws ImageReadException when the file is truncated or not a tar file
   * @throws LimitExceededException when it has more than {@link #MAX_ENTRIES} entries
   */
  static TarImageFiles open(Path file, String kind) throws IOException {
    return open(file, kind, MAX_ENTRIES);
  }

  static TarImageFiles open(Path file, String kind, long maxEntries) throws IOException {
    String name = String.valueOf(file.getFileName());
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      // TarFile keeps every header in memory, so a quick header walk first bounds the entry
      // count and names the entry where a damaged file breaks off.
      TarHeaderScan scan = TarHeaderScan.scan(channel, maxEntries);
      if (scan.entries() > maxEntries) {
        throw new LimitExceededException(name, null, null, "the number of archive entries", maxEntries);
      }
      if (scan.failure() != null) {
        throw truncated(name, scan.lastEntry(), scan.failure());
      }
      return new TarImageFiles(file, kind, new TarFile(channel));
    } catch (ImageReadException e) {
      channel.close();
      throw e;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw truncated(name, null, e);
    }
  }

  private static ImageReadException truncated(String name, String entry, Exception cause) {
    return new ImageReadException(name, null, entry,
        "the file is truncated or is not a tar archive (" + cause.getMessage() + "); choose a docker save archive"
            + " or an OCI layout, or save or copy the file again if it was cut short", cause);
  }

  @Override
  public String description() {
    return kind + " " + file;
  }

  @Override
  public String name() {
    return String.valueOf(file.getFileName());
  }

  @Override
  public boolean exists(String path) {
    return entries.containsKey(path);
  }

  @Override
  public long size(String path, String image) throws IOException {
    return regularEntry(path, image).getSize();
  }

  @Override
  public InputStream open(String path, String image) throws IOException {
    TarArchiveEntry entry = regularEntry(path, image);
    try {
      return tar.getInputStream(entry);
    } catch (IOException e) {
      throw new ImageReadException(image, null, path, "failed to read the entry from " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String symlinkTarget(String path) {
    TarArchiveEntry entry = entries.get(path);
    return entry != null && entry.isSymbolicLink() ? entry.getLinkName() : null;
  }

  private TarArchiveEntry regularEntry(String path, String image) throws ImageReadException {
    TarArchiveEntry entry = entries.get(path);
    if (entry == null) {
      throw new ImageReadException(image, null, path, "the entry is missing from " + file + "; the archive is incomplete");
    }
    if (duplicates.contains(path)) {
      throw new ImageReadException(image, null, path, "the archive contains this entry more than once, so the entry to read is ambiguous; save the archive again");
    }
    if (entry.isSymbolicLink()) {
      throw new ImageReadException(image, null, path,
          "the entry is a symbolic link to '" + entry.getLinkName() + "'; image archives must store it as a regular file");
    }
    if (entry.isLink()) {
      throw new ImageReadException(image, null, path,
          "the entry is a hard link to '" + entry.getLinkName() + "'; image archives must store it as a regular file");
    }
    if (!entry.isFile()) {
      throw new ImageReadException(image, null, path, "the entry is not a regular file");
    }
    return entry;
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
