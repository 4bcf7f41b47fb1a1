package io.hullscope.sbom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small but valid ELF executables for tests, 32 or 64-bit, in either byte order: a file
 * header, one {@code PT_LOAD} program header per allocated section, the sections' bytes (16-byte
 * aligned), a {@code .shstrtab} and the section header table, which goes at the end of the file
 * as GNU ld places it, or right after the program headers as the Go linker does.
 *
 * <p>An allocated section is loaded at {@link #BASE_ADDRESS} plus its file offset, so offsets and
 * addresses agree modulo any alignment. Section contents are kept by reference: a test may fill in
 * addresses from {@link #address} after adding every section and before {@link #build}.
 */
final class ElfBuilder {

  static final long BASE_ADDRESS = 0x400000;
  static final int SHT_PROGBITS = 1;
  static final int SHT_STRTAB = 3;
  static final long SHF_WRITE = 1;
  static final long SHF_ALLOC = 2;
  static final long SHF_EXECINSTR = 4;

  private record Section(String name, int type, long flags, byte[] content) {}

  private final boolean is64;
  private final ByteOrder order;
  private final List<Section> sections = new ArrayList<>();
  private boolean tableFirst;

  ElfBuilder(boolean is64, ByteOrder order) {
    this.is64 = is64;
    this.order = order;
  }

  /** Returns a builder of a 64-bit little-endian executable, the common x86-64 and arm64 kind. */
  static ElfBuilder elf64() {
    return new ElfBuilder(true, ByteOrder.LITTLE_ENDIAN);
  }

  ElfBuilder section(String name, int type, long flags, byte[] content) {
    sections.add(new Section(name, type, flags, content));
    return this;
  }

  /** Adds a writable, allocated data section. */
  ElfBuilder data(String name, byte[] content) {
    return section(name, SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, content);
  }

  /** Adds a read-only, allocated data section. */
  ElfBuilder readOnly(String name, byte[] content) {
    return section(name, SHT_PROGBITS, SHF_ALLOC, content);
  }

  /** Places the section header table before the sections' bytes instead of at the end. */
  ElfBuilder tableFirst() {
    tableFirst = true;
    return this;
  }

  int headerSize() {
    return is64 ? 64 : 52;
  }

  int programHeaderSize() {
    return is64 ? 56 : 32;
  }

  int sectionHeaderSize() {
    return is64 ? 64 : 40;
  }

  /** Returns the file offset of the named section's bytes. */
  long offset(String name) {
    return layout().offsets[indexOf(name)];
  }

  /** Returns the load address of the named section. */
  long address(String name) {
    return BASE_ADDRESS + offset(name);
  }

  /** Returns the file offset of the section header table. */
  long sectionTableOffset() {
    return layout().tableOffset;
  }

  /** Returns the file offset of the header of section {@code index}; index 0 is the null section. */
  long sectionHeaderOffset(int index) {
    return sectionTableOffset() + (long) index * sectionHeaderSize();
  }

  byte[] build() {
    Layout layout = layout();
    ByteBuffer out = ByteBuffer.allocate((int) layout.size).order(order);
    int loaded = loadedCount();
    writeFileHeader(out, layout, loaded);
    int programHeader = headerSize();
    for (int i = 0; i < sections.size(); i++) {
      Section section = sections.get(i);
      out.put((int) layout.offsets[i], section.content());
      if ((section.flags() & SHF_ALLOC) != 0) {
        writeProgramHeader(out, programHeader, section, layout.offsets[i]);
        programHeader += programHeaderSize();
      }
    }
    out.put((int) layout.namesOffset, layout.names);
    int at = (int) layout.tableOffset + sectionHeaderSize(); // entry 0 stays all zero
    for (int i = 0; i < sections.size(); i++) {
      Section section = sections.get(i);
      long address = (section.flags() & SHF_ALLOC) != 0 ? BASE_ADDRESS + layout.offsets[i] : 0;
      writeSectionHeader(out, at, layout.nameOffsets[i], section.type(), section.flags(), address,
          layout.offsets[i], section.content().length);
      at += sectionHeaderSize();
    }
    writeSectionHeader(out, at, layout.nameOffsets[sections.size()], SHT_STRTAB, 0, 0, layout.namesOffset,
        layout.names.length);
    return out.array();
  }

  private void writeFileHeader(ByteBuffer out, Layout layout, int loaded) {
    out.put(0, new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2), 1});
    out.putShort(16, (short) 2); // ET_EXEC
    out.putShort(18, (short) (is64 ? 62 : 3)); // EM_X86_64 or EM_386
    out.putInt(20, 1);
    int sectionCount = sections.size() + 2;
    if (is64) {
      out.putLong(24, BASE_ADDRESS);
      out.putLong(32, headerSize());
      out.putLong(40, layout.tableOffset);
      out.putShort(52, (short) headerSize());
      out.putShort(54, (short) programHeaderSize());
      out.putShort(56, (short) loaded);
      out.putShort(58, (short) sectionHeaderSize());
      out.putShort(60, (short) sectionCount);
      out.putShort(62, (short) (sectionCount - 1));
    } else {
      out.putInt(24, (int) BASE_ADDRESS);
      out.putInt(28, headerSize());
      out.putInt(32, (int) layout.tableOffset);
      out.putShort(40, (short) headerSize());
      out.putShort(42, (short) programHeaderSize());
      out.putShort(44, (short) loaded);
      out.putShort(46, (short) sectionHeaderSize());
      out.putShort(48, (short) sectionCount);
      out.putShort(50, (short) (sectionCount - 1));
    }
  }

  private void writeProgramHeader(ByteBuffer out, int at, Section section, long offset) {
    int flags = 4 | ((section.flags() & SHF_WRITE) != 0 ? 2 : 0) | ((section.flags() & SHF_EXECINSTR) != 0 ? 1 : 0);
    long address = BASE_ADDRESS + offset;
    long size = section.content().length;
    if (is64) {
      out.putInt(at, 1);
      out.putInt(at + 4, flags);
      out.putLong(at + 8, offset);
      out.putLong(at + 16, address);
      out.putLong(at + 24, address);
      out.putLong(at + 32, size);
      out.putLong(at + 40, size);
      out.putLong(at + 48, 16);
    } else {
      out.putInt(at, 1);
      out.putInt(at + 4, (int) offset);
      out.putInt(at + 8, (int) address);
      out.putInt(at + 12, (int) address);
      out.putInt(at + 16, (int) size);
      out.putInt(at + 20, (int) size);
      out.putInt(at + 24, flags);
      out.putInt(at + 28, 16);
    }
  }

  private void writeSectionHeader(
      ByteBuffer out, int at, int nameOffset, int type, long flags, long address, long offset, long size) {
    out.putInt(at, nameOffset);
    out.putInt(at + 4, type);
    if (is64) {
      out.putLong(at + 8, flags);
      out.putLong(at + 16, address);
      out.putLong(at + 24, offset);
      out.putLong(at + 32, size);
      out.putLong(at + 48, 1);
    } else {
      out.putInt(at + 8, (int) flags);
      out.putInt(at + 12, (int) address);
      out.putInt(at + 16, (int) offset);
      out.putInt(at + 20, (int) size);
      out.putInt(at + 32, 1);
    }
  }

  private int loadedCount() {
    return (int) sections.stream().filter(s -> (s.flags() & SHF_ALLOC) != 0).count();
  }

  private int indexOf(String name) {
    for (int i = 0; i < sections.size(); i++) {
      if (sections.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no section " + name);
  }

  private static final class Layout {
    long[] offsets;
    int[] nameOffsets;
    byte[] names;
    long namesOffset;
    long tableOffset;
    long size;
  }

  private Layout layout() {
    Layout layout = new Layout();
    StringBuilder names = new StringBuilder("\0");
    layout.nameOffsets = new int[sections.size() + 1];
    for (int i = 0; i < sections.size(); i++) {
      layout.nameOffsets[i] = names.length();
      names.append(sections.get(i).name()).append('\0');
    }
    layout.nameOffsets[sections.size()] = names.length();
    names.append(".shstrtab\0");
    layout.names = names.toString().getBytes(StandardCharsets.US_ASCII);

    long tableSize = (long) (sections.size() + 2) * sectionHeaderSize();
    long position = headerSize() + (long) loadedCount() * programHeaderSize();
    if (tableFirst) {
      layout.tableOffset = align(position);
      position = layout.tableOffset + tableSize;
    }
    layout.offsets = new long[sections.size()];
    for (int i = 0; i < sections.size(); i++) {
      position = align(position);
      layout.offsets[i] = position;
      position += sections.get(i).content().length;
    }
    layout.namesOffset = position;
    position += layout.names.length;
    if (!tableFirst) {
      layout.tableOffset = align(position);
      position = layout.tableOffset + tableSize;
    }
    layout.size = position;
    return layout;
  }

  private static long align(long position) {
    return (position + 15) & ~15L;
  }
}
