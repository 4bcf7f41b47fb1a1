package io.hullscope.store;

import io.hullscope.image.Digest;
import io.hullscope.index.EntryNames;
import io.hullscope.index.EntryType;
import io.hullscope.index.FileEntry;
import io.hullscope.index.LayerIndex;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;

/**
 * Binary form of a {@link LayerIndex} for the cache: a deflated stream of varints in which each
 * path stores only what differs from the previous path. Names are stored as their exact bytes
 * ({@link EntryNames#encode}).
 *
 * <p>Format {@value #FORMAT}: magic {@code HSLI}, format number, then deflated: diff id, blob
 * digest (or empty), uncompressed size, entries, deletions, opaque directories and an end marker.
 * Change the format number whenever the layout or the indexer's meaning of an entry changes; rows
 * with another number are ignored and rewritten.
 */
final class LayerIndexCodec {

  static final int FORMAT = 1;

  private static final int MAGIC = 0x48534c49;
  private static final int END_MARKER = 0x454e4421;
  private static final int MAX_COUNT = 50_000_000;
  private static final int MAX_NAME_BYTES = 1 << 20;
  private static final int MAX_INFLATED_BYTES = 1 << 30;
  private static final EntryType[] TYPES = EntryType.values();

  private LayerIndexCodec() {}

