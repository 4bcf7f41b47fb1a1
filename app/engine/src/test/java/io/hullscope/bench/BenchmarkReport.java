package io.hullscope.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/** Writes the results of {@link OpenImageBenchmark} as the Markdown of the benchmarks page. */
final class BenchmarkReport {

  /** The catalogers may add at most this fraction to the time of an open without them. */
  static final double CATALOG_COST_TARGET = 0.10;

  private BenchmarkReport() {}

  /** The image, the settings and every run of one benchmark. */
  record Summary(int layers, long storedBytes, int entries, String maxHeap, double loadBefore, double loadAfter,
      List<OpenImageBenchmark.Run> runs) {}

  static String markdown(Summary summary) {
    List<OpenImageBenchmark.Run> runs = summary.runs();
    long floor = median(runs, OpenImageBenchmark.Run::floor);
    Map<String, String> catalog = runs.get(runs.size() - 1).catalogResult();
    // The median of each run's ratio, not the ratio of two medians, so both opens of a ratio
    // come from the same run and saw the same load.
    double elapsedCost = medianRatio(runs, run -> (double) run.catalog() / run.index()) - 1;
    double cpuCost = medianRatio(runs, run -> (double) run.cpuCatalog() / run.cpuIndex()) - 1;

    List<String> lines = new ArrayList<>();
    lines.add("# Benchmarks");
    lines.add("");
    lines.add("Measured by `io.hullscope.bench.OpenImageBenchmark` (engine test sources) on "
        + LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + ". The median of " + runs.size() + " runs is shown.");
    lines.add("");
    lines.add("## Opening and indexing an image");
    lines.add("");
    lines.add(String.format(Locale.ROOT,
        "Image: the generated OCI layout, %d gzip layers, %.0f MB stored, %,d entries in the squashed tree.",
        summary.layers(), summary.storedBytes() / 1e6, summary.entries()));
    lines.add("");
    lines.add("| measurement | time | ratio to the floor |");
    lines.add("| --- | --- | --- |");
    lines.add(row("floor: `gzip -dc` over the same layer blobs, one after another", floor, floor));
    lines.add(row("open and index, empty cache, new JVM, up to the full squashed tree", median(runs,
        OpenImageBenchmark.Run::index), floor));
    lines.add(row("the same with the default catalogers, up to the full tree and the SBOM", median(runs,
        OpenImageBenchmark.Run::catalog), floor));
    lines.add(row("re-open in the same JVM, layers cached in SQLite", median(runs,
        OpenImageBenchmark.Run::reopenIndex), floor));
    lines.add(row("re-open in the same JVM with catalogers, layer indexes and catalogs cached in SQLite",
        median(runs, OpenImageBenchmark.Run::reopenCatalog), floor));
    lines.add(row("open in a new JVM, layers cached in SQLite (includes JVM start-up)", median(runs,
        OpenImageBenchmark.Run::processIndex), floor));
    lines.add(row("open in a new JVM with catalogers, indexes and catalogs cached (includes JVM start-up)",
        median(runs, OpenImageBenchmark.Run::processCatalog), floor));
    lines.add("");
    lines.add("### Catalog cost");
    lines.add("");
    lines.add("The catalog cost is what the default catalogers add to an open with an empty cache. It covers");
    lines.add("handing the files they want to them while the layers stream, parsing those files, and building");
    lines.add("the SBOM after the tree, with every package attributed to its layers. Both opens run in each");
    lines.add("run, and the cost is the median of each run's ratio of the two.");
    lines.add("");
    lines.add("| open with an empty cache, new JVM | elapsed time | CPU time of the JVM, all threads |");
    lines.add("| --- | --- | --- |");
    lines.add(String.format(Locale.ROOT, "| without catalogers | %d ms | %d ms |",
        median(runs, OpenImageBenchmark.Run::index), median(runs, OpenImageBenchmark.Run::cpuIndex)));
    lines.add(String.format(Locale.ROOT, "| with the default catalogers | %d ms | %d ms |",
        median(runs, OpenImageBenchmark.Run::catalog), median(runs, OpenImageBenchmark.Run::cpuCatalog)));
    lines.add(String.format(Locale.ROOT, "| catalog cost (per run: %s elapsed, %s CPU) | %+.1f%% | %+.1f%% |",
        perRunCosts(runs, OpenImageBenchmark.Run::catalog, OpenImageBenchmark.Run::index),
        perRunCosts(runs, OpenImageBenchmark.Run::cpuCatalog, OpenImageBenchmark.Run::cpuIndex),
        elapsedCost * 100, cpuCost * 100));
    lines.add("");
    lines.add("Catalogers measured (name:version): `" + catalog.get("catalogers") + "`. They found "
        + catalog.get("packages") + " packages (" + catalog.get("packageTypes").replace(",", ", ") + ") with "
        + catalog.get("warnings") + " warnings.");
    lines.add("");
    lines.add(String.format(Locale.ROOT,
        "Peak heap of the measured JVM (`-Xmx%s`, sum of the heap pools' peak usage, an upper bound of the live"
            + " heap): %.0f MB without catalogers, %.0f MB with them.",
        summary.maxHeap(), max(runs, OpenImageBenchmark.Run::peakHeapIndex) / 1e6,
        max(runs, OpenImageBenchmark.Run::peakHeapCatalog) / 1e6));
    lines.add("");
    long index = median(runs, OpenImageBenchmark.Run::index);
    long reopenIndex = median(runs, OpenImageBenchmark.Run::reopenIndex);
    long reopenCatalog = median(runs, OpenImageBenchmark.Run::reopenCatalog);
    long peakHeap = Math.max(max(runs, OpenImageBenchmark.Run::peakHeapIndex),
        max(runs, OpenImageBenchmark.Run::peakHeapCatalog));
    lines.add("### Targets");
    lines.add("");
    lines.add("| target | this run | met |");
    lines.add("| --- | --- | --- |");
    lines.add(target("open and index at most 1.25 times the floor", String.format(Locale.ROOT, "%.2f",
        (double) index / floor), index <= 1.25 * floor));
    lines.add(target(String.format(Locale.ROOT, "the catalogers add at most %.0f%% to the open, in elapsed time",
        CATALOG_COST_TARGET * 100), percent(elapsedCost), elapsedCost <= CATALOG_COST_TARGET));
    lines.add(target(String.format(Locale.ROOT, "the catalogers add at most %.0f%% to the open, in CPU time",
        CATALOG_COST_TARGET * 100), percent(cpuCost), cpuCost <= CATALOG_COST_TARGET));
    lines.add(target("re-open from the cache under 200 ms, without catalogers", reopenIndex + " ms",
        reopenIndex < 200));
    lines.add(target("re-open from the caches under 200 ms, with catalogers", reopenCatalog + " ms",
        reopenCatalog < 200));
    lines.add(target(String.format(Locale.ROOT, "%,d files in under 256 MB of heap", summary.entries()),
        String.format(Locale.ROOT, "%.0f MB", peakHeap / 1e6), peakHeap < 256_000_000L));
    lines.add("");
    int cores = Runtime.getRuntime().availableProcessors();
    if (Math.max(summary.loadBefore(), summary.loadAfter()) > cores) {
      lines.add(String.format(Locale.ROOT,
          "The load average (%.1f at the start, %.1f at the end) was above the %d cores, so other processes"
              + " took CPU time from every measurement. The 200 ms targets are absolute times and suffer most;"
              + " the ratios to the floor and between the two opens suffer less.",
          summary.loadBefore(), summary.loadAfter(), cores));
      lines.add("");
    }
    lines.add("## How the numbers come about");
    lines.add("");
    lines.add("- The floor is `gzip -dc` run on each layer blob in turn, output discarded, timed in the same");
    lines.add("  run as Hullscope, so machine speed and load cancel out of the ratio. The load average was");
    lines.add(String.format(Locale.ROOT, "  %.2f when the run started and %.2f when it ended.",
        summary.loadBefore(), summary.loadAfter()));
    lines.add("- Open and index reads every layer once: it decompresses with the JDK's zlib, parses the tar,");
    lines.add("  and checks both the blob digest and the diff id with SHA-256 on a second thread. A ratio");
    lines.add("  below 1 means this pipeline beats the single-threaded `gzip` program; it does not mean the");
    lines.add("  digests were skipped.");
    lines.add("- With catalogers, the same pass also runs an `SbomCollector` with `Catalogers.defaults()`.");
    lines.add("  The two opens with an empty cache take turns going first in each run.");
    lines.add("- Each measurement runs in a new JVM, so class loading and JIT warm-up are included; the");
    lines.add("  opens with an empty cache write nothing to the cache. The re-open rows are the second open");
    lines.add("  in the JVM that filled the cache: what a user sees when selecting an image again in the");
    lines.add("  window. With catalogers, the re-open reads no layer and rebuilds the SBOM from the cached");
    lines.add("  layer catalogs.");
    lines.add("- The image is made by `BenchmarkImageGenerator` from fixed seeds. Twelve layers hold text");
    lines.add("  files of 0.5 to 7.5 KB and 6 MiB assets, half random bytes and half text, with each layer");
    lines.add("  overwriting one asset of the layer below. Around them, three layers hold what the");
    lines.add("  catalogers read, with synthetic names. The first is a Debian base with a dpkg status of 320");
    lines.add("  packages, and the second an apt layer that rewrites the status with 80 more packages and 12");
    lines.add("  upgrades. Python dist-info folders are spread over all three layers, 100 in all. The last,");
    lines.add("  the application layer, adds 500 npm `package.json` files (scoped and nested), five jars with");
    lines.add("  `pom.properties` (one shaded, one Spring Boot fat jar with 30 nested jars) and two ELF");
    lines.add("  executables of 1.5 and 3 MiB with Go build information.");
    lines.add("");
    lines.add("## Reproduce");
    lines.add("");
    lines.add("From the repository root. The image is generated into the folder on the first run, and the");
    lines.add("second argument is the output file, so this command rewrites this page with the new numbers:");
    lines.add("");
    lines.add("```");
    lines.add("mvn -q -f app/engine test-compile dependency:build-classpath -Dmdep.includeScope=test"
        + " -Dmdep.outputFile=target/bench.cp");
    lines.add("java -cp app/engine/target/test-classes:app/engine/target/classes:$(cat app/engine/target/bench.cp) \\");
    lines.add("    io.hullscope.bench.OpenImageBenchmark target/bench-image docs/benchmarks.md 5 256m");
    lines.add("```");
    lines.add("");
    return String.join("\n", lines);
  }

