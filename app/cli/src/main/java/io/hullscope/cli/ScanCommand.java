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
import io.hullscope.source.harbor.HarborClient;
import io.hullscope.vuln.DataVersion;
import io.hullscope.vuln.ExternalScanner;
import io.hullscope.vuln.ExternalScannerReports;
import io.hullscope.vuln.HarborReportFetcher;
import io.hullscope.vuln.OsvMatcher;
import io.hullscope.vuln.ScanResult;
import io.hullscope.vuln.ScanResultJson;
import io.hullscope.vuln.ScannerComparison;
import io.hullscope.vuln.VulnSeverity;
import io.hullscope.vuln.VulnerabilityMatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * {@code hullscope scan}: lists the known vulnerabilities of an image's packages, with the built-in
 * scanner over the OSV data that {@code hullscope db} imported, with Trivy or Grype when installed,
 * or from the report Harbor holds. Every result is cached by image digest, scanner and data
 * version, so the window shows it and a second built-in scan with unchanged data prints the stored
 * result. {@code --import} stores a Trivy or Grype report made elsewhere; {@code --compare} prints
 * two scanners' latest results side by side.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Lists the known vulnerabilities of the image's packages with the layer that brought each one and the first"
          + " fixed version: from the OSV data imported with 'hullscope db' (builtin), by running Trivy or Grype, or"
          + " from the report Harbor holds for the image.",
      "Exit code 1 when --fail-on finds a vulnerability at or above the given severity or a scanner fails, 2 on"
          + " invalid options or when no vulnerability data is imported."
    })
final class ScanCommand implements Callable<Integer> {

  private static final List<String> SCANNERS = List.of("builtin", "trivy", "grype", "harbor");

  @Spec private CommandSpec spec;

  @Mixin private ImageOptions image;

  @Option(names = "--scanner", paramLabel = "NAME", defaultValue = "builtin",
      description = "Scanner: builtin (OSV data, the default), trivy or grype (run from the PATH), or harbor (the"
          + " report Harbor holds for a docker:// image, read with --connection, or with --url and --user; the"
          + " default URL is https:// and the image's registry).")
  private String scanner;

  @Option(names = "--import", paramLabel = "REPORT",
      description = "Store a Trivy or Grype JSON report made elsewhere (the format is detected) as this image's"
          + " scan, instead of scanning.")
  private Path importReport;

  @Option(names = "--compare", paramLabel = "SCANNER",
      description = "Print the latest stored scans of --scanner and this scanner (builtin, trivy, grype or harbor)"
          + " side by side: found by both, only by one. Nothing is scanned.")
  private String compare;

