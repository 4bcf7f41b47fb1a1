package io.hullscope.ui.sbom;

/**
 * Evidence paths of packages. A cataloger records a path relative to the image root, and an entry
 * inside an archive as {@code outer.jar!/inner/path.jar}; an imported SBOM may add a leading slash.
 */
final class EvidencePaths {

  /** Separator between an archive's path and the path of an entry inside it. */
  static final String ARCHIVE_SEPARATOR = "!/";

  private EvidencePaths() {}

  /** Returns the path with one leading slash, as the Layers tab shows paths. */
  static String display(String path) {
    return "/" + relative(path);
  }

  /**
   * Returns the path of the file in the image's file tree: the path without leading slashes and,
   * for an entry inside an archive, the path of the outermost archive.
   */
  static String fileInImage(String path) {
    String relative = relative(path);
    int archiveEnd = relative.indexOf(ARCHIVE_SEPARATOR);
    return archiveEnd < 0 ? relative : relative.substring(0, archiveEnd);
  }

  private static String relative(String path) {
    int start = 0;
    while (start < path.length() && path.charAt(start) == '/') {
      start++;
    }
    return path.substring(start);
  }
}
