package io.hullscope.ui.prefs;

import io.hullscope.source.ImageSummary;
import java.util.Locale;

/** Matches an image name typed on the command line against the images the Docker daemon lists. */
public final class DaemonImageNames {

  /** Shortest id prefix accepted, as {@code docker images} prints 12 hex characters. */
  static final int MIN_ID_PREFIX = 12;

  private DaemonImageNames() {}

  /**
   * Returns true when {@code name} is one of the image's references, the same reference without
   * the implied {@code :latest} tag, or at least the first 12 hex characters of its id.
   */
  public static boolean matches(ImageSummary image, String name) {
    String wanted = name.strip();
    if (image.references().contains(wanted) || image.references().contains(wanted + ":latest")) {
      return true;
    }
    if (image.digest() == null) {
      return false;
    }
    String hex = wanted.toLowerCase(Locale.ROOT).replaceFirst("^sha256:", "");
    return hex.length() >= MIN_ID_PREFIX && hex.matches("[0-9a-f]+") && image.digest().hex().startsWith(hex);
  }
}
