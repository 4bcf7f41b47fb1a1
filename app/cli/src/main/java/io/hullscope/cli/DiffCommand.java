package io.hullscope.cli;

import io.hullscope.check.CheckPolicy;
import io.hullscope.check.HardeningChecks;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.ImageChecks;
import io.hullscope.check.ImageFacts;
import io.hullscope.check.PasswdFiles;
import io.hullscope.check.VulnerabilityFacts;
import io.hullscope.compare.ComparedImage;
import io.hullscope.compare.ComparisonFormat;
import io.hullscope.compare.ComparisonSection;
import io.hullscope.compare.ComparisonWriters;
import io.hullscope.compare.FileComparison;
import io.hullscope.compare.ImageComparison;
import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.FileInterest;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.sbom.Catalogers;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.SbomCollector;
import io.hullscope.source.ImageSource;
import io.hullscope.store.AppPaths;
import io.hullscope.store.Database;
import io.hullscope.store.SqliteAccountFileCache;
import io.hullscope.store.SqliteCatalogCache;
import io.hullscope.store.SqliteLayerIndexCache;
import io.hullscope.store.SqliteScanCache;
import io.hullscope.store.SqliteSecretScanCache;
import io.hullscope.vuln.OsvMatcher;
import io.hullscope.vuln.ScanResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hullscope diff A B}: indexes two images and writes what differs from A to B: config,
 * layers, files, packages, vulnerabilities (from stored scans) and hardening findings.
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Compares two images: config, layers, files, packages, vulnerabilities and hardening findings.",
      "'Added' means only in the second image. Vulnerabilities are compared when 'hullscope scan' ran on both.",
      "Exit codes: 0 the comparison was written, 2 usage error or an image cannot be read."
    })
final class DiffCommand implements Callable<Integer> {

  /** Exit code when the comparison was written, whatever it found. */
  static final int EXIT_OK = 0;
  /** Exit code of a usage error or an image that cannot be read; picocli uses 2 for usage errors too. */
  static final int EXIT_INPUT_ERROR = 2;

  private static final Logger LOG = LoggerFactory.getLogger(DiffCommand.class);

  /** Output formats of {@code --format}. */
  enum Format {
    text(ComparisonFormat.TEXT), md(ComparisonFormat.MARKDOWN), html(ComparisonFormat.HTML),
    json(ComparisonFormat.JSON);

    final ComparisonFormat comparisonFormat;

    Format(ComparisonFormat comparisonFormat) {
      this.comparisonFormat = comparisonFormat;
    }

