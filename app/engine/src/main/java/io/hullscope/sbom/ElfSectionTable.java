package io.hullscope.sbom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An ELF section header table: each section's name offset, type, file offset and size (System V
 * ABI, "Sections").
 *
 * @param sections every entry, including the null section at index 0
 */
record ElfSectionTable(List<Section> sections) {

  /** Section type of a section that has no bytes in the file ({@code .bss}). */
  static final long SHT_NOBITS = 8;

  /**
   * One section header.
   *
   * @param nameOffset offset of the name in the section name string table
   * @param type {@code sh_type}
   * @param offset file offset of the section's bytes
   * @param size size of the section's bytes
   * @param link {@code sh_link}, which is the real {@code e_shstrndx} in section 0
   */
  record Section(long nameOffset, long type, long offset, long size, long link) {}

  ElfSectionTable {
    sections = List.copyOf(sections);
  }

  /** Returns the number of table entries; {@code e_shnum} 0 with a table means the count is in section 0. */
  static long count(ElfHeader header, Section first) {
    return header.sectionHeaderCount() == 0 ? first.size() : header.sectionHeaderCount();
  }

  /** Parses {@code count} entries from {@code bytes}, which start with the table. */
  static ElfSectionTable parse(ElfHeader header, byte[] bytes, int count) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(header.order());
    List<Section> sections = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      sections.add(section(header, buffer, i * header.sectionHeaderSize()));
    }
    return new ElfSectionTable(sections);
  }

  /** Parses the entry at {@code at} of {@code buffer}. */
  static Section section(ElfHeader header, ByteBuffer buffer, int at) {
    if (header.is64()) {
      return new Section(ElfHeader.u32(buffer, at), ElfHeader.u32(buffer, at + 4), buffer.getLong(at + 24),
          buffer.getLong(at + 32), ElfHeader.u32(buffer, at + 40));
    }
    return new Section(ElfHeader.u32(buffer, at), ElfHeader.u32(buffer, at + 4), ElfHeader.u32(buffer, at + 16),
        ElfHeader.u32(buffer, at + 20), ElfHeader.u32(buffer, at + 24));
  }

  /** Returns the index of the section name string table, resolving {@link ElfHeader#SHN_XINDEX}. */
  int nameTableIndex(ElfHeader header) {
    if (header.sectionNameIndex() == ElfHeader.SHN_XINDEX && !sections.isEmpty()) {
      return (int) Math.min(Integer.MAX_VALUE, sections.get(0).link());
    }
    return header.sectionNameIndex();
  }

  /** Returns the name at {@code offset} of a string table, or null when it is outside or unterminated. */
  static String name(byte[] strings, long offset) {
    if (offset < 0 || offset >= strings.length) {
      return null;
    }
    int end = (int) offset;
    while (end < strings.length && strings[end] != 0) {
      end++;
    }
    if (end == strings.length) {
      return null;
    }
    return new String(strings, (int) offset, end - (int) offset, StandardCharsets.UTF_8);
  }
}
