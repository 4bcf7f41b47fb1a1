package io.hullscope.source.archive;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * A quick walk over the 512-byte headers of a tar file that counts entries and finds where a
 * damaged file breaks off. It reads only the headers (and PAX and GNU long-name records) with
 * positional reads, so its cost grows with the number of entries, not with the size of the data.
 *
 * <p>It understands just enough of the format to find the next header: the size field in octal
 * or base-256, a PAX {@code size} record and GNU long names. Full parsing is left to
 * commons-compress.
 *
 * @param entries entries counted, stopping one past the maximum; PAX and long-name records are not counted
 * @param lastEntry name of the last entry seen, or null
 * @param failure why the walk stopped early, or null when it reached the end of the archive
 */
record TarHeaderScan(long entries, String lastEntry, IOException failure) {

  private static final int BLOCK = 512;

  /** Largest PAX or GNU long-name record read; real ones are a few hundred bytes. */
  private static final int MAX_META_SIZE = 1 << 20;

  /** Walks the headers of {@code channel}, stopping after {@code maxEntries + 1} entries. */
  static TarHeaderScan scan(FileChannel channel, long maxEntries) throws IOException {
    long fileSize = channel.size();
    long position = 0;
    long count = 0;
    String lastEntry = null;
    Long paxSize = null;
    String longName = null;
    ByteBuffer header = ByteBuffer.allocate(BLOCK);
    while (true) {
      if (position + BLOCK > fileSize) {
        // A tar without end-of-archive blocks is accepted when it stops at a header boundary.
        return position == fileSize
            ? new TarHeaderScan(count, lastEntry, null)
            : new TarHeaderScan(count, lastEntry, new EOFException("the last header is cut off"));
      }
      readFully(channel, header.clear(), position);
      byte[] block = header.array();
      if (isZero(block)) {
        return new TarHeaderScan(count, lastEntry, null);
      }
      long size;
      try {
        size = parseSize(block);
      } catch (IllegalArgumentException e) {
        return new TarHeaderScan(count, lastEntry, new IOException(
            "invalid tar header" + (lastEntry == null ? "" : " after entry " + lastEntry) + ": " + e.getMessage()));
      }
      byte type = block[156];
      long dataStart = position + BLOCK;

      if (type == 'x' || type == 'L' || type == 'K') {
        if (size > MAX_META_SIZE || dataStart + size > fileSize) {
          return new TarHeaderScan(count, lastEntry, new EOFException("an extended header is cut off or too large"));
        }
        byte[] data = new byte[(int) size];
        readFully(channel, ByteBuffer.wrap(data), dataStart);
        if (type == 'x') {
          String records = new String(data, StandardCharsets.UTF_8);
          paxSize = paxLong(records, "size");
          String path = paxString(records, "path");
          longName = path != null ? path : longName;
        } else if (type == 'L') {
          longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
        }
        position = dataStart + padded(size);
        continue;
      }
      if (type == 'g') {
        position = dataStart + padded(size);
        continue;
      }

      count++;
      lastEntry = longName != null ? longName : name(block);
      if (count > maxEntries) {
        return new TarHeaderScan(count, lastEntry, null);
      }
      long dataSize = paxSize != null ? paxSize : size;
      if (type >= '1' && type <= '6') {
        dataSize = 0;
      }
      paxSize = null;
      longName = null;
      position = dataStart + padded(dataSize);
      if (position > fileSize) {
        return new TarHeaderScan(count, lastEntry, new EOFException("the entry ends after the end of the file"));
      }
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw new EOFException("unexpected end of file at offset " + at);
      }
      at += read;
    }
  }

  private static long padded(long size) {
    return (size + BLOCK - 1) / BLOCK * BLOCK;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** Parses the 12-byte size field: octal digits, or base-256 when the first byte has bit 7 set. */
  private static long parseSize(byte[] block) {
    int offset = 124;
    int length = 12;
    if ((block[offset] & 0x80) != 0) {
      long value = block[offset] & 0x7f;
      for (int i = 1; i < length; i++) {
        if (value > (Long.MAX_VALUE >> 8)) {
          throw new IllegalArgumentException("size field overflows");
        }
        value = (value << 8) | (block[offset + i] & 0xff);
      }
      return value;
    }
    long value = 0;
    boolean digits = false;
    for (int i = offset; i < offset + length; i++) {
      byte b = block[i];
      if (b >= '0' && b <= '7') {
        value = value * 8 + (b - '0');
        digits = true;
      } else if (b == ' ' || b == 0) {
        if (digits) {
          break;
        }
      } else {
        throw new IllegalArgumentException("size field is not octal");
      }
    }
    return value;
  }

  private static String name(byte[] block) {
    String name = field(block, 0, 100);
    boolean ustar = field(block, 257, 5).equals("ustar");
    String prefix = ustar ? field(block, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String field(byte[] block, int offset, int length) {
    int end = offset;
    while (end < offset + length && block[end] != 0) {
      end++;
    }
    return new String(block, offset, end - offset, StandardCharsets.UTF_8);
  }

  /** Returns the value of a PAX record such as {@code 30 path=...}, or null. */
  private static String paxString(String records, String key) {
    for (String record : records.split("\n")) {
      int space = record.indexOf(' ');
      int equals = record.indexOf('=');
      if (space > 0 && equals > space && record.substring(space + 1, equals).equals(key)) {
        return record.substring(equals + 1);
      }
    }
    return null;
  }

  private static Long paxLong(String records, String key) {
    String value = paxString(records, key);
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
