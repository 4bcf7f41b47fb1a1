package io.hullscope.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the licenses of a Debian package from its {@code usr/share/doc/NAME/copyright} file when
 * the file uses the machine-readable format (DEP-5, the header names {@code copyright-format} in
 * its {@code Format:} field). The license names are the first line of each {@code License:} field,
 * as written, for example {@code GPL-2+} or {@code BSD-3-clause}. A free-form copyright file names
 * no license in a way a program can read, so it gives none.
 */
public final class DebianCopyrightParser {

  /** Default limit on one copyright file (4 MiB); the largest in a Debian system are a few hundred KiB. */
  public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;

  private static final String DOC_PREFIX = "usr/share/doc/";
  private static final String COPYRIGHT = "/copyright";

  private final long maxBytes;

  public DebianCopyrightParser(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Returns the package a copyright path belongs to, or null when the path is not one. */
  public static String packageOf(String path) {
    if (!path.startsWith(DOC_PREFIX) || !path.endsWith(COPYRIGHT)) {
      return null;
    }
    String name = path.substring(DOC_PREFIX.length(), path.length() - COPYRIGHT.length());
    return name.isEmpty() || name.indexOf('/') >= 0 ? null : name;
  }

  /**
   * Returns the license names, in the order they first appear; empty for a free-form file.
   *
   * @throws PackageDatabaseException when the file is too large or binary
   */
  public List<String> parse(String path, InputStream in) throws IOException {
    String text = TextFiles.read(path, in, maxBytes);
    String[] lines = text.split("\r?\n", -1);
    if (!isMachineReadable(lines)) {
      return List.of();
    }
    Set<String> licenses = new LinkedHashSet<>();
    for (String line : lines) {
      if (line.regionMatches(true, 0, "License:", 0, "License:".length())) {
        String name = line.substring("License:".length()).strip();
        if (!name.isEmpty() && name.length() <= 200) {
          licenses.add(name);
        }
      }
    }
    return new ArrayList<>(licenses);
  }

  /** Returns true when the first paragraph has a Format field naming the machine-readable format. */
  private static boolean isMachineReadable(String[] lines) {
    for (String line : lines) {
      if (line.isBlank()) {
        return false;
      }
      if (line.regionMatches(true, 0, "Format:", 0, "Format:".length())) {
        String format = line.toLowerCase(Locale.ROOT);
        return format.contains("copyright-format") || format.contains("dep5") || format.contains("dep-5");
      }
    }
    return false;
  }
}
