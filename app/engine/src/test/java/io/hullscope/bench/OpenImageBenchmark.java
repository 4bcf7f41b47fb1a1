package io.hullscope.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures opening and indexing the generated benchmark image, without and with the default
 * catalogers, against a floor measured in the same run: {@code gzip -dc} over the same layer
 * blobs. Writes the result as Markdown.
 *
 * <p>Each Hullscope measurement runs in a fresh JVM ({@link OpenImageOnce}) with a fixed maximum
 * heap, so the peak heap reported is that of one open. The median of the runs is reported. The
 * opens without and with catalogers take turns going first, so a change in machine load during a
 * run does not always favour the same one.
 *
 * <p>Arguments: image folder (generated when missing), output Markdown file, number of runs,
 * maximum heap for the measured JVM (for example {@code 256m}).
 */
public final class OpenImageBenchmark {

  private OpenImageBenchmark() {}

  /** Times in milliseconds of one run, and what the opens reported. */
  record Run(long floor, long index, long catalog, long reopenIndex, long reopenCatalog, long processIndex,
      long processCatalog, Map<String, String> catalogResult, long peakHeapIndex, long peakHeapCatalog,
      long cpuIndex, long cpuCatalog) {}

  public static void main(String[] args) throws Exception {
    Path imageDir = Path.of(args.length > 0 ? args[0] : "target/bench-image");
    Path output = Path.of(args.length > 1 ? args[1] : "docs/benchmarks.md");
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    String maxHeap = args.length > 3 ? args[3] : "256m";

    double loadBefore = loadAverage();
    if (!Files.exists(imageDir.resolve("index.json"))) {
      System.out.println("Generating the benchmark image in " + imageDir + " (about 270 MB, under a minute)");
    }
    BenchmarkImageGenerator.generate(imageDir);
    System.out.println("Measuring " + runs + " runs; results go to " + output);
    List<Path> blobs = BenchmarkImageGenerator.layerBlobs(imageDir);
    long storedBytes = 0;
    for (Path blob : blobs) {
      storedBytes += Files.size(blob);
    }

    List<Run> results = new ArrayList<>();
    int entries = 0;
    for (int run = 0; run < runs; run++) {
      long floor = gunzipAll(blobs);
      Map<String, String> index;
      Map<String, String> catalog;
      if (run % 2 == 0) {
        index = openInFreshJvm(imageDir, "none", "index", maxHeap);
        catalog = openInFreshJvm(imageDir, "none", "catalog", maxHeap);
      } else {
        catalog = openInFreshJvm(imageDir, "none", "catalog", maxHeap);
        index = openInFreshJvm(imageDir, "none", "index", maxHeap);
      }
      entries = Integer.parseInt(index.get("entries"));
      long[] cachedIndex = openWithCache(imageDir, "index", maxHeap);
      long[] cachedCatalog = openWithCache(imageDir, "catalog", maxHeap);
      Run result = new Run(floor, millis(index, "firstMillis"), millis(catalog, "firstMillis"),
          cachedIndex[0], cachedCatalog[0], cachedIndex[1], cachedCatalog[1], catalog,
          millis(index, "peakHeapBytes"), millis(catalog, "peakHeapBytes"),
          millis(index, "cpuMillis"), millis(catalog, "cpuMillis"));
      results.add(result);
      System.out.printf(Locale.ROOT, "run %d: gzip -dc %d ms, open+index %d ms (CPU %d ms), with catalogers %d ms"
              + " (CPU %d ms, %s packages), re-open %d / %d ms, new process with cache %d / %d ms%n",
          run + 1, result.floor(), result.index(), result.cpuIndex(), result.catalog(), result.cpuCatalog(),
          catalog.get("packages"),
          result.reopenIndex(), result.reopenCatalog(), result.processIndex(), result.processCatalog());
    }

    String report = BenchmarkReport.markdown(new BenchmarkReport.Summary(blobs.size(), storedBytes, entries,
        maxHeap, loadBefore, loadAverage(), results));
    Files.writeString(output, report);
    System.out.print(report);
  }

  /**
   * Opens the image twice in new JVMs that share a new cache database: the first fills it and
   * measures the re-open in the same JVM, the second measures a new process with a full cache.
   * Returns both times.
   */
  private static long[] openWithCache(Path imageDir, String mode, String maxHeap)
      throws IOException, InterruptedException {
    Path database = Files.createTempFile("hullscope-bench", ".db");
    Files.delete(database);
    try {
      long reopen = millis(openInFreshJvm(imageDir, database.toString(), mode, maxHeap), "reopenMillis");
      long newProcess = millis(openInFreshJvm(imageDir, database.toString(), mode, maxHeap), "firstMillis");
      return new long[] {reopen, newProcess};
    } finally {
      Files.deleteIfExists(database);
      Files.deleteIfExists(Path.of(database + "-wal"));
      Files.deleteIfExists(Path.of(database + "-shm"));
    }
  }

  private static long millis(Map<String, String> result, String key) {
    return Long.parseLong(result.get(key));
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static long gunzipAll(List<Path> blobs) throws IOException, InterruptedException {
    long start = System.nanoTime();
    for (Path blob : blobs) {
      Process gzip = new ProcessBuilder("gzip", "-dc", blob.toString())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      if (gzip.waitFor() != 0) {
        throw new IOException("gzip -dc failed on " + blob);
      }
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static Map<String, String> openInFreshJvm(Path image, String cache, String mode, String maxHeap)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-Xmx" + maxHeap,
            "-cp", System.getProperty("java.class.path"), OpenImageOnce.class.getName(), image.toString(), cache, mode)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String last = null;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        last = line;
      }
    }
    if (process.waitFor() != 0 || last == null) {
      throw new IOException("OpenImageOnce failed with exit code " + process.exitValue() + " on " + image
          + " in " + mode + " mode");
    }
    Map<String, String> values = new HashMap<>();
    for (String pair : last.split(" ")) {
      String[] keyValue = pair.split("=", 2);
      values.put(keyValue[0], keyValue[1]);
    }
    return values;
  }
}
