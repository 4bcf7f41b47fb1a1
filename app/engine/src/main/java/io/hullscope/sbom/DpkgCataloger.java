package io.hullscope.sbom;

import io.hullscope.index.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Reads the dpkg database: {@code var/lib/dpkg/status} and the distroless {@code status.d} records. */
public final class DpkgCataloger implements Cataloger {

  private final DpkgStatusParser parser;

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
    return 1;
  }

  @Override
  public boolean wants(FileEntry entry) {
    String path = entry.path();
    return path.equals(DpkgStatusParser.STATUS_PATH) || DpkgStatusParser.isStatusDRecord(path);
  }

  @Override
  public List<Package> read(String path, InputStream content) throws IOException {
    return path.equals(DpkgStatusParser.STATUS_PATH)
        ? parser.parseStatus(path, content, null)
        : parser.parseStatusD(path, content, null);
  }
}
