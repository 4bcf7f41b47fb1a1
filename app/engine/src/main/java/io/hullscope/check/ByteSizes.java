package io.hullscope.check;

import java.util.Locale;

/** Formats byte counts for evidence text with binary units (KiB = 1024 bytes). */
final class ByteSizes {

  private ByteSizes() {}

  static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
