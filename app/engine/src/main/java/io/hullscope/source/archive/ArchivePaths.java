package io.hullscope.source.archive;

import io.hullscope.image.Digest;
import io.hullscope.image.ImageReadException;

/** Checks and builds paths inside image archives and layouts. */
final class ArchivePaths {

  private ArchivePaths() {}

  /** Returns the path of a blob in an OCI layout: {@code blobs/<algorithm>/<hex>}. */
  static String blobPath(Digest digest) {
    return "blobs/" + digest.algorithm() + "/" + digest.hex();
  }

  /** Removes a leading {@code ./} and a trailing {@code /}, as some tar writers add them. */
  static String normalizeEntryName(String name) {
    String path = name;
    while (path.startsWith("./")) {
      path = path.substring(2);
    }
    while (path.endsWith("/") && path.length() > 1) {
      path = path.substring(0, path.length() - 1);
    }
    return path;
  }

  /**
   * Checks a path read from an untrusted file such as {@code manifest.json} and returns it
   * normalized. Absolute paths, backslashes, empty components and {@code ..} are rejected,
   * because they could name a file outside the archive.
   */
  static String checkRelative(String path, String image, String entry) throws ImageReadException {
    if (path == null || path.isEmpty()) {
      throw new ImageReadException(image, null, entry, "a file path is empty");
    }
    if (path.startsWith("/") || path.contains("\\") || path.contains("\0") || path.matches("^[A-Za-z]:.*")) {
      throw new ImageReadException(image, null, entry,
          "path '" + path + "' is absolute or contains a backslash; paths must be relative to the archive root");
    }
    String normalized = normalizeEntryName(path);
    for (String component : normalized.split("/", -1)) {
      if (component.equals("..")) {
        throw new ImageReadException(image, null, entry,
            "path '" + path + "' contains '..' and could point outside the archive");
      }
      if (component.isEmpty() || component.equals(".")) {
        throw new ImageReadException(image, null, entry, "path '" + path + "' has an empty or '.' component");
      }
    }
    return normalized;
  }

  /**
   * Resolves a relative symbolic link target against the folder of {@code linkPath}; returns null
   * when the target is absolute or leaves the archive root.
   */
  static String resolveLink(String linkPath, String target) {
    if (target.isEmpty() || target.startsWith("/") || target.contains("\\")) {
      return null;
    }
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    int slash = linkPath.lastIndexOf('/');
    if (slash > 0) {
      for (String component : linkPath.substring(0, slash).split("/")) {
        parts.addLast(component);
      }
    }
    for (String component : target.split("/")) {
      if (component.isEmpty() || component.equals(".")) {
        continue;
      }
      if (component.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(component);
      }
    }
    return parts.isEmpty() ? null : String.join("/", parts);
  }
}
