package io.hullscope.sbom;

import io.hullscope.index.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Reads the Alpine package database, {@code lib/apk/db/installed}. */
public final class ApkCataloger implements Cataloger {

  private final ApkInstalledParser parser;

  public ApkCataloger(long maxBytes) {
    this.parser = new ApkInstalledParser(maxBytes);
  }

  public ApkCataloger() {
    this(ApkInstalledParser.DEFAULT_MAX_BYTES);
  }

  @Override
  public String name() {
    return "apk";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(FileEntry entry) {
    return entry.path().equals(ApkInstalledParser.INSTALLED_PATH);
  }

  @Override
  public List<Package> read(String path, InputStream content) throws IOException {
    return parser.parse(path, content, null);
  }
}
