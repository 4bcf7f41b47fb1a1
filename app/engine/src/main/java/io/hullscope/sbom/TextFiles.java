package io.hullscope.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads small metadata files bounded in size and rejects binary content. */
final class TextFiles {

  private TextFiles() {}

  /**
   * Reads at most {@code maxBytes} bytes as UTF-8 (invalid bytes become U+FFFD).
   *
   * @throws PackageDatabaseException when the file is larger than {@code maxBytes} or contains a
   *     NUL byte, which no text database contains
   */
  static String read(String path, InputStream in, long maxBytes) throws IOException {
    int cap = (int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8);
    byte[] bytes = in.readNBytes(cap);
    if (bytes.length > maxBytes) {
      throw new PackageDatabaseException(
          path + " is larger than the limit of " + maxBytes + " bytes; raise the limit if this image is trusted");
    }
    for (byte b : bytes) {
      if (b == 0) {
        throw new PackageDatabaseException(path + " contains a NUL byte, so it is not a text file; check that the file is not corrupt");
      }
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
