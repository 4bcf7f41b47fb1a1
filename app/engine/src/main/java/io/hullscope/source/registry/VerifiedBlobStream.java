package io.hullscope.source.registry;

import io.hullscope.image.Digest;
import io.hullscope.image.DigestMismatchException;
import io.hullscope.image.ImageReadException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;

/**
 * A blob download that hashes the bytes as they pass and checks them at the end: the stream fails
 * as soon as it passes the expected size, and at end of stream when it is short or its digest
 * differs. A broken connection becomes an {@link ImageReadException} naming the blob.
 */
final class VerifiedBlobStream extends FilterInputStream {

  private final Digest expected;
  private final long expectedSize;
  private final String image;
  private final String layer;
  private final String entry;
  private final MessageDigest hash;
  private long count;
  private boolean verified;

  /**
   * @param expectedSize the size from the descriptor, or -1 to check the digest only
   * @param image how messages name the image
   * @param layer how messages name the layer, or null for a blob that is not a layer
   * @param entry how messages name the blob
   */
  VerifiedBlobStream(InputStream in, Digest expected, long expectedSize, String image, String layer, String entry) {
    super(in);
    this.expected = expected;
    this.expectedSize = expectedSize;
    this.image = image;
    this.layer = layer;
    this.entry = entry;
    this.hash = expected.newMessageDigest();
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
      n = super.read(buffer, offset, length);
    } catch (InterruptedIOException e) {
      throw e;
    } catch (ImageReadException e) {
      throw e;
    } catch (IOException e) {
      throw new ImageReadException(image, layer, entry, "the download failed after " + count + " bytes"
          + (expectedSize >= 0 ? " of " + expectedSize : "") + " (" + e.getMessage() + "); try again", e);
    }
    if (n < 0) {
      verifyAtEnd();
      return -1;
    }
    hash.update(buffer, offset, n);
    count += n;
    if (expectedSize >= 0 && count > expectedSize) {
      throw new ImageReadException(image, layer, entry, "the registry sent more than the " + expectedSize
          + " bytes the manifest gives for this blob");
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes must be hashed too, so they are read.
    byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
    long skipped = 0;
    while (skipped < n) {
      int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void verifyAtEnd() throws ImageReadException {
    if (verified) {
      return;
    }
    verified = true;
    if (expectedSize >= 0 && count < expectedSize) {
      throw new ImageReadException(image, layer, entry, "the blob is truncated: the registry sent " + count
          + " of " + expectedSize + " bytes");
    }
    byte[] computed = hash.digest();
    if (!expected.matches(computed)) {
      Digest actual = new Digest(expected.algorithm(), java.util.HexFormat.of().formatHex(computed));
      throw new DigestMismatchException(image, layer, entry, expected, actual);
    }
  }
}
