package io.hullscope.sbom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The mapping of an executable's file to memory: its loaded segments (ELF program headers, Mach-O
 * segment commands, PE section headers) with their addresses, file ranges and whether they are
 * writable. Parsed from the headers at the start of the file only, because catalogers read
 * binaries as forward-only streams.
 *
 * @param format the container format
 * @param segments the loaded segments with file bytes, sorted by file offset
 */
record BinaryLayout(Format format, List<Segment> segments) {

  /** Executable container formats. */
  enum Format {
    ELF,
    MACH_O,
    PE
  }

  /**
   * One loaded part of the file.
   *
   * @param address virtual address of the first byte
   * @param fileOffset offset of the first byte in the file
   * @param fileSize number of bytes the file has for it (the rest of its memory is zero-filled)
   * @param writable true when the segment is mapped writable
   */
  record Segment(long address, long fileOffset, long fileSize, boolean writable) {}

  private static final int PT_LOAD = 1;
  private static final int PF_W = 2;
  private static final int LC_SEGMENT = 0x1;
  private static final int LC_SEGMENT_64 = 0x19;
  private static final int VM_PROT_WRITE = 2;
  private static final long IMAGE_SCN_MEM_WRITE = 0x80000000L;
  /** Upper bound for segment and section counts; real executables have a few dozen. */
  private static final int MAX_SEGMENTS = 4096;

  BinaryLayout {
    segments = segments.stream().sorted(Comparator.comparingLong(Segment::fileOffset)).toList();
  }

  /**
   * Returns the layout described by the headers in {@code prefix}, or null when it does not start
   * with the magic of an ELF, Mach-O (32 or 64-bit, either byte order) or PE file.
   *
   * <p>NOTE: a Mach-O universal ("fat") file, which starts with {@code 0xcafebabe} like a Java
   * class file, is not read, so it gives null too.
   *
   * @param prefix the first {@code length} bytes of the file; the headers must lie within them
   * @throws PackageDatabaseException naming {@code path} when the headers are truncated or invalid
   */
  static BinaryLayout parse(String path, byte[] prefix, int length) throws PackageDatabaseException {
    if (ElfHeader.hasMagic(prefix, length)) {
      return elf(path, prefix, length);
    }
    if (length >= 4) {
      int bigEndianMagic = ByteBuffer.wrap(prefix, 0, 4).getInt();
      switch (bigEndianMagic) {
        case 0xfeedface -> { return machO(path, prefix, length, ByteOrder.BIG_ENDIAN, false); }
        case 0xfeedfacf -> { return machO(path, prefix, length, ByteOrder.BIG_ENDIAN, true); }
        case 0xcefaedfe -> { return machO(path, prefix, length, ByteOrder.LITTLE_ENDIAN, false); }
        case 0xcffaedfe -> { return machO(path, prefix, length, ByteOrder.LITTLE_ENDIAN, true); }
        default -> { }
      }
    }
    if (length >= 2 && prefix[0] == 'M' && prefix[1] == 'Z') {
      return pe(path, prefix, length);
    }
    return null;
  }

  /** Returns the file offset of a virtual address, or -1 when no segment has file bytes there. */
  long fileOffset(long address) {
    for (Segment segment : segments) {
      long delta = address - segment.address();
      if (delta >= 0 && delta < segment.fileSize()) {
        return segment.fileOffset() + delta;
      }
    }
    return -1;
  }

  /** Returns the writable segments, sorted by file offset. */
  List<Segment> writableSegments() {
    return segments.stream().filter(Segment::writable).toList();
  }

