package io.hullscope.bench;

import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.FileTree;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.store.Database;
import io.hullscope.store.SqliteLayerIndexCache;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Opens and indexes one image in a fresh JVM and prints one line of {@code key=value} results,
 * so that {@link OpenImageBenchmark} can read the time and the peak heap of exactly one open.
 *
 * <p>Arguments: the image path, then a cache database file or {@code none}. With a database, a
 * second open in the same JVM measures the re-open from the cache.
 */
public final class OpenImageOnce {

  private OpenImageOnce() {}

  public static void main(String[] args) throws Exception {
    Path image = Path.of(args[0]);
    Path cacheFile = args[1].equals("none") ? null : Path.of(args[1]);
    Database database = cacheFile == null ? null : Database.open(cacheFile);
    LayerIndexCache cache = database == null ? LayerIndexCache.NONE : new SqliteLayerIndexCache(database);
    try {
      long start = System.nanoTime();
      int entries = openToFullTree(image, cache);
      long firstMillis = (System.nanoTime() - start) / 1_000_000;

      long reopenMillis = -1;
      if (database != null) {
        start = System.nanoTime();
        openToFullTree(image, cache);
        reopenMillis = (System.nanoTime() - start) / 1_000_000;
      }
      System.out.println("firstMillis=" + firstMillis + " reopenMillis=" + reopenMillis
          + " entries=" + entries + " peakHeapBytes=" + peakHeapBytes());
    } finally {
      if (database != null) {
        database.close();
      }
    }
  }

  /** Opens the first image of the file, indexes it and builds the squashed tree of its top layer. */
  private static int openToFullTree(Path path, LayerIndexCache cache) throws Exception {
    try (ImageSource source = FileSources.open(path);
        Image image = source.open(source.listImages().get(0).key(), null, ProgressListener.NONE)) {
      ImageAnalysis analysis = new ImageIndexer(cache, Limits.DEFAULT).analyze(image, ProgressListener.NONE);
      FileTree tree = analysis.squashed(analysis.layers().size() - 1);
      return tree.entryCount();
    }
  }

  /** Returns the sum of the peak usage of every heap pool, an upper bound of the live heap. */
  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
