package io.hullscope.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a file from a forward-only stream by absolute offset, keeping only a window of it in
 * memory. A caller asks for the bytes it needs next with {@link #fill}; bytes before the start of
 * that request may be dropped, so asking for an earlier offset later fails. Reading stops at a
 * byte limit, so a huge file is never read to its end.
 */
final class BinaryReader {

  /** Bytes read from the stream at once, so that small requests do not read byte by byte. */
  static final int CHUNK = 64 * 1024;

  private final InputStream in;
  private final long limit;
  private byte[] buffer = new byte[CHUNK * 2];
  private long bufferStart;
  private int length;
  private long streamPosition;
  private boolean endOfStream;
  private boolean limitReached;

  /**
   * @param limit maximum number of bytes read from {@code in}; the file appears to end there
   */
  BinaryReader(InputStream in, long limit) {
    this.in = in;
    this.limit = limit;
  }

  /**
   * Makes up to {@code count} bytes from {@code offset} available in {@link #buffer()} and returns
   * how many are available, fewer only at the end of the file or of the byte limit. May drop the
   * bytes before {@code offset}.
   *
   * @throws IllegalStateException when {@code offset} lies before the kept window
   */
  int fill(long offset, int count) throws IOException {
    if (offset < bufferStart) {
      throw new IllegalStateException("offset " + offset + " was already dropped; the window starts at " + bufferStart);
    }
    long end = bufferStart + length;
    if (offset + count <= end) {
      return count;
    }
    if (offset >= end) {
      skipTo(offset);
    } else {
      compact(offset);
    }
    ensureCapacity(count);
    readAtLeast(count);
    return (int) Math.min(count, bufferStart + length - offset);
  }

  /** Returns true when {@code offset} is inside the bytes currently kept. */
  boolean contains(long offset, int count) {
    return offset >= bufferStart && offset + count <= bufferStart + length;
  }

  /** Returns the window; index {@code i} is the byte at file offset {@link #bufferStart()} + i. */
  byte[] buffer() {
    return buffer;
  }

  long bufferStart() {
    return bufferStart;
  }

  /** Returns the index in {@link #buffer()} of a file offset within the kept window. */
  int index(long offset) {
    return (int) (offset - bufferStart);
  }

  /** Returns a copy of kept bytes. */
  byte[] copy(long offset, int count) {
    int from = index(offset);
    return Arrays.copyOfRange(buffer, from, from + count);
  }

  /** Returns true when the file (or the byte limit) ends at {@code offset}. */
  boolean atEnd(long offset) throws IOException {
    return fill(offset, 1) == 0;
  }

  /** Returns true when reading stopped at the byte limit rather than at the end of the stream. */
  boolean reachedLimit() {
    return limitReached;
  }

  private void skipTo(long offset) throws IOException {
    length = 0;
    bufferStart = streamPosition;
    long toSkip = Math.min(offset, limit) - streamPosition;
    while (toSkip > 0 && !endOfStream) {
      long skipped = in.skip(toSkip);
      if (skipped <= 0) {
        // skip may return 0 before the end, so reading one byte checks whether the stream ended.
        if (in.read() < 0) {
          endOfStream = true;
          break;
        }
        skipped = 1;
      }
      toSkip -= skipped;
      streamPosition += skipped;
    }
    bufferStart = offset;
    if (offset > limit && !endOfStream) {
      limitReached = true;
    }
    if (streamPosition < offset) {
      // The stream ended before offset: leave an empty window there.
      streamPosition = offset;
      endOfStream = true;
    }
  }

  private void compact(long offset) {
    int drop = (int) (offset - bufferStart);
    System.arraycopy(buffer, drop, buffer, 0, length - drop);
    length -= drop;
    bufferStart = offset;
  }

  private void ensureCapacity(int count) {
    int wanted = Math.max(count, CHUNK);
    if (buffer.length < wanted + CHUNK) {
      buffer = Arrays.copyOf(buffer, wanted + CHUNK);
    }
  }

  private void readAtLeast(int count) throws IOException {
    while (length < count && !endOfStream) {
      if (streamPosition >= limit) {
        limitReached = true;
        break;
      }
      int room = (int) Math.min(buffer.length - length, limit - streamPosition);
      int read = in.read(buffer, length, room);
      if (read < 0) {
        endOfStream = true;
        break;
      }
      length += read;
      streamPosition += read;
    }
  }
}
