package io.hullscope.sbom;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/** Malformed and oversized inputs shared by the cataloger tests. */
final class HostileInputs {

  private HostileInputs() {}

  static InputStream text(String content) {
    return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the first half of {@code content}, as a download cut short would leave it. */
  static InputStream truncated(String content) {
    return text(content.substring(0, content.length() / 2));
  }

  /** Returns reproducible random bytes, which are neither JSON nor text. */
  static InputStream garbage(int length) {
    byte[] bytes = new byte[length];
    new Random(20261204L).nextBytes(bytes);
    return new ByteArrayInputStream(bytes);
  }

  /** Returns {@code depth} nested JSON arrays, {@code [[[...]]]}. */
  static InputStream nestedArrays(int depth) {
    return text("[".repeat(depth) + "]".repeat(depth));
  }

  /** Returns {@code {"name": "deep", "version": "1.0.0", "x": {"x": {...}}}} nested {@code depth} objects deep. */
  static InputStream nestedObjectsInPackage(int depth) {
    return text("{\"name\": \"deep\", \"version\": \"1.0.0\", \"x\": " + "{\"x\": ".repeat(depth) + "1"
        + "}".repeat(depth) + "}");
  }

  /** A stream of {@code length} spaces that counts how many bytes were read from it. */
  static final class CountingSpaces extends InputStream {

    private final long length;
    private long read;

    CountingSpaces(long length) {
      this.length = length;
    }

    long bytesRead() {
      return read;
    }

    @Override
    public int read() {
      if (read >= length) {
        return -1;
      }
      read++;
      return ' ';
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
      if (read >= length) {
        return -1;
      }
      int n = (int) Math.min(count, length - read);
      Arrays.fill(buffer, offset, offset + n, (byte) ' ');
      read += n;
      return n;
    }
  }
}
