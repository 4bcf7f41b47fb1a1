package io.hullscope.bench;

import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.FileInterest;
import io.hullscope.index.FileTree;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.sbom.Catalogers;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.SbomCollector;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.store.Database;
import io.hullscope.store.SqliteCatalogCache;
import io.hullscope.store.SqliteLayerIndexCache;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Opens and indexes one image in a fresh JVM and prints one line of {@code key=value} results,
 * so that {@link OpenImageBenchmark} can read the time and the peak heap of exactly one open.
 *
 * <p>Arguments: the image path, a cache database file or {@code none}, and the mode: {@code index}
 * opens up to the squashed tree only, {@code catalog} also runs an {@link SbomCollector} with {@link
 * Catalogers#defaults()} in the same pass and builds the SBOM. With a database, the layer indexes
 * and (in catalog mode) the layer catalogs are cached there, and a second open in the same JVM
 * measures the re-open from the cache.
 */
public final class OpenImageOnce {

  private OpenImageOnce() {}

  public static void main(String[] args) throws Exception {
    Path image = Path.of(args[0]);
    Path cacheFile = args[1].equals("none") ? null : Path.of(args[1]);
    boolean catalog = switch (args.length > 2 ? args[2] : "index") {
      case "index" -> false;
      case "catalog" -> true;
      default -> throw new IllegalArgumentException("mode must be index or catalog, got " + args[2]);
    };
    Database database = cacheFile == null ? null : Database.open(cacheFile);
    LayerIndexCache indexCache = database == null ? LayerIndexCache.NONE : new SqliteLayerIndexCache(database);
    CatalogCache catalogCache = database == null ? CatalogCache.NONE : new SqliteCatalogCache(database);
    try {
      long start = System.nanoTime();
      Result first = open(image, indexCache, catalog ? catalogCache : null);
      long firstMillis = (System.nanoTime() - start) / 1_000_000;

      long reopenMillis = -1;
      if (database != null) {
        start = System.nanoTime();
        open(image, indexCache, catalog ? catalogCache : null);
        reopenMillis = (System.nanoTime() - start) / 1_000_000;
      }
      System.out.println("firstMillis=" + firstMillis + " reopenMillis=" + reopenMillis
          + " entries=" + first.entries() + " peakHeapBytes=" + peakHeapBytes()
          + " packages=" + first.packages() + " packageTypes=" + first.packageTypes()
          + " warnings=" + first.warnings() + " catalogers=" + (catalog ? catalogerKey() : "none")
          + " cpuMillis=" + processCpuMillis());
    } finally {
      if (database != null) {
        database.close();
      }
    }
  }

  /** The size of the squashed tree and, when cataloged, what the SBOM holds. */
  private record Result(int entries, int packages, String packageTypes, int warnings) {}

  /**
   * Opens the first image of the file, indexes it and builds the squashed tree of its top layer.
   * With a catalog cache, also builds the SBOM with the default catalogers in the same pass.
   */
  private static Result open(Path path, LayerIndexCache indexCache, CatalogCache catalogCache) throws Exception {
    try (ImageSource source = FileSources.open(path);
        Image image = source.open(source.listImages().get(0).key(), null, ProgressListener.NONE)) {
      SbomCollector collector = catalogCache == null ? null : new SbomCollector(Catalogers.defaults(), catalogCache);
      List<FileInterest> interests = collector == null ? List.of() : List.of(collector);
      ImageAnalysis analysis = new ImageIndexer(indexCache, Limits.DEFAULT, interests)
          .analyze(image, ProgressListener.NONE);
      FileTree tree = analysis.squashed(analysis.layers().size() - 1);
      if (collector == null) {
        return new Result(tree.entryCount(), 0, "none", 0);
      }
      ImageSbom sbom = collector.build(analysis, "Hullscope benchmark");
      String types = sbom.countsByType().entrySet().stream()
          .map(entry -> entry.getKey() + ":" + entry.getValue())
          .collect(Collectors.joining(","));
      return new Result(tree.entryCount(), sbom.packages().size(), types.isEmpty() ? "none" : types,
          sbom.warnings().size());
    }
  }

  /**
   * Returns the names and versions of the default catalogers, sorted, in the form the collector's
   * cache key uses, for example {@code dpkg:1,python:1}.
   */
  private static String catalogerKey() {
    return Catalogers.defaults().stream()
        .map(cataloger -> cataloger.name() + ":" + cataloger.version())
        .sorted()
        .collect(Collectors.joining(","));
  }

  /**
   * Returns the CPU time this JVM has used on all its threads (JIT compiler and garbage collector
   * included) since it started. Unlike the elapsed time, it barely grows when other processes
   * compete for the cores.
   */
  private static long processCpuMillis() {
    var system = ManagementFactory.getOperatingSystemMXBean();
    if (system instanceof com.sun.management.OperatingSystemMXBean withCpuTime) {
      return withCpuTime.getProcessCpuTime() / 1_000_000;
    }
    return -1;
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
