package io.hullscope.sbom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the build information a Go toolchain writes into an executable: the Go version and the
 * module text. It sits behind a 32-byte header that starts with the magic {@code "\xff Go
 * buildinf:"} at a 16-byte aligned offset near the start of the writable data, in the {@code
 * .go.buildinfo} section where there is one. Header byte 14 is the pointer size, byte 15 contains
 * flags: bit 0 set means big-endian pointers, bit 1 set means the two strings follow the header
 * inline, each as an unsigned varint length and its bytes (Go 1.18 and later). Without bit 1
 * (Go 1.17 and earlier) the header has, at offset 16, the addresses of two Go string headers
 * (data address and length, one pointer each): the version's, then the module text's.
 *
 * <p>The file is read once, forward. The old layout points backwards to string bytes in the
 * read-only data, which the stream has passed by the time the header is found. So while it scans,
 * the reader keeps short copies of the places such strings start with ({@code go1.} and {@code
 * devel} for versions, the module text's start sentinel), bounded in number and size, and takes
 * the bytes from there when a pointer lands exactly on one of them.
 */
final class GoBuildInfoReader {

  /** Go version and module text; the module text still has its sentinels. */
  record BuildInfo(String goVersion, byte[] moduleInfo) {}

  static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
  static final int HEADER_SIZE = 32;
  static final int ALIGNMENT = 16;
  static final int FLAG_BIG_ENDIAN = 1;
  static final int FLAG_INLINE_STRINGS = 2;

  /** Bytes after each scanned offset that are in memory, enough for a header or a version copy. */
  private static final int LOOKAHEAD = 128;
  /** Bytes kept of a possible version string; Go versions, even devel ones, are shorter. */
  private static final int VERSION_COPY = 120;
  /** Maximum number of possible version strings kept for the pre-1.18 layout. */
  private static final int MAX_VERSION_COPIES = 4096;
  /** Maximum number of possible module texts kept for the pre-1.18 layout. */
  private static final int MAX_MODULE_COPIES = 16;
  /** Bytes after the header kept in memory while following its pointers forward. */
  private static final int MAX_FORWARD_SPAN = 16 * 1024 * 1024;
  private static final byte[] GO1 = "go1.".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DEVEL = "devel".getBytes(StandardCharsets.US_ASCII);

  private final int maxStringBytes;

  /**
   * @param maxStringBytes maximum length of the version and of the module text; a longer one
   *     fails the file
   */
  GoBuildInfoReader(int maxStringBytes) {
    this.maxStringBytes = maxStringBytes;
  }

  /**
   * Returns the build information of the executable {@code reader} streams, or null when its
   * writable segments hold none.
   *
   * @throws PackageDatabaseException naming {@code path} when the build information is invalid,
   *     truncated, longer than the limit, or lies past the byte limit of {@code reader}
   */
  BuildInfo read(String path, BinaryReader reader, BinaryLayout layout) throws IOException {
    List<BinaryLayout.Segment> writable = layout.writableSegments();
    if (writable.isEmpty()) {
      return null;
    }
    long scanEnd = writable.stream().mapToLong(s -> s.fileOffset() + s.fileSize()).max().orElse(0);
    Copies copies = new Copies();
    int segment = 0;
    long position = 0;
    while (position < scanEnd) {
      int available = reader.fill(position, BinaryReader.CHUNK + LOOKAHEAD);
      if (available == 0) {
        break;
      }
      int count = available < BinaryReader.CHUNK + LOOKAHEAD ? available : BinaryReader.CHUNK;
      byte[] buffer = reader.buffer();
      int base = reader.index(position);
      long resumeAt = -1;
      for (int i = 0; i < count; i++) {
        long offset = position + i;
        byte value = buffer[base + i];
        if (value == (byte) 0xff && (offset & (ALIGNMENT - 1)) == 0) {
          while (segment < writable.size() && end(writable.get(segment)) <= offset) {
            segment++;
          }
          boolean inWritable = segment < writable.size() && writable.get(segment).fileOffset() <= offset;
          if (inWritable && i + HEADER_SIZE <= available && startsWith(buffer, base + i, MAGIC)) {
            byte[] header = Arrays.copyOfRange(buffer, base + i, base + i + HEADER_SIZE);
            BuildInfo found = parseHeader(path, reader, layout, copies, offset, header);
            if (found != null) {
              return found;
            }
            // Reading the strings may have moved the reader's window past this offset, so scanning
            // goes on from a fresh fill, after those strings when they were dropped.
            resumeAt = Math.max(offset + 1, reader.bufferStart());
            break;
          }
        } else if (value == 'g' || value == 'd' || value == GoModuleInfo.START_SENTINEL[0]) {
          copies.note(buffer, base + i, available - i, offset);
        }
      }
      if (resumeAt >= 0) {
        copies.dropOpen();
        position = resumeAt;
        continue;
      }
      copies.extend(buffer, base, count, position);
      position += count;
    }
    if (reader.reachedLimit() && position < scanEnd) {
      throw new PackageDatabaseException(
          path + ": stopped reading at the byte limit before the end of the writable data at offset " + scanEnd
              + "; raise the scan limit to read this binary's Go build information");
    }
    return null;
  }

  private BuildInfo parseHeader(
      String path, BinaryReader reader, BinaryLayout layout, Copies copies, long offset, byte[] header)
      throws IOException {
    int pointerSize = header[14];
    int flags = header[15];
    if ((pointerSize != 4 && pointerSize != 8) || (flags & ~(FLAG_BIG_ENDIAN | FLAG_INLINE_STRINGS)) != 0) {
      return null;
    }
    BuildInfo info;
    if ((flags & FLAG_INLINE_STRINGS) != 0) {
      info = readInline(path, reader, offset + HEADER_SIZE);
    } else {
      ByteOrder order = (flags & FLAG_BIG_ENDIAN) != 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
      ByteBuffer fields = ByteBuffer.wrap(header).order(order);
      long versionAddress = pointer(fields, 16, pointerSize);
      long moduleAddress = pointer(fields, 16 + pointerSize, pointerSize);
      Pointers pointers = new Pointers(path, reader, layout, copies, offset, pointerSize, order);
      byte[] version = pointers.string(versionAddress, "version");
      byte[] module = pointers.string(moduleAddress, "module information");
      info = new BuildInfo(new String(version, StandardCharsets.UTF_8), module);
    }
    if (!info.goVersion().startsWith("go") && !info.goVersion().startsWith("devel")) {
      // The magic can occur by chance, for example as the literal in Go's own debug/buildinfo.
      return null;
    }
    return info;
  }

  private BuildInfo readInline(String path, BinaryReader reader, long offset) throws IOException {
    long[] cursor = {offset};
    byte[] version = inlineString(path, reader, cursor, "version");
    byte[] module = inlineString(path, reader, cursor, "module information");
    return new BuildInfo(new String(version, StandardCharsets.UTF_8), module);
  }

  private byte[] inlineString(String path, BinaryReader reader, long[] cursor, String field) throws IOException {
    int available = reader.fill(cursor[0], 10);
    long length = 0;
    int shift = 0;
    int i = 0;
    while (true) {
      if (i >= available) {
        throw new PackageDatabaseException(
            path + ": Go build information is truncated in the length of its " + field + " at offset " + cursor[0]);
      }
      int value = reader.buffer()[reader.index(cursor[0]) + i] & 0xff;
      i++;
      if (shift == 63 && value > 1 || shift > 63) {
        throw new PackageDatabaseException(
            path + ": Go build information has an invalid varint length for its " + field + " at offset " + cursor[0]);
      }
      length |= (long) (value & 0x7f) << shift;
      if ((value & 0x80) == 0) {
        break;
      }
      shift += 7;
    }
    if (length < 0 || length > maxStringBytes) {
      throw new PackageDatabaseException(
          path + ": Go build information " + field + " is " + Long.toUnsignedString(length)
              + " bytes long, more than the limit of " + maxStringBytes);
    }
    long start = cursor[0] + i;
    int got = reader.fill(start, (int) length);
    if (got < length) {
      throw new PackageDatabaseException(
          path + ": Go build information " + field + " of " + length + " bytes at offset " + start
              + " runs past the end of the file");
    }
    cursor[0] = start + length;
    return reader.copy(start, (int) length);
  }

  private static long pointer(ByteBuffer fields, int offset, int size) {
    return size == 8 ? fields.getLong(offset) : Integer.toUnsignedLong(fields.getInt(offset));
  }

  private static long end(BinaryLayout.Segment segment) {
    return segment.fileOffset() + segment.fileSize();
  }

  private static boolean startsWith(byte[] buffer, int at, byte[] prefix) {
    if (at + prefix.length > buffer.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (buffer[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Follows the pointers of a pre-1.18 header to the string headers and their bytes. */
  private final class Pointers {
    private final String path;
    private final BinaryReader reader;
    private final BinaryLayout layout;
    private final Copies copies;
    private final long headerOffset;
    private final int pointerSize;
    private final ByteOrder order;

    Pointers(String path, BinaryReader reader, BinaryLayout layout, Copies copies, long headerOffset,
        int pointerSize, ByteOrder order) {
      this.path = path;
      this.reader = reader;
      this.layout = layout;
      this.copies = copies;
      this.headerOffset = headerOffset;
      this.pointerSize = pointerSize;
      this.order = order;
    }

    byte[] string(long headerAddress, String field) throws IOException {
      byte[] stringHeader = bytesAt(headerAddress, 2 * pointerSize, field + " string header", false);
      ByteBuffer fields = ByteBuffer.wrap(stringHeader).order(order);
      long dataAddress = pointer(fields, 0, pointerSize);
      long length = pointer(fields, pointerSize, pointerSize);
      if (length < 0 || length > maxStringBytes) {
        throw new PackageDatabaseException(
            path + ": Go build information " + field + " is " + Long.toUnsignedString(length)
                + " bytes long, more than the limit of " + maxStringBytes);
      }
      return bytesAt(dataAddress, (int) length, field, true);
    }

    private byte[] bytesAt(long address, int count, String field, boolean copied) throws IOException {
      long offset = layout.fileOffset(address);
      if (address == 0 && offset < 0) {
        // A position-independent binary gets its pointers from relocations at load time.
        throw new PackageDatabaseException(
            path + ": Go build information " + field + " pointer is 0, as in a position-independent binary"
                + " built before Go 1.18; such pointers are only set by relocations, which are not read");
      }
      if (offset < 0) {
        throw new PackageDatabaseException(
            path + ": Go build information " + field + " address 0x" + Long.toHexString(address)
                + " is not in any segment of the file");
      }
      if (reader.contains(offset, count)) {
        return reader.copy(offset, count);
      }
      if (offset >= headerOffset && offset + count - headerOffset <= MAX_FORWARD_SPAN
          && headerOffset >= reader.bufferStart()) {
        // Keep the bytes from the header on, because the second string may lie between.
        reader.fill(headerOffset, (int) (offset + count - headerOffset));
      } else if (offset >= reader.bufferStart()) {
        reader.fill(offset, count);
      }
      if (reader.contains(offset, count)) {
        return reader.copy(offset, count);
      }
      byte[] copy = copied ? copies.get(offset, count) : null;
      if (copy != null) {
        return copy;
      }
      throw new PackageDatabaseException(
          path + ": Go build information " + field + " at file offset " + offset + " (" + count
              + " bytes) is outside the file or was passed before the header at offset " + headerOffset
              + " pointed to it");
    }
  }

  /** Short copies of places where a pre-1.18 layout's strings may start, keyed by file offset. */
  private final class Copies {
    private final Map<Long, byte[]> versions = new HashMap<>();
    private final Map<Long, byte[]> modules = new HashMap<>();
    private long openModuleOffset = -1;
    private ByteArrayOutputStream openModule;

    /** Notes a possible string start at {@code offset}; {@code available} bytes follow in {@code buffer}. */
    void note(byte[] buffer, int at, int available, long offset) {
      if (buffer[at] == GoModuleInfo.START_SENTINEL[0]) {
        if (openModule == null && modules.size() < MAX_MODULE_COPIES
            && available >= GoModuleInfo.SENTINEL_LENGTH && startsWith(buffer, at, GoModuleInfo.START_SENTINEL)) {
          // The bytes are appended chunk by chunk in extend(), from this offset on.
          openModuleOffset = offset;
          openModule = new ByteArrayOutputStream();
        }
        return;
      }
      if (versions.size() >= MAX_VERSION_COPIES) {
        return;
      }
      if ((available >= GO1.length && startsWith(buffer, at, GO1))
          || (available >= DEVEL.length && startsWith(buffer, at, DEVEL))) {
        int length = Math.min(VERSION_COPY, available);
        versions.put(offset, Arrays.copyOfRange(buffer, at, at + length));
      }
    }

    /** Appends a scanned chunk to the module text being copied, closing it at its end sentinel. */
    void extend(byte[] buffer, int base, int count, long chunkOffset) {
      if (openModule == null) {
        return;
      }
      int from = (int) Math.max(0, openModuleOffset - chunkOffset);
      int searchFrom = Math.max(GoModuleInfo.SENTINEL_LENGTH, openModule.size() - GoModuleInfo.SENTINEL_LENGTH);
      openModule.write(buffer, base + from, count - from);
      byte[] sofar = openModule.toByteArray();
      int end = indexOf(sofar, GoModuleInfo.END_SENTINEL, searchFrom);
      if (end >= 0) {
        modules.put(openModuleOffset, Arrays.copyOf(sofar, end + GoModuleInfo.SENTINEL_LENGTH));
        openModule = null;
      } else if (sofar.length > maxStringBytes) {
        openModule = null;
      }
    }

    /** Drops a module text copy still open, because scanning restarts at another offset. */
    void dropOpen() {
      openModule = null;
    }

    byte[] get(long offset, int count) {
      byte[] copy = modules.get(offset);
      if (copy == null) {
        copy = versions.get(offset);
      }
      if (copy == null || copy.length < count) {
        return null;
      }
      return Arrays.copyOf(copy, count);
    }

    private int indexOf(byte[] bytes, byte[] pattern, int from) {
      for (int i = from; i + pattern.length <= bytes.length; i++) {
        if (startsWith(bytes, i, pattern)) {
          return i;
        }
      }
      return -1;
    }
  }
}
