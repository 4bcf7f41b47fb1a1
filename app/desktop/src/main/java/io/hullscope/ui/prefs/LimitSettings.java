package io.hullscope.ui.prefs;

import io.hullscope.image.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The resource limits a user can change: the bounds applied while reading an image, and the number
 * of background threads that index images and run other long work.
 *
 * @param maxEntrySize largest single file in a layer, in bytes
 * @param maxLayerSize largest uncompressed layer, in bytes
 * @param maxEntriesPerLayer most entries in one layer
 * @param maxMetadataSize largest manifest, index or config JSON, in bytes
 * @param backgroundThreads threads of the window's task executor
 */
public record LimitSettings(
    long maxEntrySize, long maxLayerSize, long maxEntriesPerLayer, long maxMetadataSize, int backgroundThreads) {

  private static final long MIB = 1L << 20;

  /** The engine's limits and two background threads. */
  public static final LimitSettings DEFAULT = new LimitSettings(Limits.DEFAULT.maxEntrySize(),
      Limits.DEFAULT.maxExpandedLayerSize(), Limits.DEFAULT.maxEntriesPerLayer(), Limits.DEFAULT.maxMetadataSize(), 2);

  /** Smallest and largest accepted values, the same for the preferences file and the dialog. */
  static final long MIN_ENTRY_SIZE = MIB;
  static final long MAX_ENTRY_SIZE = 1L << 40;
  static final long MIN_LAYER_SIZE = MIB;
  static final long MAX_LAYER_SIZE = 4L << 40;
  static final long MIN_ENTRIES = 1_000;
  static final long MAX_ENTRIES = 100_000_000;
  static final long MIN_METADATA_SIZE = MIB;
  static final long MAX_METADATA_SIZE = 256 * MIB;
  static final int MIN_THREADS = 1;
  static final int MAX_THREADS = 32;

  /** Returns one message per value out of range, or an empty list when every value is valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    check(problems, "Max file size", maxEntrySize, MIN_ENTRY_SIZE, MAX_ENTRY_SIZE, true);
    check(problems, "Max layer size", maxLayerSize, MIN_LAYER_SIZE, MAX_LAYER_SIZE, true);
    check(problems, "Max entries per layer", maxEntriesPerLayer, MIN_ENTRIES, MAX_ENTRIES, false);
    check(problems, "Max metadata size", maxMetadataSize, MIN_METADATA_SIZE, MAX_METADATA_SIZE, true);
    check(problems, "Background threads", backgroundThreads, MIN_THREADS, MAX_THREADS, false);
    if (problems.isEmpty() && maxEntrySize > maxLayerSize) {
      problems.add("Max file size must not be larger than max layer size, because a file is part of a layer");
    }
    return problems;
  }

  /** Returns the engine limits with these values and the engine's default compression ratio. */
  public Limits toLimits() {
    return new Limits(maxEntrySize, maxLayerSize, maxEntriesPerLayer, maxMetadataSize,
        Limits.DEFAULT.maxCompressionRatio());
  }

  private static void check(List<String> problems, String name, long value, long min, long max, boolean bytes) {
    if (value < min || value > max) {
      problems.add(String.format(Locale.ROOT, "%s must be between %s and %s, not %s", name, format(min, bytes),
          format(max, bytes), format(value, bytes)));
    }
  }

  /** Formats a byte count in the largest binary unit that divides it, or a plain count. */
  static String format(long value, boolean bytes) {
    if (!bytes) {
      return String.format(Locale.ROOT, "%,d", value);
    }
    String[] units = {"TiB", "GiB", "MiB"};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << (40 - 10 * i);
      if (value >= unit && value % unit == 0) {
        return String.format(Locale.ROOT, "%,d %s", value / unit, units[i]);
      }
    }
    return String.format(Locale.ROOT, "%,d bytes", value);
  }
}
