package io.hullscope.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Builds tar archives in memory for tests, including the odd entries real layers contain:
 * whiteouts, hardlinks, long names, PAX headers and raw non-UTF-8 names.
 *
 * <p>All entries get a fixed modification time so that output is byte-identical between runs.
 */
public final class TarBuilder {

  /** Modification time given to every entry: 2024-01-01T00:00:00Z. */
  public static final long FIXED_MTIME_SECONDS = 1_704_067_200L;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar;

  public TarBuilder() {
    // ISO-8859-1 writes each char of a name as one byte, so tests can put raw bytes in names.
    tar = new TarArchiveOutputStream(bytes, "ISO-8859-1");
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  public TarBuilder dir(String path) {
    return dir(path, 0755);
  }

  public TarBuilder dir(String path, int mode) {
    TarArchiveEntry entry = new TarArchiveEntry(path.endsWith("/") ? path : path + "/");
    entry.setMode(040000 | mode);
    return put(entry, null);
  }

  public TarBuilder file(String path, String content) {
    return file(path, content.getBytes(StandardCharsets.UTF_8), 0644);
  }

  public TarBuilder file(String path, byte[] content, int mode) {
    return file(path, content, mode, 0, 0);
  }

  public TarBuilder file(String path, byte[] content, int mode, int uid, int gid) {
    TarArchiveEntry entry = new TarArchiveEntry(path);
    entry.setMode(0100000 | mode);
    entry.setSize(content.length);
    entry.setIds(uid, gid);
    return put(entry, content);
  }

  public TarBuilder symlink(String path, String target) {
    TarArchiveEntry entry = new TarArchiveEntry(path, TarConstants.LF_SYMLINK);
    entry.setLinkName(target);
    entry.setMode(0120777);
    return put(entry, null);
  }

  public TarBuilder hardlink(String path, String target) {
    TarArchiveEntry entry = new TarArchiveEntry(path, TarConstants.LF_LINK);
    entry.setLinkName(target);
    entry.setMode(0100644);
    return put(entry, null);
  }

  /** Adds a whiteout that deletes {@code path} from lower layers. */
  public TarBuilder whiteout(String path) {
    int slash = path.lastIndexOf('/');
    String parent = slash < 0 ? "" : path.substring(0, slash + 1);
    return file(parent + ".wh." + path.substring(slash + 1), new byte[0], 0644);
  }

  /** Adds an opaque-directory marker that hides everything lower layers put in {@code dir}. */
  public TarBuilder opaque(String dir) {
    String prefix = dir.isEmpty() || dir.endsWith("/") ? dir : dir + "/";
    return file(prefix + ".wh..wh..opq", new byte[0], 0644);
  }

  /** Adds a file whose name is given as raw bytes, which need not be valid UTF-8. */
  public TarBuilder rawNameFile(byte[] name, String content) {
    return file(new String(name, StandardCharsets.ISO_8859_1), content.getBytes(StandardCharsets.UTF_8), 0644);
  }

  /** Adds a file preceded by a PAX extended header with the given records. */
  public TarBuilder paxFile(String path, Map<String, String> paxHeaders, String content) {
    TarArchiveEntry entry = new TarArchiveEntry(path);
    entry.setMode(0100644);
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    entry.setSize(data.length);
    paxHeaders.forEach(entry::addPaxHeader);
    return put(entry, data);
  }

  /** Adds an arbitrary entry prepared by the test. */
  public TarBuilder put(TarArchiveEntry entry, byte[] content) {
    try {
      entry.setModTime(FIXED_MTIME_SECONDS * 1000);
      entry.setUserName("");
      entry.setGroupName("");
      tar.putArchiveEntry(entry);
      if (content != null) {
        tar.write(content);
      }
      tar.closeArchiveEntry();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Finishes the archive and returns it uncompressed. */
  public byte[] build() {
    try {
      tar.finish();
      tar.close();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Finishes the archive and returns it gzip-compressed. */
  public byte[] buildGzip() {
    return gzip(build());
  }

  public static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