  static byte[] encode(LayerIndex index) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + index.entries().size() * 24);
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      DataOutputStream header = new DataOutputStream(bytes);
      header.writeInt(MAGIC);
      header.writeInt(FORMAT);
      DataOutputStream out = new DataOutputStream(
          new BufferedOutputStream(new DeflaterOutputStream(bytes, deflater, 64 * 1024), 64 * 1024));
      writeBody(index, out);
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    } finally {
      deflater.end();
    }
    return bytes.toByteArray();
  }

  /** Decodes a cached index; any inconsistency is an {@link IOException}. */
  static LayerIndex decode(byte[] data) throws IOException {
    if (data.length < 8) {
      throw new IOException("not a layer index: only " + data.length + " bytes");
    }
    ByteReader header = new ByteReader(data, 0, 8);
    if (header.readInt() != MAGIC) {
      throw new IOException("not a layer index: wrong magic number");
    }
    int format = header.readInt();
    if (format != FORMAT) {
      throw new IOException("layer index format " + format + " is not " + FORMAT);
    }
    ByteReader body = inflate(data, 8);
    try {
      return readBody(body);
    } catch (IllegalArgumentException e) {
      throw new IOException("layer index is inconsistent: " + e.getMessage(), e);
    }
  }

  /**
   * Inflates the body at once into one array, since parsing an array is several times faster
   * than a stream. Returns a reader over the inflated bytes.
   */
  private static ByteReader inflate(byte[] data, int offset) throws IOException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(data, offset, data.length - offset);
      byte[] out = new byte[Math.max(1024, Math.min(MAX_INFLATED_BYTES, (data.length - offset) * 8))];
      int length = 0;
      while (!inflater.finished()) {
        if (length == out.length) {
          if (length >= MAX_INFLATED_BYTES) {
            throw new IOException("layer index inflates to more than " + MAX_INFLATED_BYTES + " bytes");
          }
          out = Arrays.copyOf(out, (int) Math.min(MAX_INFLATED_BYTES, length * 2L));
        }
        int n = inflater.inflate(out, length, out.length - length);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new EOFException("layer index ends early");
        }
        length += n;
      }
      return new ByteReader(out, 0, length);
    } catch (DataFormatException e) {
      throw new IOException("layer index is not valid deflate data: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }

  private static void writeBody(LayerIndex index, DataOutputStream out) throws IOException {
    writeString(out, index.diffId().toString());
    writeString(out, index.blobDigest() == null ? "" : index.blobDigest().toString());
    writeVarLong(out, index.uncompressedSize());
    writeVarLong(out, index.entries().size());
    byte[] previous = new byte[0];
    for (FileEntry entry : index.entries()) {
      byte[] path = EntryNames.encode(entry.path());
      int shared = Arrays.mismatch(previous, path);
      shared = shared < 0 ? path.length : Math.min(shared, Math.min(previous.length, path.length));
      writeVarLong(out, shared);
      writeVarLong(out, path.length - shared);
      out.write(path, shared, path.length - shared);
      out.writeByte(entry.type().ordinal());
      writeVarLong(out, entry.size());
      writeVarLong(out, entry.mode());
      writeVarLong(out, zigzag(entry.uid()));
      writeVarLong(out, zigzag(entry.gid()));
      writeVarLong(out, zigzag(entry.modified()));
      if (entry.linkTarget() == null) {
        out.writeByte(0);
      } else {
        out.writeByte(1);
        writeName(out, entry.linkTarget());
      }
      previous = path;
    }
    writeNames(out, index.deletions());
    writeNames(out, index.opaqueDirectories());
    out.writeInt(END_MARKER);
  }

  private static LayerIndex readBody(ByteReader in) throws IOException {
    Digest diffId = Digest.parse(readString(in));
    String blob = readString(in);
    Digest blobDigest = blob.isEmpty() ? null : Digest.parse(blob);
    long uncompressedSize = readVarLong(in);

    int count = readCount(in);
    List<FileEntry> entries = new ArrayList<>(count);
    // One buffer contains the current path; each entry overwrites what differs from the previous one.
    byte[] path = new byte[256];
    int pathLength = 0;
    for (int i = 0; i < count; i++) {
      int shared = readBounded(in, pathLength);
      int suffix = readBounded(in, MAX_NAME_BYTES);
      pathLength = shared + suffix;
      if (pathLength > path.length) {
        path = Arrays.copyOf(path, Math.max(pathLength, path.length * 2));
      }
      in.readFully(path, shared, suffix);

      int type = in.readUnsignedByte();
      if (type >= TYPES.length) {
        throw new IOException("unknown entry type " + type);
      }
      long size = readVarLong(in);
      int mode = (int) readVarLong(in);
      long uid = unzigzag(readVarLong(in));
      long gid = unzigzag(readVarLong(in));
      long modified = unzigzag(readVarLong(in));
      String link = in.readUnsignedByte() == 0 ? null : readName(in);
      entries.add(new FileEntry(EntryNames.decode(path, 0, pathLength), TYPES[type], size, mode, uid, gid, link, modified));
    }

    List<String> deletions = readNames(in);
    List<String> opaque = readNames(in);
    if (in.readInt() != END_MARKER) {
      throw new IOException("layer index has no end marker");
    }
    return new LayerIndex(diffId, blobDigest, entries, deletions, opaque, uncompressedSize);
  }

  private static void writeNames(DataOutputStream out, List<String> names) throws IOException {
    writeVarLong(out, names.size());
    for (String name : names) {
      writeName(out, name);
    }
  }

  private static List<String> readNames(ByteReader in) throws IOException {
    int count = readCount(in);
    List<String> names = new ArrayList<>(Math.min(count, 1024));
    for (int i = 0; i < count; i++) {
      names.add(readName(in));
    }
    return names;
  }

  private static void writeName(DataOutputStream out, String name) throws IOException {
    byte[] bytes = EntryNames.encode(name);
    writeVarLong(out, bytes.length);
    out.write(bytes);
  }

  private static String readName(ByteReader in) throws IOException {
    int length = readBounded(in, MAX_NAME_BYTES);
    return EntryNames.decode(in.bytes, in.take(length), length);
  }

  private static void writeString(DataOutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 0xffff) {
      throw new IllegalArgumentException("digest text is longer than 65535 bytes");
    }
    out.writeShort(bytes.length);
    out.write(bytes);
  }

  private static String readString(ByteReader in) throws IOException {
    int length = in.readUnsignedShort();
    byte[] bytes = new byte[length];
    in.readFully(bytes, 0, length);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static int readCount(ByteReader in) throws IOException {
    return readBounded(in, MAX_COUNT);
  }

  private static int readBounded(ByteReader in, int max) throws IOException {
    long value = readVarLong(in);
    if (value < 0 || value > max) {
      throw new IOException("length or count " + value + " is out of range (at most " + max + ")");
    }
    return (int) value;
  }

  private static void writeVarLong(DataOutputStream out, long value) throws IOException {
    long rest = value;
    while ((rest & ~0x7fL) != 0) {
      out.writeByte((int) ((rest & 0x7f) | 0x80));
      rest >>>= 7;
    }
    out.writeByte((int) rest);
  }

  private static long readVarLong(ByteReader in) throws IOException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.readUnsignedByte();
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("varint is longer than 10 bytes");
  }

  /** Reads big-endian numbers and bytes from an array, failing at its end. */
  private static final class ByteReader {
    final byte[] bytes;
    private int position;
    private final int end;

    ByteReader(byte[] bytes, int offset, int length) {
      this.bytes = bytes;
      this.position = offset;
      this.end = offset + length;
    }

    /** Skips {@code length} bytes and returns where they start. */
    int take(int length) throws EOFException {
      if (length > end - position) {
        throw new EOFException("layer index ends early");
      }
      int start = position;
      position += length;
      return start;
    }

    int readUnsignedByte() throws EOFException {
      return bytes[take(1)] & 0xff;
    }

    int readUnsignedShort() throws EOFException {
      int start = take(2);
      return ((bytes[start] & 0xff) << 8) | (bytes[start + 1] & 0xff);
    }

    int readInt() throws EOFException {
      int start = take(4);
      return ((bytes[start] & 0xff) << 24) | ((bytes[start + 1] & 0xff) << 16)
          | ((bytes[start + 2] & 0xff) << 8) | (bytes[start + 3] & 0xff);
    }

    void readFully(byte[] target, int offset, int length) throws EOFException {
      System.arraycopy(bytes, take(length), target, offset, length);
    }
  }

  private static long zigzag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  private static long unzigzag(long value) {
    return (value >>> 1) ^ -(value & 1);
  }
}
