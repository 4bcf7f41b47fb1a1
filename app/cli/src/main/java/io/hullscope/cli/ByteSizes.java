package io.hullscope.cli;

import java.util.Locale;

/** Formats byte counts the way people read them: {@code 512 B}, {@code 1.5 KiB}, {@code 73.2 MiB}. */
public final class ByteSizes {

  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private ByteSizes() {}

  /** Returns the size with a binary unit and one decimal, or "unknown" for a negative size. */
  public static String format(long bytes) {
    if (bytes < 0) {
      return "unknown";
    }
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }
}
