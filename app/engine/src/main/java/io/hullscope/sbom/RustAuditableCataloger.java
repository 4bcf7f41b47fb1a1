package io.hullscope.sbom;

import io.hullscope.index.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the crates of Rust executables built with cargo-auditable, which stores the dependency
 * tree as zlib-compressed JSON in an ELF section named {@code .dep-v0} (see {@link CargoAuditData}
 * for the JSON and the packages made from it).
 *
 * <p>The file is read once, forward. The section header table that locates {@code .dep-v0} and
 * the section name table ({@code .shstrtab}) usually sit at the end of the file, after the
 * section's bytes. So on the way the reader inflates each zlib stream that starts like
 * cargo-auditable JSON ({@link CargoAuditScanner}), keeps the last {@link #NAME_WINDOW} bytes
 * before the table for the name table, and at the table picks the stream that starts exactly at
 * the section's offset. When the table comes first, the section is read directly when the stream
 * reaches it. When the names cannot be read, the section is the one that starts with such a
 * stream.
 *
 * <p>A file that is not ELF, or an ELF file without that section, gives no packages and no error.
 *
 * <p>NOTE: cargo-auditable writes the same section into Mach-O and PE binaries; those are not
 * read yet.
 */
public final class RustAuditableCataloger implements Cataloger {

  /** Default number of bytes read from one file before giving up: 256 MiB. */
  public static final long DEFAULT_MAX_SCAN_BYTES = 256L * 1024 * 1024;

  /** Default maximum size of the inflated JSON: 8 MiB, far above the few KiB of real binaries. */
  public static final int DEFAULT_MAX_JSON_BYTES = 8 * 1024 * 1024;

  /** Bytes kept before the section header table, where linkers put the section name table. */
  static final int NAME_WINDOW = 64 * 1024;

  /** Maximum size of the section header table (4 MiB, 65,536 entries of 64 bytes). */
  static final int MAX_TABLE_BYTES = 4 * 1024 * 1024;

  /** Maximum size of the section name table; real ones have a few hundred bytes. */
  static final int MAX_NAME_TABLE_BYTES = 1024 * 1024;

  static final String SECTION = ".dep-v0";

  private static final Logger LOG = LoggerFactory.getLogger(RustAuditableCataloger.class);

  private final long maxScanBytes;
  private final int maxJsonBytes;

  /**
   * @param maxScanBytes bytes read from one file at most; a section table past them fails the file
   *     with a message naming the limit
   * @param maxJsonBytes maximum size of the inflated JSON, which also bounds the compressed section
   */
  public RustAuditableCataloger(long maxScanBytes, int maxJsonBytes) {
    if (maxScanBytes < ElfHeader.SIZE_64 || maxJsonBytes <= 0) {
      throw new IllegalArgumentException(
          "maxScanBytes must be at least " + ElfHeader.SIZE_64 + " and maxJsonBytes positive, got " + maxScanBytes
              + " and " + maxJsonBytes);
    }
    this.maxScanBytes = maxScanBytes;
    this.maxJsonBytes = maxJsonBytes;
  }

  public RustAuditableCataloger() {
    this(DEFAULT_MAX_SCAN_BYTES, DEFAULT_MAX_JSON_BYTES);
  }

  @Override
  public String name() {
    return "rust-auditable";
  }

  @Override
  public int version() {
    return 1;
  }

  /** Returns true for a regular file with any execute bit that is large enough to be an executable. */
  @Override
  public boolean wants(FileEntry entry) {
    return GoBinaryCataloger.isExecutableFile(entry);
  }

  @Override
  public List<Package> read(String path, InputStream content) throws IOException {
    BinaryReader reader = new BinaryReader(content, maxScanBytes);
    int headerLength = reader.fill(0, ElfHeader.SIZE_64);
    if (!ElfHeader.hasMagic(reader.buffer(), headerLength)) {
      return List.of();
    }
    ElfHeader header = ElfHeader.parse(path, reader.buffer(), headerLength);
    if (header.sectionHeaderOffset() == 0) {
      return List.of();
    }
    CargoAuditScanner scanner = new CargoAuditScanner(maxJsonBytes);
    try {
      byte[] json = new Pass(path, reader, header, scanner).sectionJson();
      return json == null ? List.of() : CargoAuditData.parse(path, json);
    } finally {
      scanner.close();
    }
  }

  /** One forward pass over a file: scanning, then the section table, then the section. */
  private final class Pass {
    private final String path;
    private final BinaryReader reader;
    private final ElfHeader header;
    private final CargoAuditScanner scanner;
    private long position;
    /** Bytes from this offset on stay in the reader's window while scanning goes on. */
    private long keepFrom;
    /** Section start offsets, sorted, once the table is read: the section can only start there. */
    private long[] sectionStarts;

    Pass(String path, BinaryReader reader, ElfHeader header, CargoAuditScanner scanner) {
      this.path = path;
      this.reader = reader;
      this.header = header;
      this.scanner = scanner;
      this.keepFrom = Math.max(0, header.sectionHeaderOffset() - NAME_WINDOW);
    }

    byte[] sectionJson() throws IOException {
      long tableOffset = header.sectionHeaderOffset();
      int entrySize = header.sectionHeaderSize();
      scanTo(tableOffset + entrySize);
      if (!reader.contains(tableOffset, entrySize)) {
        throw pastEnd("section header table at offset " + tableOffset);
      }
      ByteBuffer first = ByteBuffer.wrap(reader.copy(tableOffset, entrySize)).order(header.order());
      long count = ElfSectionTable.count(header, ElfSectionTable.section(header, first, 0));
      if (count * entrySize > MAX_TABLE_BYTES) {
        throw new PackageDatabaseException(
            path + ": ELF section header table of " + count + " entries is larger than the limit of "
                + MAX_TABLE_BYTES + " bytes");
      }
      int tableBytes = (int) (count * entrySize);
      scanTo(tableOffset + tableBytes);
      if (!reader.contains(tableOffset, tableBytes)) {
        throw pastEnd("section header table at offset " + tableOffset + " with " + count + " entries");
      }
      ElfSectionTable table = ElfSectionTable.parse(header, reader.copy(tableOffset, tableBytes), (int) count);
      keepFrom = Long.MAX_VALUE;
      sectionStarts = table.sections().stream().mapToLong(ElfSectionTable.Section::offset).sorted().toArray();

      ElfSectionTable.Section section = findByName(table);
      if (section == null) {
        return null;
      }
      return json(section);
    }

    /** Returns the {@code .dep-v0} section, or the section holding audit JSON when names are unreadable. */
    private ElfSectionTable.Section findByName(ElfSectionTable table) throws IOException {
      byte[] names = nameTable(table);
      if (names == null) {
        for (ElfSectionTable.Section section : table.sections()) {
          CargoAuditScanner.Inflated inflated = scanner.at(section.offset());
          if (section.type() != ElfSectionTable.SHT_NOBITS && section.size() > 0 && inflated != null) {
            LOG.debug("{}: section names unreadable; taking the section at offset {} as {}", path, section.offset(),
                SECTION);
            return section;
          }
        }
        return null;
      }
      for (ElfSectionTable.Section section : table.sections()) {
        if (SECTION.equals(ElfSectionTable.name(names, section.nameOffset()))) {
          return section;
        }
      }
      return null;
    }

    private byte[] nameTable(ElfSectionTable table) throws IOException {
      int index = table.nameTableIndex(header);
      if (index <= 0 || index >= table.sections().size()) {
        return null;
      }
      ElfSectionTable.Section names = table.sections().get(index);
      if (names.size() <= 0 || names.size() > MAX_NAME_TABLE_BYTES || names.offset() < 0) {
        return null;
      }
      return bytes(names.offset(), (int) names.size());
    }

    private byte[] json(ElfSectionTable.Section section) throws IOException {
      if (section.type() == ElfSectionTable.SHT_NOBITS || section.size() <= 0) {
        throw new PackageDatabaseException(path + ": section " + SECTION + " has no bytes in the file");
      }
      if (section.offset() < 0 || section.size() > maxJsonBytes) {
        throw new PackageDatabaseException(
            path + ": section " + SECTION + " at offset " + Long.toUnsignedString(section.offset()) + " with "
                + Long.toUnsignedString(section.size()) + " bytes is outside the file or larger than the limit of "
                + maxJsonBytes + " bytes");
      }
      CargoAuditScanner.Inflated inflated = scanner.at(section.offset());
      if (inflated != null) {
        if (inflated.tooLarge()) {
          throw CargoAuditScanner.tooLarge(path, maxJsonBytes);
        }
        if (inflated.invalid()) {
          throw invalidData(section);
        }
        return inflated.json();
      }
      if (section.offset() < position && !reader.contains(section.offset(), (int) section.size())) {
        // The scanner inflates every stream that starts like audit JSON, so this one does not.
        throw invalidData(section);
      }
      byte[] compressed = bytes(section.offset(), (int) section.size());
      if (compressed == null) {
        throw new PackageDatabaseException(
            path + ": section " + SECTION + " at offset " + section.offset() + " with " + section.size()
                + " bytes lies outside the file");
      }
      byte[] json = CargoAuditScanner.inflate(path, compressed, maxJsonBytes);
      if (json == null) {
        throw invalidData(section);
      }
      return json;
    }

    private PackageDatabaseException invalidData(ElfSectionTable.Section section) {
      return new PackageDatabaseException(
          path + ": section " + SECTION + " at offset " + section.offset()
              + " does not hold zlib-compressed cargo-auditable JSON");
    }

    /** Returns file bytes that are kept or still ahead, or null when they were passed or are outside the file. */
    private byte[] bytes(long offset, int count) throws IOException {
      if (reader.contains(offset, count)) {
        return reader.copy(offset, count);
      }
      if (offset < position) {
        return null;
      }
      // Scan on up to the bytes, so that the section may also be caught on the way.
      scanTo(offset);
      reader.fill(offset, count);
      if (!reader.contains(offset, count)) {
        if (reader.reachedLimit()) {
          throw pastEnd("bytes at offset " + offset);
        }
        return null;
      }
      return reader.copy(offset, count);
    }

    /** Scans for audit streams up to {@code end}, keeping the bytes from {@link #keepFrom} on. */
    private void scanTo(long end) throws IOException {
      while (position < end) {
        if (sectionStarts != null && !scanner.inflating()) {
          // Past the table only section starts matter, so the bytes in between are skipped.
          long next = nextSectionStart();
          if (next >= end) {
            position = end;
            return;
          }
          position = next;
        }
        if (position - keepFrom > NAME_WINDOW + MAX_TABLE_BYTES) {
          keepFrom = Long.MAX_VALUE;
        }
        long windowStart = Math.min(position, keepFrom);
        int count = (int) Math.min(BinaryReader.CHUNK, end - position);
        int before = (int) (position - windowStart);
        int filled = reader.fill(windowStart, before + count + CargoAuditScanner.LOOKAHEAD);
        int available = filled - before;
        if (available <= 0) {
          return;
        }
        int scanned = Math.min(count, available);
        scanner.scan(reader.buffer(), reader.index(position), scanned, available, position);
        position += scanned;
      }
    }

    private long nextSectionStart() {
      for (long start : sectionStarts) {
        if (start >= position) {
          return start;
        }
      }
      return Long.MAX_VALUE;
    }

    private PackageDatabaseException pastEnd(String location) {
      if (reader.reachedLimit()) {
        return new PackageDatabaseException(
            path + ": " + location + " lies past the scan limit of " + maxScanBytes
                + " bytes; raise the limit to read this binary's cargo-auditable data");
      }
      return new PackageDatabaseException(path + ": ELF " + location + " lies past the end of the file");
    }
  }
}
