package io.hullscope.index;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts and hashes every byte that passes, and stops when a size limit is passed. {@link #skip}
 * reads the skipped bytes so that they are hashed too.
 */
final class MeteredInputStream extends FilterInputStream {

  /** Thrown when more bytes than the limit pass; the caller turns it into a named error. */
  static final class LimitReachedException extends IOException {
    final String limitName;
    final long limit;

    LimitReachedException(String limitName, long limit) {
      super(limitName + " exceeds " + limit);
      this.limitName = limitName;
      this.limit = limit;
    }
  }

  /** Output below this size is never judged by its compression ratio. */
  static final long RATIO_GRACE_BYTES = 1L << 20;

  private final ParallelHasher.Lane digest;
  private final long maxBytes;
  private final String sizeName;
  private final MeteredInputStream compressedSide;
  private final long maxRatio;
  private long count;

  /**
   * @param digest hashes what passes; null to count only
   * @param maxBytes most bytes allowed to pass
   * @param sizeName what {@code maxBytes} limits, for the error message
   * @param compressedSide the stored-blob stream this one decompresses, for the ratio limit; may be
   *     null
   * @param maxRatio largest allowed ratio of this stream's bytes to {@code compressedSide}'s
   */
  MeteredInputStream(
      InputStream in, ParallelHasher.Lane digest, long maxBytes, String sizeName,
      MeteredInputStream compressedSide, long maxRatio) {
    super(in);
    this.digest = digest;
    this.maxBytes = maxBytes;
    this.sizeName = sizeName;
    this.compressedSide = compressedSide;
    this.maxRatio = maxRatio;
  }

  long count() {
    return count;
  }

  /** Waits for the hash of everything read so far. */
  byte[] digest() throws IOException {
    if (digest == null) {
      throw new IllegalStateException("this stream was opened without hashing");
    }
    return digest.finish();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n > 0) {
      if (digest != null) {
        digest.update(buffer, offset, n);
      }
      passed(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(n, 64 * 1024)];
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

  /** Reads to the end of the stream, hashing what is left. */
  void drain() throws IOException {
    byte[] buffer = new byte[64 * 1024];
    while (read(buffer, 0, buffer.length) >= 0) {
      // read() counts and hashes
    }
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void passed(int n) throws LimitReachedException {
    count += n;
    if (count > maxBytes) {
      throw new LimitReachedException(sizeName, maxBytes);
    }
    if (compressedSide != null && count > RATIO_GRACE_BYTES) {
      long stored = Math.max(1, compressedSide.count);
      if (count / stored > maxRatio) {
        throw new LimitReachedException("the compression ratio", maxRatio);
      }
    }
  }
}
