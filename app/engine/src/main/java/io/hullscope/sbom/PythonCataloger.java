package io.hullscope.sbom;

import io.hullscope.index.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads installed Python packages: {@code site-packages/*.dist-info/METADATA} and {@code
 * dist-packages/*.dist-info/METADATA} at any depth, {@code *.egg-info/PKG-INFO} and {@code
 * *.egg-info} files (see {@link PythonPackageCatalog#isMetadataPath}).
 */
public final class PythonCataloger implements Cataloger {

  private final PythonMetadataParser parser;

  public PythonCataloger(long maxBytes) {
    this.parser = new PythonMetadataParser(maxBytes);
  }

  public PythonCataloger() {
    this(PythonMetadataParser.DEFAULT_MAX_BYTES);
  }

  @Override
  public String name() {
    return "python";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean wants(FileEntry entry) {
    return PythonPackageCatalog.isMetadataPath(entry.path());
  }

  @Override
  public List<Package> read(String path, InputStream content) throws IOException {
    return List.of(parser.parse(path, content));
  }
}
