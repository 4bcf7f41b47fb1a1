package io.hullscope.sbom;

import io.hullscope.index.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads installed Python packages: {@code site-packages/*.dist-info/METADATA} and {@code
 * dist-packages/*.dist-info/METADATA} at any depth, {@code *.egg-info/PKG-INFO} and {@code
 * *.egg-info} files (see {@link #isMetadataPath}). A package whose old
 * dist-info folder a later layer deleted is listed in its new version only.
 */
public final class PythonCataloger implements Cataloger {

  private static final String EGG_INFO = ".egg-info";
  private static final String DIST_INFO = ".dist-info";

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
    return isMetadataPath(entry.path());
  }

  /** Returns true for a path this cataloger reads, if it is a regular file. */
  public static boolean isMetadataPath(String path) {
    // Called for every entry of every layer, so most paths are rejected before any substring.
    if (!path.endsWith(EGG_INFO) && !path.endsWith("/PKG-INFO") && !path.endsWith("/METADATA")) {
      return false;
    }
    int slash = path.lastIndexOf('/');
    String name = path.substring(slash + 1);
    if (name.endsWith(EGG_INFO)) {
      return name.length() > EGG_INFO.length();
    }
    if (slash <= 0 || !(name.equals("PKG-INFO") || name.equals("METADATA"))) {
      return false;
    }
    String parentPath = path.substring(0, slash);
    int parentSlash = parentPath.lastIndexOf('/');
    String parent = parentPath.substring(parentSlash + 1);
    if (name.equals("PKG-INFO")) {
      return parent.endsWith(EGG_INFO) && parent.length() > EGG_INFO.length();
    }
    if (!parent.endsWith(DIST_INFO) || parent.length() == DIST_INFO.length() || parentSlash <= 0) {
      return false;
    }
    String grandparentPath = parentPath.substring(0, parentSlash);
    String grandparent = grandparentPath.substring(grandparentPath.lastIndexOf('/') + 1);
    return grandparent.equals("site-packages") || grandparent.equals("dist-packages");
  }

  @Override
  public List<Package> read(String path, InputStream content) throws IOException {
    return List.of(parser.parse(path, content));
  }
}
