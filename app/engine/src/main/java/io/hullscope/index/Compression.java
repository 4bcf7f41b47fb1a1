package io.hullscope.index;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Compression of a stored layer blob, recognized from its first bytes.
 *
 * <p>Media types are never trusted: Docker writes gzip layers under tar media types and some
 * registries serve zstd under gzip types. The magic numbers are those of RFC 1952 (gzip, {@code 1f
 * 8b}) and RFC 8878 (zstd frame, {@code 28 b5 2f fd}); anything else is read as a plain tar.
 */
public enum Compression {
  GZIP,
  ZSTD,
  NONE;

  /** Bytes needed by {@link #detect}. */
  public static final int MAGIC_LENGTH = 4;

  private static final int BUFFER_SIZE = 64 * 1024;

  /** Detects the compression from the first {@code length} bytes of {@code head}. */
  public static Compression detect(byte[] head, int length) {
    if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return GZIP;
    }
    if (length >= 4
        && (head[0] & 0xff) == 0x28
        && (head[1] & 0xff) == 0xb5
        && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      return ZSTD;
    }
    return NONE;
  }

  /**
   * Returns the uncompressed content of a stored blob, detecting the compression from its first
   * bytes. The raw stream is wrapped in a buffer when it does not support mark/reset; closing the
   * result closes {@code raw}.
   */
  public static InputStream decompress(InputStream raw) throws IOException {
    InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw, BUFFER_SIZE);
    return detect(in).wrap(in);
  }

  /** Reads the magic bytes of a stream that supports mark/reset, then resets it. */
  public static Compression detect(InputStream markable) throws IOException {
    if (!markable.markSupported()) {
      throw new IllegalArgumentException("compression detection needs a stream with mark/reset");
    }
    byte[] head = new byte[MAGIC_LENGTH];
    markable.mark(MAGIC_LENGTH);
    int length = 0;
    try {
      while (length < MAGIC_LENGTH) {
        int n = markable.read(head, length, MAGIC_LENGTH - length);
        if (n < 0) {
          break;
        }
        length += n;
      }
    } finally {
      markable.reset();
    }
    return detect(head, length);
  }

  /** Wraps a stream positioned at the start of a blob compressed this way. */
  public InputStream wrap(InputStream in) throws IOException {
    switch (this) {
      case GZIP:
        // GZIPInputStream also reads concatenated members, which pigz and some registries write.
        return new GZIPInputStream(in, BUFFER_SIZE);
      case ZSTD:
        return new BufferedInputStream(new ZstdInputStreamNoFinalizer(in), BUFFER_SIZE);
      default:
        return in;
    }
  }
}
