package io.hullscope.sbom;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through and keeps the last ones, enough to find a ZIP end-of-central-directory
 * record (22 bytes plus a comment of up to 65,535 bytes) once the stream is read to its end.
 */
final class JarTailInputStream extends FilterInputStream {

  private static final int EOCD_SIZE = 22;
  private static final int MAX_COMMENT = 0xffff;
  private static final int CAPACITY = EOCD_SIZE + MAX_COMMENT;

  /** Ring buffer of the last bytes. The next byte goes to index {@code next}, and {@code filled} bytes are valid. */
  private final byte[] ring = new byte[CAPACITY];
  private int next;
  private int filled;

  JarTailInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      ring[next] = (byte) b;
      next = (next + 1) % CAPACITY;
      filled = Math.min(CAPACITY, filled + 1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n > 0) {
      record(buffer, offset, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    return read(new byte[(int) Math.min(n, 8192)]);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void record(byte[] buffer, int offset, int length) {
    if (length >= CAPACITY) {
      System.arraycopy(buffer, offset + length - CAPACITY, ring, 0, CAPACITY);
      next = 0;
      filled = CAPACITY;
      return;
    }
    int first = Math.min(length, CAPACITY - next);
    System.arraycopy(buffer, offset, ring, next, first);
    System.arraycopy(buffer, offset + first, ring, 0, length - first);
    next = (next + length) % CAPACITY;
    filled = Math.min(CAPACITY, filled + length);
  }

  /**
   * Returns true when the bytes read so far end with an end-of-central-directory record: its
   * signature {@code PK 05 06} followed by 18 bytes whose last two give the length of the comment
   * that fills the rest of the file.
   */
  boolean endsWithEndOfCentralDirectory() {
    byte[] tail = new byte[filled];
    int start = (next - filled + CAPACITY) % CAPACITY;
    int first = Math.min(filled, CAPACITY - start);
    System.arraycopy(ring, start, tail, 0, first);
    System.arraycopy(ring, 0, tail, first, filled - first);
    for (int position = tail.length - EOCD_SIZE; position >= 0; position--) {
      if (tail[position] == 'P' && tail[position + 1] == 'K' && tail[position + 2] == 5 && tail[position + 3] == 6) {
        int commentLength = (tail[position + 20] & 0xff) | ((tail[position + 21] & 0xff) << 8);
        if (position + EOCD_SIZE + commentLength == tail.length) {
          return true;
        }
      }
    }
    return false;
  }
}
