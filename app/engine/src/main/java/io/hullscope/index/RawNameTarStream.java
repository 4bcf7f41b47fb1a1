package io.hullscope.index;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A tar reader that also returns each entry's name and link target as the exact bytes the archive
 * holds.
 *
 * <p>Header names and GNU long names are read as ISO-8859-1, which maps each byte to one char, so
 * their bytes survive. PAX {@code path} and {@code linkpath} values are decoded by commons-compress
 * as UTF-8, which would replace invalid bytes; so this class keeps the raw bytes of every PAX
 * extended header as it streams past and parses those two keys itself (POSIX.1-2008, pax
 * "Extended Header"; an empty value removes the key).
 */
final class RawNameTarStream extends TarArchiveInputStream {

  private final ByteArrayOutputStream paxRecords = new ByteArrayOutputStream();

  private final long maxHeaderSize;

  /**
   * @param maxHeaderSize largest PAX header or GNU long name accepted, because commons-compress
   *     keeps them in memory
   */
  RawNameTarStream(InputStream in, long maxHeaderSize) {
    super(in, StandardCharsets.ISO_8859_1.name());
    this.maxHeaderSize = maxHeaderSize;
  }

  private final byte[] skipBuffer = new byte[64 * 1024];

  /** Returns the next entry, or null at the end of the archive. */
  TarArchiveEntry next() throws IOException {
    if (getCurrentEntry() != null) {
      skipRest();
    }
    paxRecords.reset();
    return getNextEntry();
  }

  /**
   * Reads the rest of the current entry in large blocks. Every byte is hashed anyway, so this is
   * cheaper than the small reads that commons-compress skips with.
   */
  private void skipRest() throws IOException {
    while (read(skipBuffer, 0, skipBuffer.length) >= 0) {
      // the bytes are counted and hashed below this stream
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    TarArchiveEntry current = getCurrentEntry();
    boolean header = current != null && (current.isPaxHeader() || current.isGlobalPaxHeader()
        || current.isGNULongNameEntry() || current.isGNULongLinkEntry());
    if (header && current.getSize() > maxHeaderSize) {
      throw new MeteredInputStream.LimitReachedException("an extended header of " + current.getSize() + " bytes", maxHeaderSize);
    }
    int n = super.read(buffer, offset, length);
    if (n > 0 && current != null && current.isPaxHeader()) {
      paxRecords.write(buffer, offset, n);
    }
    return n;
  }

  /** Returns the raw bytes of the current entry's name. */
  byte[] rawName(TarArchiveEntry entry) {
    byte[] pax = paxValue("path");
    return pax != null ? pax : entry.getName().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Returns the raw bytes of the current entry's link target. */
  byte[] rawLinkName(TarArchiveEntry entry) {
    byte[] pax = paxValue("linkpath");
    return pax != null ? pax : entry.getLinkName().getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * Returns the last value of {@code key} in the PAX records read for the current entry, or null
   * when it is absent or was set to the empty value. Records are {@code "LEN KEY=VALUE\n"} where
   * LEN counts the whole record; malformed records end the scan, as commons-compress has already
   * rejected or accepted the header by then.
   */
  private byte[] paxValue(String key) {
    if (paxRecords.size() == 0) {
      return null;
    }
    byte[] records = paxRecords.toByteArray();
    byte[] wanted = key.getBytes(StandardCharsets.US_ASCII);
    byte[] value = null;
    int position = 0;
    while (position < records.length) {
      int space = position;
      int length = 0;
      while (space < records.length && records[space] >= '0' && records[space] <= '9' && length < 100_000_000) {
        length = length * 10 + (records[space] - '0');
        space++;
      }
      int end = position + length;
      if (space >= records.length || records[space] != ' ' || length <= 0 || end > records.length) {
        break;
      }
      int keyStart = space + 1;
      int equals = keyStart;
      while (equals < end && records[equals] != '=') {
        equals++;
      }
      if (equals < end && Arrays.equals(records, keyStart, equals, wanted, 0, wanted.length)) {
        int valueEnd = records[end - 1] == '\n' ? end - 1 : end;
        value = valueEnd > equals + 1 ? Arrays.copyOfRange(records, equals + 1, valueEnd) : null;
      }
      position = end;
    }
    return value;
  }
}
