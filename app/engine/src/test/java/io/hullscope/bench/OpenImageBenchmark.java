package io.hullscope.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures opening and indexing the generated benchmark image against a floor measured in the
 * same run: {@code gzip -dc} over the same layer blobs. Writes the result as Markdown.
 *
 * <p>Each Hullscope measurement runs in a fresh JVM ({@link OpenImageOnce}) with a fixed maximum
 * heap, so the peak heap reported is that of one open. The median of the runs is reported.
 *
 * <p>Arguments: image folder (generated when missing), output Markdown file, number of runs,
 * maximum heap for the measured JVM (for example {@code 256m}).
 */
public final class OpenImageBenchmark {

  private OpenImageBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path imageDir = Path.of(args.length > 0 ? args[0] : "target/bench-image");
    Path output = Path.of(args.length > 1 ? args[1] : "docs/benchmarks.md");
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    String maxHeap = args.length > 3 ? args[3] : "256m";

    double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    if (!Files.exists(imageDir.resolve("index.json"))) {
      System.out.println("Generating the benchmark image in " + imageDir + " (about 250 MB, under a minute)");
    }
    BenchmarkImageGenerator.generate(imageDir);
    System.out.println("Measuring " + runs + " runs; results go to " + output);
    List<Path> blobs = BenchmarkImageGenerator.layerBlobs(imageDir);
    long storedBytes = 0;
    for (Path blob : blobs) {
      storedBytes += Files.size(blob);
    }

    long[] floor = new long[runs];
    long[] cold = new long[runs];
    long[] reopen = new long[runs];
    long[] processWithCache = new long[runs];
    long peakHeap = 0;
    int entries = 0;
    for (int run = 0; run < runs; run++) {
      floor[run] = gunzipAll(blobs);

      Map<String, String> coldResult = openInFreshJvm(imageDir, "none", maxHeap);
      cold[run] = Long.parseLong(coldResult.get("firstMillis"));
      peakHeap = Math.max(peakHeap, Long.parseLong(coldResult.get("peakHeapBytes")));
      entries = Integer.parseInt(coldResult.get("entries"));

      Path database = Files.createTempFile("hullscope-bench", ".db");
      Files.delete(database);
      try {
        reopen[run] = Long.parseLong(openInFreshJvm(imageDir, database.toString(), maxHeap).get("reopenMillis"));
        processWithCache[run] = Long.parseLong(openInFreshJvm(imageDir, database.toString(), maxHeap).get("firstMillis"));
      } finally {
        Files.deleteIfExists(database);
        Files.deleteIfExists(Path.of(database + "-wal"));
        Files.deleteIfExists(Path.of(database + "-shm"));
      }
      System.out.printf(Locale.ROOT, "run %d: gzip -dc %d ms, open+index %d ms, re-open %d ms, new process with cache %d ms%n",
          run + 1, floor[run], cold[run], reopen[run], processWithCache[run]);
    }

    String report = report(blobs.size(), storedBytes, entries, runs, maxHeap,
        median(floor), median(cold), median(reopen), median(processWithCache), peakHeap, loadAverage);
    Files.writeString(output, report);
    System.out.print(report);
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