  private static String row(String measurement, long millis, long floor) {
    return String.format(Locale.ROOT, "| %s | %d ms | %.2f |", measurement, millis, (double) millis / floor);
  }

  private static String perRunCosts(List<OpenImageBenchmark.Run> runs, ToLongFunction<OpenImageBenchmark.Run> with,
      ToLongFunction<OpenImageBenchmark.Run> without) {
    List<String> costs = new ArrayList<>();
    for (OpenImageBenchmark.Run run : runs) {
      costs.add(String.format(Locale.ROOT, "%+.0f%%",
          ((double) with.applyAsLong(run) / without.applyAsLong(run) - 1) * 100));
    }
    return String.join(" ", costs);
  }

  private static String target(String target, String measured, boolean met) {
    return "| " + target + " | " + measured + " | " + (met ? "yes" : "no") + " |";
  }

  private static String percent(double fraction) {
    // One decimal, so that a cost just above the target does not print as the target itself.
    return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
  }

  private static long median(List<OpenImageBenchmark.Run> runs, ToLongFunction<OpenImageBenchmark.Run> value) {
    long[] sorted = runs.stream().mapToLong(value).sorted().toArray();
    return sorted[sorted.length / 2];
  }

  private static double medianRatio(List<OpenImageBenchmark.Run> runs,
      ToDoubleFunction<OpenImageBenchmark.Run> value) {
    double[] sorted = runs.stream().mapToDouble(value).sorted().toArray();
    return sorted[sorted.length / 2];
  }

  private static long max(List<OpenImageBenchmark.Run> runs, ToLongFunction<OpenImageBenchmark.Run> value) {
    return runs.stream().mapToLong(value).max().orElse(0);
  }
}
