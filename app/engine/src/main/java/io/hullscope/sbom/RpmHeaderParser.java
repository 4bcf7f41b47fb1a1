package io.hullscope.sbom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses one RPM header as package databases store it: the header without its lead and magic.
 * Layout (https://rpm-software-management.github.io/rpm/manual/format_header.html): the index
 * entry count and the data store length as big-endian int32, then 16-byte index entries (tag,
 * type, offset, count), then the data store.
 *
 * <p>Every offset and count is checked against the blob before it is read, so a damaged or
 * hostile header ends in a {@link PackageDatabaseException} naming the file and the entry.
 */
public final class RpmHeaderParser {

  /** Package URL type of RPM packages. */
  public static final String PURL_TYPE = "rpm";

  /** Largest index entry count accepted, the same cap as rpm's hdrchkTags check in lib/header_internal.h. */
  static final int MAX_INDEX_ENTRIES = 0xffff;

  private static final int TAG_NAME = 1000;
  private static final int TAG_VERSION = 1001;
  private static final int TAG_RELEASE = 1002;
  private static final int TAG_EPOCH = 1003;
  private static final int TAG_VENDOR = 1011;
  private static final int TAG_LICENSE = 1014;
  private static final int TAG_ARCH = 1022;
  private static final int TAG_SOURCERPM = 1044;
  private static final int TAG_REQUIRENAME = 1049;
  private static final int TAG_PROVIDENAME = 1047;

  private static final int TYPE_INT32 = 4;
  private static final int TYPE_STRING = 6;
  private static final int TYPE_STRING_ARRAY = 8;
  private static final int TYPE_I18NSTRING = 9;

  private static final int INDEX_ENTRY_SIZE = 16;

  private RpmHeaderParser() {}

  /**
   * Parses a header blob.
   *
   * @param path database file the blob came from, for messages
   * @param entry which record of the database, for messages (for example {@code "package 12"})
   */
  public static RpmHeader parse(String path, String entry, byte[] blob)
      throws PackageDatabaseException {
    if (blob.length < 8) {
      throw fail(path, entry, "the header is " + blob.length + " bytes, shorter than its 8-byte preamble");
    }
    long entryCount = readUnsignedInt(blob, 0);
    long dataLength = readUnsignedInt(blob, 4);
    if (entryCount == 0 || entryCount > MAX_INDEX_ENTRIES) {
      throw fail(path, entry, "the header declares " + entryCount + " index entries, expected 1 to " + MAX_INDEX_ENTRIES);
    }
    long dataStart = 8 + entryCount * INDEX_ENTRY_SIZE;
    if (dataStart + dataLength > blob.length) {
      throw fail(path, entry, "the header declares " + entryCount + " index entries and " + dataLength
          + " data bytes but the blob has only " + blob.length + " bytes (truncated?)");
    }
    Fields fields = new Fields();
    for (int i = 0; i < entryCount; i++) {
      int at = 8 + i * INDEX_ENTRY_SIZE;
      int tag = readInt(blob, at);
      int type = readInt(blob, at + 4);
      long offset = readUnsignedInt(blob, at + 8);
      long count = readUnsignedInt(blob, at + 12);
      if (!isExtracted(tag)) {
        continue;
      }
      String where = "index entry " + i + " (tag " + tag + ")";
      if (offset >= dataLength || count == 0 || count > dataLength) {
        throw fail(path, entry, where + " points at offset " + offset + " with count " + count
            + ", outside the " + dataLength + "-byte data store");
      }
      Region region = new Region(path, entry, where, blob, (int) dataStart, (int) (dataStart + dataLength));
      fields.put(tag, type, (int) offset, (int) count, region);
    }
    if (fields.name == null || fields.version == null || fields.release == null) {
      throw fail(path, entry, "the header has no NAME, VERSION or RELEASE tag; it is not a package header");
    }
    return new RpmHeader(fields.name, fields.epoch, fields.version, fields.release, fields.arch,
        fields.license, fields.sourceRpm, fields.vendor, fields.requires, fields.provides);
  }

  /**
   * Converts a header into a {@link Package}. The version is {@code [epoch:]version-release}. The
   * purl namespace is the distro id, otherwise a namespace derived from the vendor.
   *
   * <p>Dependencies are the required capability names as recorded (package names, sonames such
   * as {@code libc.so.6()(64bit)}, file paths), without the {@code rpmlib(...)} features; {@link
   * RpmDatabases} resolves them to package names.
   */
  public static Package toPackage(RpmHeader header, String evidencePath, Distro distro) {
    String versionRelease = header.version() + "-" + header.release();
    String version = header.epoch() == null ? versionRelease : header.epoch() + ":" + versionRelease;
    String sourceName = null;
    String sourceVersion = null;
    String srpm = header.sourceRpm();
    if (srpm != null) {
      String base = srpm.replaceFirst("\\.(no)?src\\.rpm$", "");
      int releaseDash = base.lastIndexOf('-');
      int versionDash = releaseDash <= 0 ? -1 : base.lastIndexOf('-', releaseDash - 1);
      if (versionDash > 0) {
        sourceName = base.substring(0, versionDash);
        String recorded = base.substring(versionDash + 1);
        sourceVersion = recorded.equals(versionRelease) ? null : recorded;
      }
    }
    Set<String> dependencies = new LinkedHashSet<>();
    for (String require : header.requires()) {
      if (!require.startsWith("rpmlib(") && !require.equals(header.name())) {
        dependencies.add(require);
      }
    }
    String purl = PackageUrls.rpmPackage(vendorNamespace(header.vendor()), header.name(),
        versionRelease, header.arch(), header.epoch(), distro);
    List<String> licenses = header.license() == null || header.license().isBlank()
        ? List.of() : List.of(header.license());
    return new Package(header.name(), version, PURL_TYPE, purl, licenses, sourceName, sourceVersion,
        header.arch(), evidencePath, List.copyOf(dependencies));
  }

  /** Returns a purl namespace for a vendor: {@code redhat} for Red Hat, else its first word in lower case. */
  static String vendorNamespace(String vendor) {
    if (vendor == null || vendor.isBlank()) {
      return null;
    }
    String lower = vendor.trim().toLowerCase(Locale.ROOT);
    if (lower.startsWith("red hat")) {
      return "redhat";
    }
    String firstWord = lower.split("[\\s,<]+", 2)[0];
    String namespace = firstWord.replaceAll("[^a-z0-9.\\-]", "");
    return namespace.isEmpty() ? null : namespace;
  }

  private static boolean isExtracted(int tag) {
    return tag == TAG_NAME || tag == TAG_VERSION || tag == TAG_RELEASE || tag == TAG_EPOCH
        || tag == TAG_VENDOR || tag == TAG_LICENSE || tag == TAG_ARCH || tag == TAG_SOURCERPM
        || tag == TAG_REQUIRENAME || tag == TAG_PROVIDENAME;
  }

  static PackageDatabaseException fail(String path, String entry, String problem) {
    return new PackageDatabaseException("Cannot read RPM header " + entry + " in " + path + ": " + problem
        + "; the package database is damaged or not an RPM database");
  }

  static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
  }

  static long readUnsignedInt(byte[] b, int at) {
    return readInt(b, at) & 0xffffffffL;
  }

  /** The data store of one header, with the context to name in errors. */
  private record Region(String path, String entry, String where, byte[] blob, int start, int end) {

    String string(int offset) throws PackageDatabaseException {
      return strings(offset, 1).get(0);
    }

    List<String> strings(int offset, int count) throws PackageDatabaseException {
      List<String> result = new ArrayList<>(Math.min(count, 1024));
      int at = start + offset;
      for (int i = 0; i < count; i++) {
        int nul = at;
        while (nul < end && blob[nul] != 0) {
          nul++;
        }
        if (nul >= end) {
          throw fail(path, entry, where + " has a string that runs past the end of the data store");
        }
        result.add(new String(blob, at, nul - at, StandardCharsets.UTF_8));
        at = nul + 1;
      }
      return result;
    }

    int int32(int offset) throws PackageDatabaseException {
      if (offset % 4 != 0 || start + (long) offset + 4 > end) {
        throw fail(path, entry, where + " has an INT32 at offset " + offset + " outside the data store");
      }
      return readInt(blob, start + offset);
    }
  }

  private static final class Fields {
    String name;
    Integer epoch;
    String version;
    String release;
    String arch;
    String license;
    String sourceRpm;
    String vendor;
    List<String> requires = List.of();
    List<String> provides = List.of();

    void put(int tag, int type, int offset, int count, Region region) throws PackageDatabaseException {
      if (tag == TAG_EPOCH) {
        expect(type, TYPE_INT32, region);
        epoch = region.int32(offset);
        return;
      }
      if (tag == TAG_REQUIRENAME) {
        expect(type, TYPE_STRING_ARRAY, region);
        requires = region.strings(offset, count);
        return;
      }
      if (tag == TAG_PROVIDENAME) {
        expect(type, TYPE_STRING_ARRAY, region);
        provides = region.strings(offset, count);
        return;
      }
      if (type != TYPE_STRING && type != TYPE_I18NSTRING) {
        throw fail(region.path(), region.entry(), region.where() + " has type " + type + ", expected a string");
      }
      String value = region.string(offset);
      switch (tag) {
        case TAG_NAME -> name = value;
        case TAG_VERSION -> version = value;
        case TAG_RELEASE -> release = value;
        case TAG_ARCH -> arch = value;
        case TAG_LICENSE -> license = value;
        case TAG_SOURCERPM -> sourceRpm = value;
        case TAG_VENDOR -> vendor = value;
        default -> { }
      }
    }

    private static void expect(int type, int wanted, Region region) throws PackageDatabaseException {
      if (type != wanted) {
        throw fail(region.path(), region.entry(), region.where() + " has type " + type + ", expected " + wanted);
      }
    }
  }
}
