package io.hullscope.sbom;

import io.hullscope.index.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Reads the dpkg database: {@code var/lib/dpkg/status} and the distroless {@code status.d} records,
 * and the licenses that machine-readable {@code usr/share/doc/NAME/copyright} files declare.
 */
public final class DpkgCataloger implements Cataloger {

  private final DpkgStatusParser parser;
  private final DebianCopyrightParser copyright = new DebianCopyrightParser(DebianCopyrightParser.DEFAULT_MAX_BYTES);

  public DpkgCataloger(long maxBytes) {
    this.parser = new DpkgStatusParser(maxBytes);
  }

  public DpkgCataloger() {
    this(DpkgStatusParser.DEFAULT_MAX_BYTES);
  }

  @Override
  public String name() {
    return "dpkg";
  }

  @Override
  public int version() {
    return 2;
  }

  @Override
  public boolean wants(FileEntry entry) {
    String path = entry.path();
    return path.equals(DpkgStatusParser.STATUS_PATH) || DpkgStatusParser.isStatusDRecord(path);
  }

  /** Reads {@code usr/share/doc/NAME/copyright}, where Debian packages declare their licenses. */
  @Override
  public boolean declaresLicenses(FileEntry entry) {
    return DebianCopyrightParser.packageOf(entry.path()) != null;
  }

  @Override
  public Map<String, List<String>> readLicenses(String path, InputStream content) throws IOException {
    List<String> licenses = copyright.parse(path, content);
    return licenses.isEmpty() ? Map.of() : Map.of("deb/" + DebianCopyrightParser.packageOf(path), licenses);
  }

  @Override
  public List<Package> read(String path, InputStream content) throws IOException {
    return path.equals(DpkgStatusParser.STATUS_PATH)
        ? parser.parseStatus(path, content, null)
        : parser.parseStatusD(path, content, null);
  }
}
