package io.hullscope.sbom;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one archive file and the archives nested in it as a single forward pass with {@link
 * ZipInputStream}, so memory does not grow with the archive: only a manifest or pom.properties is
 * held at a time. One instance reads one file, because it counts the bytes it decompresses.
 *
 * <p>Failure policy: a problem with the file itself (not a ZIP archive, corrupt or truncated data,
 * too many entries) or a file that decompresses to more than {@link JavaArchiveLimits#maxTotalBytes}
 * fails the whole file with an {@link ArchiveReadException}. A file whose central directory is
 * missing counts as truncated even when all its entries could be read. A nested archive that is corrupt, has
 * too many entries or lies deeper than {@link JavaArchiveLimits#maxNestingDepth} is skipped with a
 * logged warning, its packages are dropped, and reading goes on with the next entry. A manifest or
 * pom.properties that is too large or invalid is ignored with a logged warning, and the archive is
 * identified from what remains.
 */
final class JarArchiveReader {

  private static final Logger LOG = LoggerFactory.getLogger(JarArchiveReader.class);

  /** How far into a file a launch script may reach before the ZIP data (Spring Boot "fully executable" jars). */
  private static final int MAX_SCRIPT_PREFIX = 1 << 20;

  private static final int BUFFER_SIZE = 64 * 1024;

  private final JavaArchiveLimits limits;
  private long bytesLeft;

  JarArchiveReader(JavaArchiveLimits limits) {
    this.limits = limits;
    this.bytesLeft = limits.maxTotalBytes();
  }

  /**
   * Returns the packages of the archive and of every archive nested in it, each archive's own
   * packages before those of the archives it contains.
   *
   * @throws ArchiveReadException when the file cannot be read as described in the class comment
   * @throws IOException when reading {@code content} itself fails
   */
  List<Package> read(String path, InputStream content) throws IOException {
    List<Package> packages = new ArrayList<>();
    try {
      readArchive(path, new SourceStream(content), 0, packages);
    } catch (SourceReadException e) {
      throw e.getCause();
    }
    return packages;
  }

  private void readArchive(String archivePath, InputStream raw, int depth, List<Package> out) throws IOException {
    MessageDigest sha1 = newSha1();
    // ZipInputStream reads 512 bytes at a time; a buffer keeps that from reaching the layer stream.
    JarTailInputStream tail = new JarTailInputStream(new BufferedInputStream(raw, BUFFER_SIZE));
    InputStream digested = new DigestInputStream(tail, sha1);
    PushbackInputStream in = new PushbackInputStream(digested, 4);
    int firstPackage = out.size();
    List<MavenPomProperties> poms = new ArrayList<>();
    JarManifest manifest = null;
    int entries = 0;

    if (startsZipData(archivePath, in)) {
      // Closing the ZipInputStream frees its Inflater but must leave the stream open for the drain below.
      // Names without the UTF-8 flag are in a legacy code page. ISO-8859-1 decodes any byte, so such
      // a name cannot fail the archive, and the ASCII names this reader looks for read the same.
      try (ZipInputStream zip = new ZipInputStream(new UnclosedInputStream(in), StandardCharsets.ISO_8859_1)) {
        ZipEntry entry;
        while ((entry = nextEntry(archivePath, zip)) != null) {
          entries++;
          if (entries > limits.maxEntriesPerArchive()) {
            throw new ArchiveReadException(archivePath, archivePath + " has more than " + limits.maxEntriesPerArchive()
                + " entries; raise the entry limit if this image is trusted");
          }
          InputStream data = new EntryStream(archivePath, zip);
          String name = entry.getName();
          if (entry.isDirectory()) {
            // A directory has no data; the drain below only checks that.
          } else if (manifest == null && name.equalsIgnoreCase(JarManifest.ENTRY_NAME)) {
            manifest = readManifest(archivePath, name, data);
          } else if (MavenPomProperties.isPomPropertiesEntry(name)) {
            MavenPomProperties pom = readPomProperties(archivePath, name, data);
            if (pom != null) {
              poms.add(pom);
            }
          } else if (JarFileName.hasArchiveExtension(name)) {
            readNested(archivePath + "!/" + name, data, depth + 1, out);
          }
          drain(data);
        }
      }
    }
    // ZipInputStream stops at the central directory; the rest of the bytes still count for the SHA-1.
    drain(digested);
    if (!tail.endsWithEndOfCentralDirectory()) {
      // ZipInputStream reports a file cut between two entries as a normal end.
      throw new ArchiveReadException(archivePath, archivePath + " is truncated or has data appended: it does not"
          + " end with a ZIP end-of-central-directory record; check that the file was copied completely");
    }
    if (entries > 0) {
      // An archive without entries declares nothing, even when its file name carries a version.
      String hex = HexFormat.of().formatHex(sha1.digest());
      out.addAll(firstPackage, JarPackages.of(archivePath, manifest, poms, hex));
    }
  }

  /**
   * Positions {@code in} at the first local file header and returns true, or returns false for an
   * empty archive, which is only an end-of-central-directory record.
   */
  private static boolean startsZipData(String archivePath, PushbackInputStream in) throws IOException {
    byte[] head = in.readNBytes(4);
    if (isSignature(head, 3, 4)) {
      in.unread(head);
      return true;
    }
    if (isSignature(head, 5, 6)) {
      return false;
    }
    if (head.length == 4 && head[0] == '#' && head[1] == '!') {
      // A launch script precedes the ZIP data; look for the first local file header after it.
      int window = ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
      for (int read = 4; read < MAX_SCRIPT_PREFIX; read++) {
        int next = in.read();
        if (next < 0) {
          break;
        }
        window = (window << 8) | next;
        if (window == 0x504b0304) {
          in.unread(new byte[] {'P', 'K', 3, 4});
          return true;
        }
      }
    }
    throw new ArchiveReadException(archivePath, archivePath + " is not a ZIP archive (it does not start with a ZIP"
        + " local file header); check that the file is a complete jar, war or ear");
  }

  private static boolean isSignature(byte[] head, int third, int fourth) {
    return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == third && head[3] == fourth;
  }

  private void readNested(String nestedPath, InputStream data, int depth, List<Package> out) throws IOException {
    if (depth > limits.maxNestingDepth()) {
      LOG.warn("Skipped nested archive {}: it is nested deeper than the limit of {} levels", nestedPath,
          limits.maxNestingDepth());
      return;
    }
    List<Package> nested = new ArrayList<>();
    try {
      readArchive(nestedPath, data, depth, nested);
    } catch (ArchiveReadException e) {
      if (!e.archivePath().equals(nestedPath)) {
        throw e;
      }
      // NOTE: Cataloger.read returns packages or fails, so this warning reaches the log but not the
      // SBOM's warnings; the SBOM just lacks this nested archive's packages.
      LOG.warn("Skipped a nested archive: {}", e.getMessage());
      return;
    }
    out.addAll(nested);
  }

  private JarManifest readManifest(String archivePath, String name, InputStream data) throws IOException {
    byte[] bytes = readMetadata(archivePath, name, data);
    if (bytes == null) {
      return null;
    }
    try {
      return JarManifest.parse(bytes);
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("Ignored invalid manifest {}!/{}: {}", archivePath, name, e.getMessage());
      return null;
    }
  }

  private MavenPomProperties readPomProperties(String archivePath, String name, InputStream data) throws IOException {
    byte[] bytes = readMetadata(archivePath, name, data);
    if (bytes == null) {
      return null;
    }
    try {
      return MavenPomProperties.parse(name, bytes);
    } catch (IOException e) {
      LOG.warn("Ignored invalid Maven properties in {}: {}", archivePath, e.getMessage());
      return null;
    }
  }

  /** Returns the entry's bytes, or null with a warning when it is larger than the metadata limit. */
  private byte[] readMetadata(String archivePath, String name, InputStream data) throws IOException {
    byte[] bytes = data.readNBytes(limits.maxMetadataBytes() + 1);
    if (bytes.length > limits.maxMetadataBytes()) {
      LOG.warn("Ignored {}!/{}: it is larger than the limit of {} bytes", archivePath, name, limits.maxMetadataBytes());
      return null;
    }
    return bytes;
  }

  private static ZipEntry nextEntry(String archivePath, ZipInputStream zip) throws IOException {
    try {
      return zip.getNextEntry();
    } catch (ArchiveReadException | SourceReadException | TotalSizeExceededException e) {
      throw e;
    } catch (IOException | IllegalArgumentException e) {
      // IllegalArgumentException: a name flagged as UTF-8 that is not valid UTF-8.
      throw new ArchiveReadException(archivePath, "invalid ZIP data in " + archivePath + ": " + e.getMessage(), e);
    }
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[8192];
    while (in.read(buffer) >= 0) {
      // Reading is the work: it moves the ZIP stream to the next entry and feeds the digests.
    }
  }

  private static MessageDigest newSha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-1", e);
    }
  }

  /**
   * The data of the current entry of one archive level. It charges the decompressed bytes to the
   * file's budget, tags ZIP errors with the archive they belong to, and ignores close, because
   * closing a nested reader must not close the entry it reads.
   */
  private final class EntryStream extends FilterInputStream {
    private final String archivePath;

    EntryStream(String archivePath, ZipInputStream zip) {
      super(zip);
      this.archivePath = archivePath;
    }

    @Override
    public int read() throws IOException {
      byte[] single = new byte[1];
      int n = read(single, 0, 1);
      return n < 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n;
      try {
        n = in.read(buffer, offset, length);
      } catch (ArchiveReadException | SourceReadException | TotalSizeExceededException e) {
        throw e;
      } catch (IOException e) {
        throw new ArchiveReadException(archivePath, "invalid ZIP data in " + archivePath + ": " + e.getMessage(), e);
      }
      if (n > 0) {
        bytesLeft -= n;
        if (bytesLeft < 0) {
          throw new TotalSizeExceededException(archivePath + " decompresses to more than " + limits.maxTotalBytes()
              + " bytes, counting nested archives; it may be a decompression bomb, or raise the limit if the image"
              + " is trusted");
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      return read(new byte[(int) Math.min(n, 8192)]);
    }

    @Override
    public void close() {
      // The ZIP stream of this level is closed by the level that opened it.
    }
  }

  /** An input stream whose close leaves the underlying stream open. */
  private static final class UnclosedInputStream extends FilterInputStream {
    UnclosedInputStream(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // The stream is drained and released by its owner.
    }
  }

  /** The content handed to the cataloger; marks its read errors so they are not taken for bad archives. */
  private static final class SourceStream extends FilterInputStream {
    SourceStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (IOException e) {
        throw new SourceReadException(e);
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        return in.read(buffer, offset, length);
      } catch (IOException e) {
        throw new SourceReadException(e);
      }
    }

    @Override
    public void close() {
      // The caller owns the content stream.
    }
  }

  /** A failure to read the content stream itself, for example a truncated layer. */
  private static final class SourceReadException extends IOException {
    SourceReadException(IOException cause) {
      super(cause.getMessage(), cause);
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
  }

  /** The file decompressed to more bytes than allowed; this always fails the whole file. */
  static final class TotalSizeExceededException extends IOException {
    TotalSizeExceededException(String message) {
      super(message);
    }
  }

  /** The archive at {@link #archivePath} is not a valid ZIP archive or exceeds a per-archive limit. */
  static final class ArchiveReadException extends IOException {
    private final String archivePath;

    ArchiveReadException(String archivePath, String message) {
      this(archivePath, message, null);
    }

    ArchiveReadException(String archivePath, String message, Throwable cause) {
      super(message, cause);
      this.archivePath = archivePath;
    }

    String archivePath() {
      return archivePath;
    }
  }
}
