package io.hullscope.sbom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The fields of an ELF file header that locate its program and section header tables, for
 * 32-bit and 64-bit files of either byte order (System V ABI, "ELF Header").
 *
 * @param is64 true for ELFCLASS64
 * @param order the byte order of every multi-byte field in the file
 * @param programHeaderOffset {@code e_phoff}
 * @param programHeaderSize {@code e_phentsize}
 * @param programHeaderCount {@code e_phnum}, which may be {@link #PN_XNUM}
 * @param sectionHeaderOffset {@code e_shoff}, 0 when the file has no section header table
 * @param sectionHeaderSize {@code e_shentsize}
 * @param sectionHeaderCount {@code e_shnum}; 0 with a non-zero offset means the count is in the
 *     first section header
 * @param sectionNameIndex {@code e_shstrndx}, which may be {@link #SHN_XINDEX}
 */
record ElfHeader(
    boolean is64,
    ByteOrder order,
    long programHeaderOffset,
    int programHeaderSize,
    int programHeaderCount,
    long sectionHeaderOffset,
    int sectionHeaderSize,
    int sectionHeaderCount,
    int sectionNameIndex) {

  /** {@code e_phnum} value meaning the real count is in section header 0. */
  static final int PN_XNUM = 0xffff;
  /** {@code e_shstrndx} value meaning the real index is in section header 0. */
  static final int SHN_XINDEX = 0xffff;
  /** Smallest reserved section index; {@code e_shnum} must stay below it. */
  static final int SHN_LORESERVE = 0xff00;

  static final int SIZE_32 = 52;
  static final int SIZE_64 = 64;

  /** Returns true when {@code bytes} start with the ELF magic {@code 0x7f 'E' 'L' 'F'}. */
  static boolean hasMagic(byte[] bytes, int length) {
    return length >= 4 && bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F';
  }

  /**
   * Parses the header at the start of {@code bytes}, which must start with the ELF magic.
   *
   * @throws PackageDatabaseException naming {@code path} when the header is truncated or its
   *     class, byte order or table entry sizes are invalid
   */
  static ElfHeader parse(String path, byte[] bytes, int length) throws PackageDatabaseException {
    if (length < 6) {
      throw new PackageDatabaseException(path + ": ELF header is truncated at " + length + " bytes");
    }
    boolean is64;
    switch (bytes[4]) {
      case 1 -> is64 = false;
      case 2 -> is64 = true;
      default -> throw new PackageDatabaseException(path + ": invalid ELF class " + bytes[4]);
    }
    ByteOrder order;
    switch (bytes[5]) {
      case 1 -> order = ByteOrder.LITTLE_ENDIAN;
      case 2 -> order = ByteOrder.BIG_ENDIAN;
      default -> throw new PackageDatabaseException(path + ": invalid ELF byte order " + bytes[5]);
    }
    int size = is64 ? SIZE_64 : SIZE_32;
    if (length < size) {
      throw new PackageDatabaseException(
          path + ": ELF header is truncated at " + length + " bytes, expected " + size);
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, 0, size).order(order);
    ElfHeader parsed;
    if (is64) {
      parsed = new ElfHeader(true, order, header.getLong(32), u16(header, 54), u16(header, 56), header.getLong(40),
          u16(header, 58), u16(header, 60), u16(header, 62));
    } else {
      parsed = new ElfHeader(false, order, u32(header, 28), u16(header, 42), u16(header, 44), u32(header, 32),
          u16(header, 46), u16(header, 48), u16(header, 50));
    }
    parsed.check(path);
    return parsed;
  }

  private void check(String path) throws PackageDatabaseException {
    if (programHeaderOffset < 0 || sectionHeaderOffset < 0) {
      throw new PackageDatabaseException(path + ": ELF header table offset is negative");
    }
    if (programHeaderCount > 0 && programHeaderSize < (is64 ? 56 : 32)) {
      throw new PackageDatabaseException(path + ": invalid ELF program header size " + programHeaderSize);
    }
    if (sectionHeaderOffset != 0 && sectionHeaderSize < (is64 ? 64 : 40)) {
      throw new PackageDatabaseException(path + ": invalid ELF section header size " + sectionHeaderSize);
    }
    if (sectionHeaderCount >= SHN_LORESERVE) {
      throw new PackageDatabaseException(
          path + ": invalid ELF section count " + sectionHeaderCount + "; counts from " + SHN_LORESERVE
              + " up belong in section header 0");
    }
  }

  static int u16(ByteBuffer buffer, int offset) {
    return Short.toUnsignedInt(buffer.getShort(offset));
  }

  static long u32(ByteBuffer buffer, int offset) {
    return Integer.toUnsignedLong(buffer.getInt(offset));
  }
}