  @Option(names = "--fail-on", paramLabel = "SEVERITY",
      description = "Exit with code 1 when a vulnerability of this severity or higher is found: critical, high, medium"
          + " or low. A vulnerability that no source rates counts as medium.")
  private String failOn;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "Output format: table (default), json, or sarif (SARIF 2.1.0).")
  private String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the result to FILE instead of"
      + " standard output.")
  private Path output;

  @Option(names = "--rescan", description = "Scan again even when a cached result for the same data exists.")
  private boolean rescan;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "900",
      description = "Maximum run time of Trivy or Grype, in seconds (default: ${DEFAULT-VALUE}).")
  private long timeoutSeconds;

  @Option(names = "--connection", paramLabel = "NAME",
      description = "With --scanner harbor: a connection saved with 'harbor login'.")
  private String harborConnection;

  @Option(names = "--url", paramLabel = "URL", description = "With --scanner harbor: the Harbor address. The user"
      + " comes from --user and the secret from $" + HarborCommand.SECRET_VARIABLE + ".")
  private URI harborUrl;

  @Option(names = "--user", paramLabel = "NAME", description = "With --scanner harbor: user or robot account.")
  private String harborUser;

  @Override
  public Integer call() throws IOException {
    checkOptions();
    if (compare != null) {
      return compare();
    }
    Outcome outcome;
    try (Database database = VulnerabilityStore.open()) {
      SqliteScanCache cache = new SqliteScanCache(database);
      try {
        outcome = scanner.equals("harbor") ? new Outcome(harborScan(), false) : scanImage(database, cache);
      } catch (RejectedReport e) {
        spec.commandLine().getErr().println("hullscope: " + e.getMessage());
        spec.commandLine().getErr().flush();
        return 2;
      }
      if (outcome == null) {
        spec.commandLine().getErr().println("hullscope: No vulnerability data is imported. Run 'hullscope db"
            + " import FILE' with an OSV zip, or 'hullscope db update ECOSYSTEM' to download one.");
        spec.commandLine().getErr().flush();
        return 2;
      }
      if (!outcome.cached()) {
        cache.put(outcome.result());
      }
    }
    ScanResult result = outcome.result();
    PrintWriter err = spec.commandLine().getErr();
    for (String problem : result.problems()) {
      err.println("warning: " + problem);
    }
    err.flush();
    print(result, outcome.cached());
    return failed(result) ? HullscopeCommand.EXIT_FAILURE : 0;
  }

  /** A report that --import does not store; the options were right, so no usage help follows. */
  private static final class RejectedReport extends RuntimeException {
    RejectedReport(String message) {
      super(message);
    }
  }

  /** A scan result and whether it came from the cache. */
  private record Outcome(ScanResult result, boolean cached) {}

  /**
   * Opens the image and scans it with --import, the built-in scanner or Trivy/Grype. Returns null
   * when the built-in scanner has no vulnerability data.
   */
  private Outcome scanImage(Database database, SqliteScanCache cache) throws IOException {
    ImageTarget target = new ImageTarget(image.target, image);
    Platform requested = PlatformOption.parse(image.platform, spec);
    try (ImageSource source = target.openSource(image.dockerHost);
        Image opened = target.open(source, requested, ProgressListener.NONE)) {
      String digest = opened.digest().toString();
      if (importReport != null) {
        return new Outcome(importReport(digest), false);
      }
      if (!scanner.equals("builtin")) {
        return new Outcome(externalScan(target, opened, database, digest), false);
      }
      SqliteVulnerabilityDatabase vulnerabilities = new SqliteVulnerabilityDatabase(database);
      List<DataVersion> versions = vulnerabilities.dataVersions();
      if (versions.isEmpty()) {
        return null;
      }
      Optional<ScanResult> stored = rescan ? Optional.empty()
          : cache.get(digest, OsvMatcher.SCANNER, ScanResult.dataVersionOf(versions));
      if (stored.isPresent()) {
        return new Outcome(stored.get(), true);
      }
      return new Outcome(new OsvMatcher(vulnerabilities).match(digest, collect(opened, database),
          ProgressListener.NONE), false);
    }
  }

  private void checkOptions() {
    if (!SCANNERS.contains(scanner)) {
      throw new ParameterException(spec.commandLine(),
          "Invalid scanner '" + scanner + "'. Use builtin, trivy, grype or harbor.");
    }
    if (compare != null && !SCANNERS.contains(compare)) {
      throw new ParameterException(spec.commandLine(),
          "Invalid scanner '" + compare + "' for --compare. Use builtin, trivy, grype or harbor.");
    }
    if (compare != null && compare.equals(scanner)) {
      throw new ParameterException(spec.commandLine(), "--compare " + compare + " names the same scanner as --scanner;"
          + " choose another one, for example --scanner builtin --compare trivy.");
    }
    if (importReport != null && (scanner.equals("harbor") || compare != null)) {
      throw new ParameterException(spec.commandLine(), "--import reads a Trivy or Grype report; it cannot be combined"
          + " with --scanner harbor or --compare.");
    }
    if (!format.equals("table") && !format.equals("json") && !format.equals("sarif")) {
      throw new ParameterException(spec.commandLine(), "Invalid format '" + format + "'. Use table, json or sarif.");
    }
    if (compare != null && format.equals("sarif")) {
      throw new ParameterException(spec.commandLine(), "--compare prints table or json, not sarif.");
    }
    if (failOn != null && threshold() == null) {
      throw new ParameterException(spec.commandLine(),
          "Invalid severity '" + failOn + "' for --fail-on. Use critical, high, medium or low.");
    }
    if (timeoutSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "Invalid --timeout " + timeoutSeconds
          + "; give a number of seconds of at least 1.");
    }
  }

  private ScanResult importReport(String digest) throws IOException {
    ExternalScannerReports reports = new ExternalScannerReports();
    ExternalScannerReports.Format expected = ExternalScannerReports.Format.named(scanner);
    ScanResult result = expected == null ? reports.read(importReport, digest)
        : reports.read(importReport, expected, digest);
    if (result.scanner().startsWith("harbor:")) {
      throw new RejectedReport(importReport + " is a Harbor report; use --scanner harbor to read it from Harbor"
          + " instead.");
    }
    // Stored under this image's digest, another image's findings would show as this image's.
    for (String problem : result.problems()) {
      if (problem.startsWith("The report is about image ")) {
        throw new RejectedReport(importReport + " was not stored: "
            + problem.substring(0, 1).toLowerCase(java.util.Locale.ROOT) + problem.substring(1) + ".");
      }
    }
    return result;
  }

  private ScanResult externalScan(ImageTarget target, Image opened, Database database, String digest)
      throws IOException {
    ExternalScanner.Kind kind = scanner.equals("trivy") ? ExternalScanner.Kind.TRIVY : ExternalScanner.Kind.GRYPE;
    ExternalScanner runner = new ExternalScanner(kind, System.getenv("PATH"), Duration.ofSeconds(timeoutSeconds),
        new ExternalScannerReports());
    if (runner.executable().isEmpty()) {
      throw new IOException(kind.program() + " was not found on the PATH; install it, use --import with a report"
          + " it wrote, or choose --scanner builtin");
    }
    if (target.isRegistry()) {
      return runner.scan(new ExternalScanner.Target.Reference(target.registryReference().toString(), true), digest,
          ProgressListener.NONE);
    }
    if (!target.isPath()) {
      return runner.scan(new ExternalScanner.Target.Reference(image.target, false), digest, ProgressListener.NONE);
    }
    Path path = Path.of(image.target);
    if (Files.isRegularFile(path)) {
      return runner.scan(new ExternalScanner.Target.Archive(path), digest, ProgressListener.NONE);
    }
    // An OCI layout folder: neither scanner reads every layout the same way, so they get our SBOM.
    Path sbom = Files.createTempFile("hullscope-sbom", ".cdx.json");
    try {
      Files.writeString(sbom, CycloneDxExporter.toJson(collect(opened, database), Instant.now()),
          StandardCharsets.UTF_8);
      return runner.scan(new ExternalScanner.Target.Sbom(sbom), digest, ProgressListener.NONE);
    } finally {
      Files.deleteIfExists(sbom);
    }
  }

  /** Reads the report Harbor holds for a {@code docker://HARBOR/PROJECT/REPOSITORY:TAG} image. */
  private ScanResult harborScan() throws IOException {
    ImageTarget target = new ImageTarget(image.target, image);
    if (!target.isRegistry()) {
      throw new ParameterException(spec.commandLine(), "--scanner harbor needs a docker://HARBOR/PROJECT/REPOSITORY:TAG"
          + " image, not '" + image.target + "'.");
    }
    io.hullscope.image.ImageReference reference = target.registryReference();
    HarborCommand.ConnectionOptions options = new HarborCommand.ConnectionOptions();
    options.connection = harborConnection;
    options.url = harborUrl != null || harborConnection != null ? harborUrl : URI.create("https://"
        + reference.registry());
    options.user = harborUser;
    options.format = "text";
    // The image options that allow plain HTTP or add a CA for the image's registry apply to Harbor too.
    options.insecure = image.insecureRegistries.contains(reference.registry());
    options.caFile = image.registryCa;
    HarborClient client = options.connect(spec);
    String artifact = reference.digest() != null ? reference.digest().toString() : reference.tag();
    // NOTE: the result is stored under the digest Harbor gives for the artifact, its manifest digest.
    return new HarborReportFetcher(client, new ExternalScannerReports())
        .fetch(reference.repository(), artifact, null)
        .orElseThrow(() -> new IOException("Harbor has no vulnerability report for " + reference + "; start a scan in"
            + " Harbor (or on push) and try again"));
  }

  /** Prints the latest stored scans of --scanner and --compare side by side. */
  private int compare() throws IOException {
    ScanResult left;
    ScanResult right;
    try (Database database = VulnerabilityStore.open()) {
      SqliteScanCache cache = new SqliteScanCache(database);
      ImageTarget target = new ImageTarget(image.target, image);
      String digest;
      try (ImageSource source = target.openSource(image.dockerHost);
          Image opened = target.open(source, PlatformOption.parse(image.platform, spec), ProgressListener.NONE)) {
        digest = opened.digest().toString();
      }
      left = latest(cache, digest, scanner);
      right = latest(cache, digest, compare);
    }
    ScanComparisonText.print(spec.commandLine().getOut(), ScannerComparison.of(left, right), format);
    return 0;
  }

  private ScanResult latest(SqliteScanCache cache, String digest, String name) throws IOException {
    String prefix = name.equals("builtin") ? OsvMatcher.SCANNER.split(" ")[0] : name;
    long id = -1;
    for (io.hullscope.vuln.ScanSummary summary : cache.history(digest)) {
      String stored = summary.scanner().split(" ")[0];
      if (stored.equals(prefix) || (prefix.equals("harbor") && stored.startsWith("harbor:"))) {
        id = summary.id(); // history is oldest first, so the last one found is the latest
      }
    }
    if (id < 0) {
      throw new IOException("No stored " + name + " scan of " + digest + "; run 'hullscope scan --scanner " + name
          + " " + image.target + "' (or --import a report) first");
    }
    long found = id;
    return cache.load(found).orElseThrow(() -> new IOException("The stored " + name + " scan " + found
        + " cannot be read; scan again"));
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
    // VulnSeverity lists levels from most severe down. An unrated vulnerability counts as medium,
    // as the help text and README state; NONE never fails.
    return result.matches().stream().anyMatch(match -> effective(match.severity()).compareTo(threshold) <= 0);
  }

  private static VulnSeverity effective(VulnSeverity severity) {
    return severity == VulnSeverity.UNKNOWN ? VulnSeverity.MEDIUM : severity;
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
    if (format.equals("json") || format.equals("sarif")) {
      String text = format.equals("json") ? ScanResultJson.toPrettyString(result) : ScanSarif.write(result);
      if (output != null) {
        writeFile(text + System.lineSeparator(), result);
      } else {
        PrintWriter out = spec.commandLine().getOut();
        out.println(text);
        out.flush();
      }
      return;
    }
    java.io.StringWriter table = new java.io.StringWriter();
    printTable(new PrintWriter(table), result, cached);
    if (output != null) {
      writeFile(table.toString(), result);
    } else {
      PrintWriter out = spec.commandLine().getOut();
      out.print(table);
      out.flush();
    }
  }

  private void writeFile(String text, ScanResult result) throws IOException {
    try {
      Files.writeString(output, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IOException("Failed to write the scan to " + output + " (" + FailurePrinter.describe(e)
          + "); check that the folder exists and is writable", e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Wrote the " + format + " scan to " + output + ": " + result.matches().size() + " vulnerabilities");
    out.flush();
  }

  private static void printTable(PrintWriter out, ScanResult result, boolean cached) {
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