  private static Map<String, String> openInFreshJvm(Path image, String cache, String maxHeap)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-Xmx" + maxHeap,
            "-cp", System.getProperty("java.class.path"), OpenImageOnce.class.getName(), image.toString(), cache)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String last = null;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        last = line;
      }
    }
    if (process.waitFor() != 0 || last == null) {
      throw new IOException("OpenImageOnce failed with exit code " + process.exitValue() + " on " + image);
    }
    Map<String, String> values = new HashMap<>();
    for (String pair : last.split(" ")) {
      String[] keyValue = pair.split("=", 2);
      values.put(keyValue[0], keyValue[1]);
    }
    return values;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String report(int layers, long storedBytes, int entries, int runs, String maxHeap,
      long floor, long cold, long reopen, long processWithCache, long peakHeap, double loadAverage) {
    List<String> lines = new ArrayList<>();
    lines.add("# Benchmarks");
    lines.add("");
    lines.add("Measured by `io.hullscope.bench.OpenImageBenchmark` (engine test sources) on "
        + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + ". The median of " + runs + " runs is shown.");
    lines.add("");
    lines.add("## Opening and indexing an image");
    lines.add("");
    lines.add(String.format(Locale.ROOT,
        "Image: the generated OCI layout, %d gzip layers, %.0f MB stored, %,d entries in the squashed tree.",
        layers, storedBytes / 1e6, entries));
    lines.add("");
    lines.add("| measurement | time | ratio to the floor |");
    lines.add("| --- | --- | --- |");
    lines.add(String.format(Locale.ROOT, "| floor: `gzip -dc` over the same layer blobs, one after another | %d ms | 1.00 |", floor));
    lines.add(String.format(Locale.ROOT, "| open and index, empty cache, new JVM, up to the full squashed tree | %d ms | %.2f |", cold, (double) cold / floor));
    lines.add(String.format(Locale.ROOT, "| re-open in the same JVM, layers cached in SQLite | %d ms | %.2f |", reopen, (double) reopen / floor));
    lines.add(String.format(Locale.ROOT, "| open in a new JVM, layers cached in SQLite (includes JVM start-up) | %d ms | %.2f |", processWithCache, (double) processWithCache / floor));
    lines.add("");
    lines.add(String.format(Locale.ROOT,
        "Peak heap of the measured JVM (`-Xmx%s`, sum of the heap pools' peak usage, an upper bound of the live heap): %.0f MB.",
        maxHeap, peakHeap / 1e6));
    lines.add("");
    lines.add("Targets: open and index at most 1.25 times the floor; re-open from the cache under 200 ms;");
    lines.add("100,000 files in under 256 MB of heap.");
    lines.add("");
    lines.add("## How the numbers come about");
    lines.add("");
    lines.add("- The floor is `gzip -dc` run on each layer blob in turn, output discarded, timed in the same");
    lines.add("  run as Hullscope, so machine speed and load cancel out of the ratio. The load average was");
    lines.add(String.format(Locale.ROOT, "  %.2f when the run started.", loadAverage));
    lines.add("- Open and index reads every layer once: it decompresses with the JDK's zlib, parses the tar,");
    lines.add("  and checks both the blob digest and the diff id with SHA-256 on a second thread. A ratio");
    lines.add("  below 1 means this pipeline beats the single-threaded `gzip` program; it does not mean the");
    lines.add("  digests were skipped.");
    lines.add("- Each measurement runs in a new JVM, so class loading and JIT warm-up are included; the");
    lines.add("  first row also writes nothing to the cache. The re-open row is the second open in the JVM");
    lines.add("  that filled the cache: what a user sees when selecting an image again in the window.");
    lines.add("- The image is made by `BenchmarkImageGenerator` from a fixed seed: text files of 0.5 to 7.5 KB");
    lines.add("  and 6 MiB assets, half random bytes and half text, with each layer overwriting one asset of");
    lines.add("  the layer below.");
    lines.add("");
    lines.add("## Reproduce");
    lines.add("");
    lines.add("From the repository root. The image is generated into the folder on the first run, and the");
    lines.add("second argument is the output file, so this command rewrites this page with the new numbers:");
    lines.add("");
    lines.add("```");
    lines.add("mvn -q -f app/engine test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp");
    lines.add("java -cp app/engine/target/test-classes:app/engine/target/classes:$(cat app/engine/target/bench.cp) \\");
    lines.add("    io.hullscope.bench.OpenImageBenchmark target/bench-image docs/benchmarks.md 5 256m");
    lines.add("```");
    lines.add("");
    return String.join("\n", lines);
  }
}
