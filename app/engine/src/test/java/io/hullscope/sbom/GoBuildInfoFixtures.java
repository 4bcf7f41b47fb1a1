package io.hullscope.sbom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds Go build information blobs in both layouts, as the Go linker writes them. */
final class GoBuildInfoFixtures {

  static final String MODULE_TEXT =
      "path\texample.org/tool/cmd/tool\n"
          + "mod\texample.org/tool\tv1.4.0\th1:abc=\n"
          + "dep\tgithub.com/pkg/errors\tv0.9.1\th1:def=\n"
          + "dep\tgolang.org/x/net\tv0.17.0\th1:ghi=\n"
          + "=>\tgithub.com/fork/net\tv0.17.1-fork\th1:jkl=\n"
          + "build\t-compiler=gc\n"
          + "build\tGOARCH=arm64\n"
          + "build\tGOOS=linux\n";

  private GoBuildInfoFixtures() {}

  /** Returns the module text with the 16-byte sentinels around it, as a binary stores it. */
  static byte[] withSentinels(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(GoModuleInfo.START_SENTINEL);
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(GoModuleInfo.END_SENTINEL);
    return out.toByteArray();
  }

  /** Returns a Go 1.18+ header with inline strings (flags bit 1), followed by the two strings. */
  static byte[] inline(String goVersion, byte[] moduleInfo) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header(8, GoBuildInfoReader.FLAG_INLINE_STRINGS));
    byte[] version = goVersion.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(varint(version.length));
    out.writeBytes(version);
    out.writeBytes(varint(moduleInfo.length));
    out.writeBytes(moduleInfo);
    return out.toByteArray();
  }

  /** Returns a 32-byte header with the magic, pointer size and flags; the rest is zero. */
  static byte[] header(int pointerSize, int flags) {
    byte[] header = new byte[GoBuildInfoReader.HEADER_SIZE];
    System.arraycopy(GoBuildInfoReader.MAGIC, 0, header, 0, GoBuildInfoReader.MAGIC.length);
    header[14] = (byte) pointerSize;
    header[15] = (byte) flags;
    return header;
  }

  /** Returns a pre-1.18 header pointing at the version's and the module text's string headers. */
  static byte[] pointerHeader(int pointerSize, ByteOrder order, long versionHeader, long moduleHeader) {
    byte[] header = header(pointerSize, order == ByteOrder.BIG_ENDIAN ? GoBuildInfoReader.FLAG_BIG_ENDIAN : 0);
    ByteBuffer fields = ByteBuffer.wrap(header).order(order);
    putPointer(fields, 16, pointerSize, versionHeader);
    putPointer(fields, 16 + pointerSize, pointerSize, moduleHeader);
    return header;
  }

  /** Writes a Go string header (data address, length) at {@code offset} of {@code target}. */
  static void putStringHeader(byte[] target, int offset, int pointerSize, ByteOrder order, long address, long length) {
    ByteBuffer fields = ByteBuffer.wrap(target).order(order);
    putPointer(fields, offset, pointerSize, address);
    putPointer(fields, offset + pointerSize, pointerSize, length);
  }

  static byte[] varint(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long rest = value;
    while ((rest & ~0x7fL) != 0) {
      out.write((int) ((rest & 0x7f) | 0x80));
      rest >>>= 7;
    }
    out.write((int) rest);
    return out.toByteArray();
  }

  private static void putPointer(ByteBuffer fields, int offset, int pointerSize, long value) {
    if (pointerSize == 8) {
      fields.putLong(offset, value);
    } else {
      fields.putInt(offset, (int) value);
    }
  }
}