    /** Returns the format whose extension the file name has, or null. */
    static Format ofFileName(Path file) {
      String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".htm") || name.endsWith(".html")) {
        return html;
      }
      if (name.endsWith(".md") || name.endsWith(".markdown")) {
        return md;
      }
      return name.endsWith(".json") ? json : null;
    }
  }

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "A",
      description = "The image to compare from: a docker save archive, an OCI layout folder,"
          + " docker://REGISTRY/REPOSITORY:TAG, or a reference the Docker daemon knows.")
  private String left;

  @Parameters(index = "1", paramLabel = "B", description = "The image to compare to, in the same forms as A.")
  private String right;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES}. Default: from the -o file name, else text.")
  private Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "File to write to. Default: stdout.")
  private Path output;

  @Option(names = "--only", paramLabel = "SECTION", split = ",",
      description = "Sections to write, comma-separated: config, layers, files, packages, vulns, findings."
          + " Default: all.")
  private List<String> only = new ArrayList<>();

  @Option(names = "--max-files", paramLabel = "N",
      description = "Maximum number of file differences listed; the counts include the rest. Default: "
          + FileComparison.DEFAULT_LIMIT + ".")
  private int maxFiles = FileComparison.DEFAULT_LIMIT;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
      description = "Platform to pick from multi-platform images; default: this machine's.")
  private String platform;

  @Option(names = "--docker-host", paramLabel = "URI",
      description = "Docker daemon address, for example unix:///var/run/docker.sock; default: DOCKER_HOST.")
  private String dockerHost;

  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]",
      description = "Registry to reach over plain HTTP (docker:// images only).")
  private List<String> insecureRegistries = new ArrayList<>();

  @Option(names = "--registry-ca", paramLabel = "FILE",
      description = "PEM file of certificate authorities to trust for docker:// images' registries.")
  private Path registryCa;

  @Option(names = "--no-cache", description = "Read every layer again instead of using the layer caches.")
  private boolean noCache;

  @Override
  public Integer call() {
    Set<ComparisonSection> sections = sections();
    Platform requested = PlatformOption.parse(platform, spec);
    if (maxFiles < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid --max-files " + maxFiles + ": use 0 or more");
    }
    Format chosen = chooseFormat();
    try {
      ImageComparison comparison = compare(requested);
      write(comparison, chosen, sections);
    } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      LOG.debug("Diff failed", e);
      PrintWriter err = spec.commandLine().getErr();
      err.println("hullscope: " + FailurePrinter.describe(e));
      err.flush();
      return EXIT_INPUT_ERROR;
    }
    return EXIT_OK;
  }

  private Set<ComparisonSection> sections() {
    if (only.isEmpty()) {
      return EnumSet.allOf(ComparisonSection.class);
    }
    Set<ComparisonSection> chosen = EnumSet.noneOf(ComparisonSection.class);
    for (String name : only) {
      try {
        chosen.add(ComparisonSection.ofOptionName(name));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "Invalid --only: " + e.getMessage());
      }
    }
    return chosen;
  }

  private Format chooseFormat() {
    if (format != null) {
      return format;
    }
    Format fromName = output == null ? null : Format.ofFileName(output);
    return fromName == null ? Format.text : fromName;
  }

  private ImageComparison compare(Platform requested) throws IOException {
    if (noCache) {
      return ImageComparison.of(load(left, requested, null), load(right, requested, null), maxFiles);
    }
    Files.createDirectories(AppPaths.dataDir());
    try (Database database = Database.open(AppPaths.databaseFile())) {
      return ImageComparison.of(load(left, requested, database), load(right, requested, database), maxFiles);
    }
  }

  /** Opens and indexes one image, builds its SBOM and hardening report, and finds its latest stored scan. */
  private ComparedImage load(String target, Platform requested, Database database) throws IOException {
    ImageTarget imageTarget = new ImageTarget(target, imageOptions());
    try (ImageSource source = imageTarget.openSource(dockerHost);
        Image image = imageTarget.open(source, requested, ProgressListener.NONE)) {
      LayerIndexCache indexCache = database == null ? LayerIndexCache.NONE : new SqliteLayerIndexCache(database);
      CatalogCache catalogCache = database == null ? CatalogCache.NONE : new SqliteCatalogCache(database);
      PasswdFiles accounts = database == null ? new PasswdFiles()
          : new PasswdFiles(PasswdFiles.DEFAULT_MAX_FILE_BYTES, new SqliteAccountFileCache(database));
      ImageChecks checks = database == null ? HardeningChecks.defaults()
          : HardeningChecks.defaults(new SqliteSecretScanCache(database));
      ScanResult scan = database == null ? null
          : new SqliteScanCache(database).latest(image.digest().toString(), OsvMatcher.SCANNER).orElse(null);

      SbomCollector collector = new SbomCollector(Catalogers.defaults(), catalogCache);
      List<FileInterest> interests = new ArrayList<>(List.of(accounts, collector));
      interests.addAll(checks.interests());
      ImageAnalysis analysis = new ImageIndexer(indexCache, Limits.DEFAULT, interests)
          .analyze(image, ProgressListener.NONE);
      String tool = RenderedOutput.toolName();
      ImageSbom sbom = collector.build(analysis, tool);
      ImageFacts facts = new ImageFacts(image.references(), image.digest(), image.config(), analysis,
          accounts.database(analysis), sbom, sbom.distro(), scan == null ? null : VulnerabilityFacts.of(scan), null);
      String name = imageName(image, target);
      HardeningReport report = checks.run(name, facts, CheckPolicy.DEFAULT, tool);
      return new ComparedImage(name, image.config(), analysis, sbom, scan, report);
    }
  }

  private ImageOptions imageOptions() {
    ImageOptions options = new ImageOptions();
    options.insecureRegistries = insecureRegistries;
    options.registryCa = registryCa;
    options.platform = platform;
    options.dockerHost = dockerHost;
    return options;
  }

  private static String imageName(Image image, String target) {
    if (!image.references().isEmpty()) {
      return image.references().get(0);
    }
    Path path = Path.of(target).getFileName();
    return path == null ? target : path.toString();
  }

  /** Renders the whole comparison before opening the output file, so a failure leaves no half-written file. */
  private void write(ImageComparison comparison, Format chosen, Set<ComparisonSection> sections) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    ComparisonWriters.write(comparison, chosen.comparisonFormat, sections, buffer);
    if (!RenderedOutput.write(buffer, output, spec.commandLine().getOut(), "comparison")) {
      return;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Wrote the " + chosen + " comparison to " + output + ": " + comparison.files().total()
        + " file differences, " + comparison.config().size() + " config differences.");
    out.flush();
  }
}
