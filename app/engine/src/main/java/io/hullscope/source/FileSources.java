package io.hullscope.source;

import io.hullscope.image.Limits;
import io.hullscope.source.archive.ArchiveSources;
import io.hullscope.source.archive.OciLayoutSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens an image file or folder as the right {@link ImageSource}, detected from its content. */
public final class FileSources {

  private FileSources() {}

  /** Opens {@code path} with {@link Limits#DEFAULT}. */
  public static ImageSource open(Path path) throws IOException {
    return open(path, Limits.DEFAULT);
  }

  /**
   * Opens a folder with an {@code oci-layout} file as an OCI layout, and a tar as a
   * {@code docker save} archive when it has {@code manifest.json}, else as an OCI layout tar.
   *
   * @throws IOException with a message starting "not an image archive" for anything else
   */
  public static ImageSource open(Path path, Limits limits) throws IOException {
    if (Files.isDirectory(path)) {
      if (!Files.isRegularFile(path.resolve("oci-layout"))) {
        throw new IOException("not an image archive: " + path
            + " is a folder without an oci-layout file; choose an OCI layout folder or a docker save tar");
      }
      return OciLayoutSource.open(path, limits);
    }
    if (!Files.isRegularFile(path)) {
      throw new IOException("not an image archive: " + path + " does not exist or is not a regular file");
    }
    byte[] head = new byte[512];
    int length;
    try (InputStream in = Files.newInputStream(path)) {
      length = in.readNBytes(head, 0, head.length);
    }
    if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      throw new IOException("not an image archive: " + path
          + " is gzip-compressed; decompress it first (gunzip) and open the tar");
    }
    if (length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      throw new IOException("not an image archive: " + path
          + " is zstd-compressed; decompress it first (zstd -d) and open the tar");
    }
    return ArchiveSources.openTar(path, limits);
  }
}
