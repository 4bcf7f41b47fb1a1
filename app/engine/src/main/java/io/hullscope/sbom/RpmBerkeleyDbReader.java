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
 * <p>Every hash page is scanned. The data item of each key/data pair is read in place ({@code
 * H_KEYDATA}) or by following its chain of overflow pages ({@code H_OFFPAGE}). Page layouts follow
 * Berkeley DB's {@code db_page.h}. The file is in the byte order of the machine that wrote it, so
 * the order is detected from the metadata magic. Offsets, lengths and page numbers are checked
 * against the file, and an overflow chain that loops or overruns its declared length fails.
 */
public final class RpmBerkeleyDbReader {

  private static final int HASH_MAGIC = 0x061561;
  private static final int PAGE_HEADER_SIZE = 26;
  private static final int P_HASH_UNSORTED = 2;
  private static final int P_OVERFLOW = 7;
  private static final int P_HASH = 13;
  private static final int H_KEYDATA = 1;
  private static final int H_OFFPAGE = 3;
  private static final int OFFPAGE_ITEM_SIZE = 12;

  private final String path;
  private final byte[] file;
  private final ByteBuffer buffer;
  private final int pageSize;
  private final int pageCount;

  private RpmBerkeleyDbReader(String path, byte[] file, ByteBuffer buffer, int pageSize) {
    this.path = path;
    this.file = file;
    this.buffer = buffer;
    this.pageSize = pageSize;
    this.pageCount = file.length / pageSize;
  }

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
        throw fail(path, "the Berkeley DB hash magic is missing from the metadata page; the file may be a btree"
            + " or another format");
      }
    }
    int pageSize = buffer.getInt(20);
    if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
      throw fail(path, "the metadata page declares page size " + pageSize
          + ", expected a power of two from 512 to 65536");
    }
    if (file[24] != 0) {
      throw fail(path, "the database is encrypted, which is not supported");
    }
    return new RpmBerkeleyDbReader(path, file, buffer, pageSize).readPages();
  }

  private List<RpmHeader> readPages() throws PackageDatabaseException {
    long lastPage = buffer.getInt(32) & 0xffffffffL;
    if (lastPage >= pageCount) {
      throw fail(path, "the metadata page names last page " + lastPage + " but the file contains only "
          + pageCount + " pages (truncated?)");
    }
    List<RpmHeader> headers = new ArrayList<>();
    for (int page = 1; page < pageCount; page++) {
      int type = file[page * pageSize + 25] & 0xff;
      if (type == P_HASH || type == P_HASH_UNSORTED) {
        readHashPage(page, headers);
      }
    }
    return headers;
  }

  /** Adds the header of every key/data pair on a hash page; item {@code i} ends where item {@code i - 1} starts. */
  private void readHashPage(int page, List<RpmHeader> headers) throws PackageDatabaseException {
    int base = page * pageSize;
    int entries = buffer.getShort(base + 20) & 0xffff;
    int itemsStart = PAGE_HEADER_SIZE + 2 * entries;
    if (itemsStart > pageSize) {
      throw fail(path, "hash page " + page + " declares " + entries + " entries, more than fit in a page");
    }
    for (int i = 1; i < entries; i += 2) {
      String entry = "hash page " + page + " item " + i;
      int keyEnd = i == 1 ? pageSize : itemOffset(base, i - 2);
      int keyOffset = itemOffset(base, i - 1);
      int dataOffset = itemOffset(base, i);
      if (keyEnd > pageSize || keyOffset >= keyEnd || dataOffset < itemsStart || dataOffset >= keyOffset) {
        throw fail(path, entry + " has offsets " + dataOffset + " and " + keyOffset + " outside its page");
      }
      int itemType = file[base + dataOffset] & 0xff;
      byte[] value;
      if (itemType == H_KEYDATA) {
        if (isNextHeaderNumber(base, keyOffset, keyEnd)) {
          continue;
        }
        value = Arrays.copyOfRange(file, base + dataOffset + 1, base + keyOffset);
      } else if (itemType == H_OFFPAGE) {
        if (dataOffset + OFFPAGE_ITEM_SIZE > keyOffset) {
          throw fail(path, entry + " is an off-page reference shorter than " + OFFPAGE_ITEM_SIZE + " bytes");
        }
        int firstPage = buffer.getInt(base + dataOffset + 4);
        long length = buffer.getInt(base + dataOffset + 8) & 0xffffffffL;
        value = readOverflow(entry, firstPage, length);
      } else {
        throw fail(path, entry + " has item type " + itemType
            + ", but rpm databases contain only in-page and overflow items");
      }
      headers.add(RpmHeaderParser.parse(path, entry, value));
    }
  }

  private int itemOffset(int base, int index) {
    return buffer.getShort(base + PAGE_HEADER_SIZE + 2 * index) & 0xffff;
  }

  /** Returns true for the record under key 0, where rpm keeps the next header number instead of a package. */
  private boolean isNextHeaderNumber(int base, int keyOffset, int keyEnd) {
    return keyEnd - keyOffset == 5
        && file[base + keyOffset] == H_KEYDATA
        && buffer.getInt(base + keyOffset + 1) == 0;
  }

  private byte[] readOverflow(String entry, int firstPage, long length) throws PackageDatabaseException {
    if (length == 0 || length > file.length) {
      throw fail(path, entry + " declares a value of " + length + " bytes, expected 1 to the file size "
          + file.length);
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
      visited++;
      if (visited > pageCount) {
        throw fail(path, entry + " has an overflow chain that loops");
      }
      int base = page * pageSize;
      if ((file[base + 25] & 0xff) != P_OVERFLOW) {
        throw fail(path, entry + " has an overflow chain that reaches page " + page + ", which is not an overflow page");
      }
      int onPage = buffer.getShort(base + 22) & 0xffff;
      if (onPage > pageSize - PAGE_HEADER_SIZE || onPage > length - filled) {
        throw fail(path, entry + " has overflow page " + page + " with " + onPage
            + " bytes, more than the page or the declared length allows");
      }
      System.arraycopy(file, base + PAGE_HEADER_SIZE, value, filled, onPage);
      filled += onPage;
      page = buffer.getInt(base + 16);
    }
    return value;
  }

  private static PackageDatabaseException fail(String path, String problem) {
    return new PackageDatabaseException("Cannot read RPM Berkeley DB " + path + ": " + problem
        + ". The database is damaged or not an RPM Packages file.");
  }
}
