package io.hullscope.source.archive;

import io.hullscope.image.ImageReadException;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The entries of a tar file, read with random access: one scan of the headers at open, then each
 * entry is streamed straight from its offset, so a layer opens without copying the archive.
 *
 * <p>Reads go through a {@link FileChannel} with positional reads, so several entries can be
 * streamed at once from different threads.
 */
final class TarImageFiles implements ImageFiles {

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
   */
  static TarImageFiles open(Path file, String kind) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return new TarImageFiles(file, kind, new TarFile(channel));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw new ImageReadException(String.valueOf(file.getFileName()), null, findBrokenEntry(file),
          "the file is truncated or is not a tar archive (" + e.getMessage() + "); save or copy it again", e);
    }
  }

  /**
   * Scans the tar sequentially to name the entry where it breaks off, for the error message.
   * Returns null when no entry can be named.
   */
  private static String findBrokenEntry(Path file) {
    String current = null;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        current = entry.getName();
        long remaining = entry.getSize();
        while (remaining > 0) {
          long skipped = tar.skip(remaining);
          if (skipped <= 0) {
            return current;
          }
          remaining -= skipped;
        }
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return current;
    }
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
