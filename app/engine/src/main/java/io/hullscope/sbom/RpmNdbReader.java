package io.hullscope.sbom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the NDB form of the RPM database ({@code Packages.db}, used by SUSE): a little-endian
 * file with a header (magic {@code RpmP}, slot page count), slot pages of 16-byte slots (magic
 * {@code Slot}, package index, block offset, block count) and blobs in 16-byte blocks, each
 * starting with a 16-byte blob header (magic {@code BlbS}, package index, generation, length)
 * that precedes one RPM header. Layout as rpm's {@code lib/backend/ndb/rpmpkg.c} writes it.
 *
 * <p>Every slot and blob position is checked against the file before it is read.
 */
public final class RpmNdbReader {

  private static final int FILE_MAGIC = 0x506d7052; // "RpmP"
  private static final int SLOT_MAGIC = 0x746f6c53; // "Slot"
  private static final int BLOB_MAGIC = 0x53626c42; // "BlbS"
  private static final int PAGE_SIZE = 4096;
  private static final int BLOCK_SIZE = 16;
  private static final int FILE_HEADER_SIZE = 32;
  private static final int BLOB_HEADER_SIZE = 16;

  private RpmNdbReader() {}

  /**
   * Reads every package header of the database.
   *
   * @param path the database path inside the image, for messages
   * @param file the whole database file
   */
  public static List<RpmHeader> read(String path, byte[] file) throws PackageDatabaseException {
    if (file.length < FILE_HEADER_SIZE) {
      throw fail(path, "the file is " + file.length + " bytes, shorter than the NDB header");
    }
    ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    if (buffer.getInt(0) != FILE_MAGIC) {
      throw fail(path, "the file does not start with the NDB magic RpmP");
    }
    long slotPages = buffer.getInt(12) & 0xffffffffL;
    if (slotPages == 0 || slotPages * PAGE_SIZE > file.length) {
      throw fail(path, "the header declares " + slotPages + " slot pages but the file has " + file.length
          + " bytes (truncated?)");
    }
    int slotsEnd = (int) (slotPages * PAGE_SIZE);
    List<RpmHeader> headers = new ArrayList<>();
    for (int slot = FILE_HEADER_SIZE; slot < slotsEnd; slot += BLOCK_SIZE) {
      String entry = "slot " + (slot - FILE_HEADER_SIZE) / BLOCK_SIZE;
      if (buffer.getInt(slot) != SLOT_MAGIC) {
        throw fail(path, entry + " has no Slot magic");
      }
      int pkgIndex = buffer.getInt(slot + 4);
      if (pkgIndex == 0) {
        continue;
      }
      long blockOffset = buffer.getInt(slot + 8) & 0xffffffffL;
      long blockCount = buffer.getInt(slot + 12) & 0xffffffffL;
      long start = blockOffset * BLOCK_SIZE;
      long end = start + blockCount * BLOCK_SIZE;
      entry = entry + " (package " + pkgIndex + ")";
      if (start < slotsEnd || blockCount == 0 || end > file.length) {
        throw fail(path, entry + " points at bytes " + start + " to " + end + ", outside the "
            + file.length + "-byte blob area");
      }
      int blob = (int) start;
      if (buffer.getInt(blob) != BLOB_MAGIC || buffer.getInt(blob + 4) != pkgIndex) {
        throw fail(path, entry + " points at a blob without BlbS magic or with another package index");
      }
      long length = buffer.getInt(blob + 12) & 0xffffffffL;
      if (BLOB_HEADER_SIZE + length > end - start) {
        throw fail(path, entry + " has a blob of " + length + " bytes, more than its " + blockCount + " blocks hold");
      }
      byte[] header = Arrays.copyOfRange(file, blob + BLOB_HEADER_SIZE, blob + BLOB_HEADER_SIZE + (int) length);
      headers.add(RpmHeaderParser.parse(path, entry, header));
    }
    return headers;
  }

  private static PackageDatabaseException fail(String path, String problem) {
    return new PackageDatabaseException("Cannot read RPM NDB database " + path + ": " + problem
        + "; the database is damaged or not an RPM Packages.db");
  }
}
