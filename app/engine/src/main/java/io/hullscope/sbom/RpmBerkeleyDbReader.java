package io.hullscope.sbom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the Berkeley DB form of the RPM database ({@code /var/lib/rpm/Packages}, rpm before
 * 4.16): a Berkeley DB hash database whose values are RPM header blobs, keyed by header number.
 *
 * <p>Every hash page is scanned; the data item of each key/data pair is read in place ({@code
 * H_KEYDATA}) or by following its chain of overflow pages ({@code H_OFFPAGE}). Page layouts follow
 * Berkeley DB's {@code db_page.h}; the file is in the byte order of the machine that wrote it,
 * which the metadata magic tells. Offsets, lengths and page numbers are checked against the file,
 * and an overflow chain that loops or overruns its declared length fails.
 */
public final class RpmBerkeleyDbReader {

  private static final int HASH_MAGIC = 0x061561;
  private static final int PAGE_HEADER_SIZE = 26;
  private static final int P_HASH_UNSORTED = 2;
  private static final int P_OVERFLOW = 7;
  private static final int P_HASH = 13;
  private static final int H_KEYDATA = 1;
  private static final int H_OFFPAGE = 3;

  private RpmBerkeleyDbReader() {}

  /**
   * Reads every package header of the database.
   *
   * @param path the database path inside the image, for messages
   * @param file the whole database file
   */
  public static List<RpmHeader> read(String path, byte[] file) throws PackageDatabaseException {
    if (file.length < 512) {
      throw fail(path, "the file is " + file.length + " bytes, too short for a Berkeley DB metadata page");
    }
    ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    if (buffer.getInt(12) != HASH_MAGIC) {
      buffer.order(ByteOrder.BIG_ENDIAN);
      if (buffer.getInt(12) != HASH_MAGIC) {
        throw fail(path, "the metadata page has no Berkeley DB hash magic; it may be a btree or another format");
      }
    }
    int pageSize = buffer.getInt(20);
    if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
      throw fail(path, "the metadata page declares page size " + pageSize + ", expected a power of two from 512 to 65536");
    }
    if (file[24] != 0) {
      throw fail(path, "the database is encrypted, which is not supported");
    }
    int pageCount = file.length / pageSize;
    long lastPage = buffer.getInt(32) & 0xffffffffL;
    if (lastPage >= pageCount) {
      throw fail(path, "the metadata page names last page " + lastPage + " but the file holds only " + pageCount
          + " pages (truncated?)");
    }
    List<RpmHeader> headers = new ArrayList<>();
    for (int page = 1; page < pageCount; page++) {
      int base = page * pageSize;
      int type = file[base + 25] & 0xff;
      if (type != P_HASH && type != P_HASH_UNSORTED) {
        continue;
      }
      int entries = buffer.getShort(base + 20) & 0xffff;
      if (PAGE_HEADER_SIZE + 2L * entries > pageSize) {
        throw fail(path, "hash page " + page + " declares " + entries + " entries, more than fit in a page");
      }
      for (int i = 1; i < entries; i += 2) {
        int keyOffset = buffer.getShort(base + PAGE_HEADER_SIZE + 2 * (i - 1)) & 0xffff;
        int itemOffset = buffer.getShort(base + PAGE_HEADER_SIZE + 2 * i) & 0xffff;
        int itemEnd = keyOffset;
        String entry = "hash page " + page + " item " + i;
        if (itemOffset < PAGE_HEADER_SIZE + 2 * entries || itemOffset >= itemEnd || itemEnd > pageSize) {
          throw fail(path, entry + " has offset " + itemOffset + " outside its page");
        }
        int itemType = file[base + itemOffset] & 0xff;
        byte[] value;
        if (itemType == H_KEYDATA) {
          if (isInstanceCounter(file, base, keyOffset, pageSize, buffer, i)) {
            continue;
          }
          value = Arrays.copyOfRange(file, base + itemOffset + 1, base + itemEnd);
        } else if (itemType == H_OFFPAGE) {
          if (itemOffset + 12 > itemEnd) {
            throw fail(path, entry + " is an off-page reference shorter than 12 bytes");
          }
          int firstPage = buffer.getInt(base + itemOffset + 4);
          long length = buffer.getInt(base + itemOffset + 8) & 0xffffffffL;
          value = readOverflow(path, entry, file, buffer, pageSize, pageCount, firstPage, length);
        } else {
          throw fail(path, entry + " has item type " + itemType + "; duplicates are not used by rpm databases");
        }
        headers.add(RpmHeaderParser.parse(path, entry, value));
      }
    }
    return headers;
  }

  /** rpm keeps its next header number under key 0 as a 4-byte value; that record is no package. */
  private static boolean isInstanceCounter(byte[] file, int base, int keyOffset, int pageSize, ByteBuffer buffer, int i) {
    int keyEnd = i == 1 ? pageSize : buffer.getShort(base + PAGE_HEADER_SIZE + 2 * (i - 2)) & 0xffff;
    if (keyEnd - keyOffset != 5 || file[base + keyOffset] != H_KEYDATA) {
      return false;
    }
    return buffer.getInt(base + keyOffset + 1) == 0;
  }

  private static byte[] readOverflow(String path, String entry, byte[] file, ByteBuffer buffer, int pageSize,
      int pageCount, int firstPage, long length) throws PackageDatabaseException {
    if (length == 0 || length > file.length) {
      throw fail(path, entry + " declares a value of " + length + " bytes, more than the whole file");
    }
    byte[] value = new byte[(int) length];
    int filled = 0;
    int page = firstPage;
    int visited = 0;
    while (filled < length) {
      if (page <= 0 || page >= pageCount) {
        throw fail(path, entry + " has an overflow chain that points at page " + page + " of " + pageCount
            + " after " + filled + " of " + length + " bytes");
      }
      if (++visited > pageCount) {
        throw fail(path, entry + " has an overflow chain that loops");
      }
      int base = page * pageSize;
      if ((file[base + 25] & 0xff) != P_OVERFLOW) {
        throw fail(path, entry + " has an overflow chain that reaches page " + page + ", which is no overflow page");
      }
      int onPage = buffer.getShort(base + 22) & 0xffff;
      if (onPage > pageSize - PAGE_HEADER_SIZE || onPage > length - filled) {
        throw fail(path, entry + " has overflow page " + page + " holding " + onPage
            + " bytes, more than the page or the declared length allows");
      }
      System.arraycopy(file, base + PAGE_HEADER_SIZE, value, filled, onPage);
      filled += onPage;
      page = buffer.getInt(base + 16);
    }
    if (filled != length) {
      throw fail(path, entry + " has an overflow chain with " + filled + " of " + length + " bytes");
    }
    return value;
  }

  private static PackageDatabaseException fail(String path, String problem) {
    return new PackageDatabaseException("Cannot read RPM Berkeley DB " + path + ": " + problem
        + "; the database is damaged or not an RPM Packages file");
  }
}
