package io.hullscope.image;

/**
 * Bounds applied while reading untrusted images, so that a hostile archive ends in an error rather
 * than filling memory or disk. Defaults suit large real images on a laptop.
 *
 * @param maxEntrySize largest single file in a layer, in bytes
 * @param maxExpandedLayerSize largest uncompressed layer, in bytes (stops decompression bombs)
 * @param maxEntriesPerLayer most entries in one layer
 * @param maxMetadataSize largest manifest, index or config JSON, in bytes
 * @param maxCompressionRatio largest ratio of uncompressed to compressed bytes in a layer
 */
public record Limits(
    long maxEntrySize,
    long maxExpandedLayerSize,
    long maxEntriesPerLayer,
    long maxMetadataSize,
    long maxCompressionRatio) {

  public static final Limits DEFAULT =
      new Limits(16L << 30, 64L << 30, 5_000_000, 8L << 20, 1_000);

  public Limits {
    if (maxEntrySize <= 0 || maxExpandedLayerSize <= 0 || maxEntriesPerLayer <= 0
        || maxMetadataSize <= 0 || maxCompressionRatio <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  public Limits withMaxExpandedLayerSize(long bytes) {
    return new Limits(maxEntrySize, bytes, maxEntriesPerLayer, maxMetadataSize, maxCompressionRatio);
  }

  public Limits withMaxEntriesPerLayer(long count) {
    return new Limits(maxEntrySize, maxExpandedLayerSize, count, maxMetadataSize, maxCompressionRatio);
  }

  public Limits withMaxMetadataSize(long bytes) {
    return new Limits(maxEntrySize, maxExpandedLayerSize, maxEntriesPerLayer, bytes, maxCompressionRatio);
  }

  public Limits withMaxCompressionRatio(long ratio) {
    return new Limits(maxEntrySize, maxExpandedLayerSize, maxEntriesPerLayer, maxMetadataSize, ratio);
  }
}
