package io.hullscope.cli;

import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.sbom.CatalogWarning;
import io.hullscope.sbom.Catalogers;
import io.hullscope.sbom.CycloneDxExporter;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.SbomCollector;
import io.hullscope.source.ImageSource;
import io.hullscope.store.Database;
import io.hullscope.store.SqliteCatalogCache;
import io.hullscope.store.SqliteLayerIndexCache;
import io.hullscope.store.SqliteScanCache;
import io.hullscope.store.SqliteVulnerabilityDatabase;
import io.hullscope.vuln.DataVersion;
import io.hullscope.vuln.OsvMatcher;
import io.hullscope.vuln.ScanResult;
import io.hullscope.vuln.ScanResultJson;
import io.hullscope.vuln.VulnSeverity;
import io.hullscope.vuln.VulnerabilityMatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hullscope scan}: lists the known vulnerabilities of an image's packages, using the OSV
 * data that {@code hullscope db} imported. A result is cached by image digest, scanner and data
 * version, so a second scan with unchanged data prints the stored result.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Lists the known vulnerabilities of the image's packages with the layer that brought each one and the first"
          + " fixed version, from the OSV data imported with 'hullscope db'.",
      "Exit code 1 when --fail-on finds a vulnerability at or above the given severity, 2 on invalid options or"
          + " when no vulnerability data is imported."
    })
final class ScanCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Mixin private ImageOptions image;

  @Option(names = "--scanner", paramLabel = "NAME", defaultValue = "builtin",
      description = "Scanner to run. Only builtin (OSV data) is available so far.")
  private String scanner;

  @Option(names = "--fail-on", paramLabel = "SEVERITY",
      description = "Exit with code 1 when a vulnerability of this severity or higher is found: critical, high, medium"
          + " or low. Vulnerabilities of unknown severity never fail the scan.")
  private String failOn;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "Output format: table (default) or json.")
  private String format;

  @Option(names = "--rescan", description = "Scan again even when a cached result for the same data exists.")
  private boolean rescan;

  @Override
  public Integer call() throws IOException {
    checkOptions();
    Platform requested = PlatformOption.parse(image.platform, spec);
    ImageTarget target = new ImageTarget(image.target, image);
    ScanResult result;
    boolean cached;
    try (Database database = VulnerabilityStore.open()) {
      SqliteVulnerabilityDatabase vulnerabilities = new SqliteVulnerabilityDatabase(database);
      List<DataVersion> versions = vulnerabilities.dataVersions();
      if (versions.isEmpty()) {
        spec.commandLine().getErr().println("hullscope: No vulnerability data is imported. Run 'hullscope db import"
            + " FILE' with an OSV zip, or 'hullscope db update ECOSYSTEM' to download one.");
        spec.commandLine().getErr().flush();
        return 2;
      }
      SqliteScanCache cache = new SqliteScanCache(database);
      try (ImageSource source = target.openSource(image.dockerHost);
          Image opened = target.open(source, requested, ProgressListener.NONE)) {
        String digest = opened.digest().toString();
        Optional<ScanResult> stored = rescan ? Optional.empty()
            : cache.get(digest, OsvMatcher.SCANNER, ScanResult.dataVersionOf(versions));
        cached = stored.isPresent();
        if (cached) {
          result = stored.get();
        } else {
          ImageSbom sbom = collect(opened, database);
          result = new OsvMatcher(vulnerabilities).match(digest, sbom, ProgressListener.NONE);
          cache.put(result);
        }
      }
    }
    PrintWriter err = spec.commandLine().getErr();
    for (String problem : result.problems()) {
      err.println("warning: " + problem);
    }
    err.flush();
    print(result, cached);
    return failed(result) ? HullscopeCommand.EXIT_FAILURE : 0;
  }

  private void checkOptions() {
    if (!scanner.equals("builtin")) {
      throw new ParameterException(spec.commandLine(),
          "Scanner '" + scanner + "' is not available; only builtin is supported so far.");
    }
    if (!format.equals("table") && !format.equals("json")) {
      throw new ParameterException(spec.commandLine(), "Invalid format '" + format + "'. Use table or json.");
    }
    if (failOn != null && threshold() == null) {
      throw new ParameterException(spec.commandLine(),
          "Invalid severity '" + failOn + "' for --fail-on. Use critical, high, medium or low.");
    }
  }

  /** Returns the --fail-on level, or null when it is not one of the four that can fail a scan. */
  private VulnSeverity threshold() {
    String name = failOn.strip().toUpperCase(Locale.ROOT);
    for (VulnSeverity level : List.of(VulnSeverity.CRITICAL, VulnSeverity.HIGH, VulnSeverity.MEDIUM, VulnSeverity.LOW)) {
      if (level.name().equals(name)) {
        return level;
      }
    }
    return null;
  }

  private boolean failed(ScanResult result) {
    if (failOn == null) {
      return false;
    }
    VulnSeverity threshold = threshold();
    // VulnSeverity lists levels from most severe down, with NONE and UNKNOWN after LOW, so they never fail.
    return result.matches().stream().anyMatch(match -> match.severity().compareTo(threshold) <= 0);
  }

  private ImageSbom collect(Image opened, Database database) throws IOException {
    SbomCollector collector = new SbomCollector(Catalogers.defaults(), new SqliteCatalogCache(database));
    ImageAnalysis analysis = new ImageIndexer(new SqliteLayerIndexCache(database), Limits.DEFAULT, List.of(collector))
        .analyze(opened, ProgressListener.NONE);
    ImageSbom sbom = collector.build(analysis, CycloneDxExporter.TOOL_NAME + " " + CycloneDxExporter.TOOL_VERSION);
    PrintWriter err = spec.commandLine().getErr();
    for (CatalogWarning warning : sbom.warnings()) {
      err.println("warning: skipped " + warning);
    }
    return sbom;
  }

  private void print(ScanResult result, boolean cached) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (format.equals("json")) {
      out.println(ScanResultJson.toPrettyString(result));
      out.flush();
      return;
    }
    out.println("Image " + result.imageDigest() + " scanned " + (cached ? "(cached) " : "") + "at "
        + result.scannedAt() + " by " + result.scanner() + " with data " + result.dataVersion());
    StringBuilder counts = new StringBuilder();
    for (Map.Entry<VulnSeverity, Integer> count : result.countsBySeverity().entrySet()) {
      if (count.getValue() > 0) {
        counts.append(counts.length() == 0 ? "" : ", ").append(count.getValue()).append(' ')
            .append(count.getKey().name().toLowerCase(Locale.ROOT));
      }
    }
    out.println(result.matches().size() + " vulnerabilities" + (counts.length() == 0 ? "" : " (" + counts + ")"));
    if (!result.matches().isEmpty()) {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"SEVERITY", "SCORE", "ID", "PACKAGE", "INSTALLED", "FIXED", "LAYER", "ALIASES"});
      for (VulnerabilityMatch match : result.matches()) {
        rows.add(new String[] {match.severity().name(), match.score() == null ? "-" : match.score().toString(), match.id(), match.packageName(), match.installedVersion(),
            match.fixable() ? match.fixedVersion() : "-", match.layer() < 0 ? "-" : String.valueOf(match.layer()),
            match.aliases().isEmpty() ? "-" : String.join(",", match.aliases())});
      }
      TextTable.print(out, rows);
    }
    out.flush();
  }
}
