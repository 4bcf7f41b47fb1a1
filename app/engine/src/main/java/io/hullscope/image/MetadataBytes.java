package io.hullscope.image;

import java.io.IOException;
import java.io.InputStream;

/** Reads manifest, index and config files with a size bound, and checks them against digests. */
public final class MetadataBytes {

  private MetadataBytes() {}

  /**
   * Reads the whole stream, at most {@link Limits#maxMetadataSize()} bytes.
   *
   * @throws LimitExceededException when the stream is longer, naming the image and entry
   */
  public static byte[] read(InputStream in, Limits limits, String image, String entry) throws IOException {
    long max = limits.maxMetadataSize();
    int cap = (int) Math.min(max, Integer.MAX_VALUE - 16);
    byte[] bytes = in.readNBytes(cap);
    if (bytes.length == cap && in.read() != -1) {
      throw new LimitExceededException(image, null, entry, "metadata file size", max);
    }
    return bytes;
  }

  /** Throws when {@code bytes} is longer than {@link Limits#maxMetadataSize()}. */
  public static void checkSize(long size, Limits limits, String image, String entry) throws LimitExceededException {
    if (size > limits.maxMetadataSize()) {
      throw new LimitExceededException(image, null, entry, "metadata file size (" + size + " bytes)", limits.maxMetadataSize());
    }
  }

  /**
   * Checks that {@code bytes} hash to {@code expected}.
   *
   * @throws DigestMismatchException naming the image and the entry when they do not
   */
  public static void verify(byte[] bytes, Digest expected, String image, String entry) throws DigestMismatchException {
    byte[] computed = expected.newMessageDigest().digest(bytes);
    if (!expected.matches(computed)) {
      Digest actual = new Digest(expected.algorithm(), java.util.HexFormat.of().formatHex(computed));
      throw new DigestMismatchException(image, null, entry, expected, actual);
    }
  }
}