  private static BinaryLayout elf(String path, byte[] prefix, int length) throws PackageDatabaseException {
    ElfHeader header = ElfHeader.parse(path, prefix, length);
    if (header.programHeaderCount() == ElfHeader.PN_XNUM) {
      throw new PackageDatabaseException(
          path + ": ELF program header count is in section header 0, which is not supported");
    }
    long tableEnd = header.programHeaderOffset() + (long) header.programHeaderCount() * header.programHeaderSize();
    if (header.programHeaderCount() > 0 && tableEnd > length) {
      throw new PackageDatabaseException(
          path + ": ELF program headers end at offset " + tableEnd + ", past the " + length
              + " header bytes read (or the end of the file)");
    }
    ByteBuffer buffer = ByteBuffer.wrap(prefix, 0, length).order(header.order());
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < header.programHeaderCount(); i++) {
      int at = (int) (header.programHeaderOffset() + (long) i * header.programHeaderSize());
      long type = ElfHeader.u32(buffer, at);
      if (type != PT_LOAD) {
        continue;
      }
      if (header.is64()) {
        long flags = ElfHeader.u32(buffer, at + 4);
        segments.add(segment(path, buffer.getLong(at + 16), buffer.getLong(at + 8), buffer.getLong(at + 32),
            (flags & PF_W) != 0));
      } else {
        long flags = ElfHeader.u32(buffer, at + 24);
        segments.add(segment(path, ElfHeader.u32(buffer, at + 8), ElfHeader.u32(buffer, at + 4),
            ElfHeader.u32(buffer, at + 16), (flags & PF_W) != 0));
      }
    }
    return new BinaryLayout(Format.ELF, segments);
  }

  private static BinaryLayout machO(String path, byte[] prefix, int length, ByteOrder order, boolean is64)
      throws PackageDatabaseException {
    int headerSize = is64 ? 32 : 28;
    if (length < headerSize) {
      throw new PackageDatabaseException(path + ": Mach-O header is truncated at " + length + " bytes");
    }
    ByteBuffer buffer = ByteBuffer.wrap(prefix, 0, length).order(order);
    long commandCount = ElfHeader.u32(buffer, 16);
    long commandsSize = ElfHeader.u32(buffer, 20);
    if (commandCount > MAX_SEGMENTS || headerSize + commandsSize > length) {
      throw new PackageDatabaseException(
          path + ": Mach-O load commands (" + commandCount + ", " + commandsSize + " bytes) do not fit in the "
              + length + " header bytes read");
    }
    List<Segment> segments = new ArrayList<>();
    int at = headerSize;
    int end = (int) (headerSize + commandsSize);
    for (long i = 0; i < commandCount; i++) {
      if (at + 8 > end) {
        throw new PackageDatabaseException(path + ": Mach-O load command " + i + " is truncated");
      }
      long command = ElfHeader.u32(buffer, at);
      long commandSize = ElfHeader.u32(buffer, at + 4);
      if (commandSize < 8 || at + commandSize > end) {
        throw new PackageDatabaseException(path + ": Mach-O load command " + i + " has invalid size " + commandSize);
      }
      if (command == LC_SEGMENT_64 && commandSize >= 72) {
        // segname[16] at 8, then vmaddr, vmsize, fileoff, filesize (64-bit), maxprot, initprot.
        long initProtection = ElfHeader.u32(buffer, at + 60);
        segments.add(segment(path, buffer.getLong(at + 24), buffer.getLong(at + 40), buffer.getLong(at + 48),
            (initProtection & VM_PROT_WRITE) != 0));
      } else if (command == LC_SEGMENT && commandSize >= 56) {
        long initProtection = ElfHeader.u32(buffer, at + 44);
        segments.add(segment(path, ElfHeader.u32(buffer, at + 24), ElfHeader.u32(buffer, at + 32),
            ElfHeader.u32(buffer, at + 36), (initProtection & VM_PROT_WRITE) != 0));
      }
      at += (int) commandSize;
    }
    return new BinaryLayout(Format.MACH_O, segments);
  }

  private static BinaryLayout pe(String path, byte[] prefix, int length) throws PackageDatabaseException {
    ByteBuffer buffer = ByteBuffer.wrap(prefix, 0, length).order(ByteOrder.LITTLE_ENDIAN);
    if (length < 0x40) {
      throw new PackageDatabaseException(path + ": MZ header is truncated at " + length + " bytes");
    }
    long peOffset = ElfHeader.u32(buffer, 0x3c);
    if (peOffset + 24 > length) {
      throw new PackageDatabaseException(path + ": PE header offset " + peOffset + " is past the header bytes read");
    }
    int pe = (int) peOffset;
    if (buffer.getInt(pe) != 0x00004550) {
      // An MZ file without a PE signature is a DOS program, not an executable we can map.
      return null;
    }
    int sectionCount = ElfHeader.u16(buffer, pe + 6);
    int optionalHeaderSize = ElfHeader.u16(buffer, pe + 20);
    int optional = pe + 24;
    long sectionTable = (long) optional + optionalHeaderSize;
    if (optional + 2 > length || sectionTable + 40L * sectionCount > length) {
      throw new PackageDatabaseException(
          path + ": PE section table (" + sectionCount + " sections) is past the header bytes read");
    }
    int optionalMagic = ElfHeader.u16(buffer, optional);
    long imageBase;
    if (optionalMagic == 0x20b && optionalHeaderSize >= 32) {
      imageBase = buffer.getLong(optional + 24);
    } else if (optionalMagic == 0x10b && optionalHeaderSize >= 32) {
      imageBase = ElfHeader.u32(buffer, optional + 28);
    } else {
      throw new PackageDatabaseException(path + ": invalid PE optional header magic 0x" + Integer.toHexString(optionalMagic));
    }
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < sectionCount; i++) {
      int at = (int) (sectionTable + 40L * i);
      long virtualAddress = ElfHeader.u32(buffer, at + 12);
      long rawSize = ElfHeader.u32(buffer, at + 16);
      long rawOffset = ElfHeader.u32(buffer, at + 20);
      long characteristics = ElfHeader.u32(buffer, at + 36);
      segments.add(segment(path, imageBase + virtualAddress, rawOffset, rawSize,
          (characteristics & IMAGE_SCN_MEM_WRITE) != 0));
    }
    return new BinaryLayout(Format.PE, segments);
  }

  private static Segment segment(String path, long address, long fileOffset, long fileSize, boolean writable)
      throws PackageDatabaseException {
    if (fileOffset < 0 || fileSize < 0 || fileOffset + fileSize < 0) {
      throw new PackageDatabaseException(
          path + ": segment at file offset " + Long.toUnsignedString(fileOffset) + " with "
              + Long.toUnsignedString(fileSize) + " bytes is outside any possible file");
    }
    return new Segment(address, fileOffset, fileSize, writable);
  }
}
