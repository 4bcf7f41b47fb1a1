package io.hullscope.cli;

import io.hullscope.check.CheckPolicy;
import io.hullscope.check.HardeningChecks;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.ImageChecks;
import io.hullscope.check.ImageFacts;
import io.hullscope.check.PasswdFiles;
import io.hullscope.check.Severity;
import io.hullscope.check.SignatureFacts;
import io.hullscope.check.VulnerabilityFacts;
import io.hullscope.image.Image;
import io.hullscope.image.ImageReference;
import io.hullscope.image.Limits;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.FileInterest;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.report.DockerfileSuggestion;
import io.hullscope.report.HarborSettingsAdvice;
import io.hullscope.report.KyvernoPolicies;
import io.hullscope.report.PolicyFile;
import io.hullscope.report.ReportFormat;
import io.hullscope.report.ReportWriters;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.sbom.Catalogers;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.SbomCollector;
import io.hullscope.sign.SignatureFinder;
import io.hullscope.sign.TrustFolder;
import io.hullscope.sign.TrustPolicy;
import io.hullscope.source.ImageSource;
import io.hullscope.source.registry.RegistrySource;
import io.hullscope.store.AppPaths;
import io.hullscope.store.Database;
import io.hullscope.store.SqliteAccountFileCache;
import io.hullscope.store.SqliteCatalogCache;
import io.hullscope.store.SqliteLayerIndexCache;
import io.hullscope.store.SqliteScanCache;
import io.hullscope.store.SqliteSecretScanCache;
import io.hullscope.vuln.OsvMatcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code hullscope check}: runs the hardening checks on an image, writes the report and exits with
 * 0 when the policy passes, 1 when it fails and 2 on a usage or input error. This is the command a
 * CI pipeline runs before it pushes an image.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs the hardening checks on an image and writes the findings, the grade and the user verdict.",
      "Exit codes: 0 the policy passes, 1 the policy fails, 2 usage error or the image or policy cannot be"
          + " read."
    })
final class CheckCommand implements Callable<Integer> {

  /** Exit code when no finding reaches the fail-on severity. */
  static final int EXIT_PASSED = 0;
  /** Exit code when a finding reaches the fail-on severity. */
  static final int EXIT_POLICY_FAILED = 1;
  /** Exit code of a usage error or an image or policy that cannot be used; picocli uses 2 for usage errors too. */
  static final int EXIT_INPUT_ERROR = 2;

  private static final Logger LOG = LoggerFactory.getLogger(CheckCommand.class);

  /** Output formats of {@code --format}: the report formats plus plain text for the terminal. */
  enum Format {
    text(null), md(ReportFormat.MARKDOWN), html(ReportFormat.HTML), json(ReportFormat.JSON),
    sarif(ReportFormat.SARIF);

    final ReportFormat reportFormat;

    Format(ReportFormat reportFormat) {
      this.reportFormat = reportFormat;
    }

    /** Returns the format whose extension the file name has, or null. */
    static Format ofFileName(Path file) {
      String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".htm")) {
        return html;
      }
      for (Format format : values()) {
        if (format.reportFormat != null && name.endsWith("." + format.reportFormat.fileExtension())) {
          return format;
        }
      }
      return null;
    }
  }

  @Spec private CommandSpec spec;

  @Mixin private ImageOptions image;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "YAML policy that turns checks off, re-rates them, sets thresholds and sets failOn.")
  private Path policyFile;

  @Option(names = "--fail-on", paramLabel = "SEVERITY", converter = FailOnConverter.class,
      description = "Fail (exit 1) when a finding of this severity or worse remains: critical, high, medium, low,"
          + " info, or never. Overrides the policy's failOn.")
  private FailOn failOn;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "Report format: ${COMPLETION-CANDIDATES}. Default: from the -o file name, else text.")
  private Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "File to write the report to. Default: stdout.")
  private Path output;

  @Option(names = "--dockerfile", paramLabel = "FILE",
      description = "Also write a suggested Dockerfile that fixes the findings, with '# Hullscope:' comments.")
  private Path dockerfile;

  @Option(names = "--kyverno", paramLabel = "FILE",
      description = "Also write Kyverno ClusterPolicy YAML that admits this image only from its registries, as"
          + " non-root, with a tag and, when signers are known, signed.")
  private Path kyverno;

  @Option(names = "--harbor-advice", paramLabel = "FILE",
      description = "Also write Markdown advice on Harbor project settings for this image.")
  private Path harborAdvice;

  @Option(names = "--no-cache", description = "Read every layer again instead of using the layer caches.")
  private boolean noCache;

  /** The value of {@code --fail-on}; {@code severity} is null for {@code never}. */
  record FailOn(Severity severity) {}

  /** The report and the facts it was computed from, which the suggestion writers read too. */
  private record Checked(HardeningReport report, ImageFacts facts) {}

  @Override
  public Integer call() {
    Platform requested = PlatformOption.parse(image.platform, spec);
    Format chosen = chooseFormat();
    Checked checked;
    CheckPolicy policy;
    try {
      ImageChecks checks = HardeningChecks.defaults();
      policy = policyFile == null ? CheckPolicy.DEFAULT : new PolicyFile(checks.definitions()).read(policyFile);
      if (failOn != null) {
        policy = policy.withFailOn(failOn.severity());
      }
      checked = check(checks, policy, requested);
      write(checked.report(), chosen);
      writeSuggestions(checked);
    } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      // Exit 1 means "the policy failed", so a command that could not check at all must not use it.
      LOG.debug("Check failed", e);
      PrintWriter err = spec.commandLine().getErr();
      err.println("hullscope: " + FailurePrinter.describe(e));
      err.flush();
      return EXIT_INPUT_ERROR;
    }
    return verdict(checked.report(), policy);
  }

  private Format chooseFormat() {
    if (format != null) {
      return format;
    }
    Format fromName = output == null ? null : Format.ofFileName(output);
    if (fromName != null) {
      return fromName;
    }
    String name = output == null || output.getFileName() == null ? "" : output.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (!extension.isEmpty() && !extension.equals("txt")) {
      // Writing text into report.pdf or report.xml would look like a broken file of that kind.
      throw new ParameterException(spec.commandLine(), "cannot tell the report format from the extension ."
          + extension + " of " + output + "; use .md, .html, .json, .sarif or .txt, or give --format");
    }
    return Format.text;
  }

  private Checked check(ImageChecks checks, CheckPolicy policy, Platform requested) throws IOException {
    ImageTarget imageTarget = new ImageTarget(image.target, image);
    try (ImageSource source = imageTarget.openSource(image.dockerHost);
        Image opened = imageTarget.open(source, requested, ProgressListener.NONE)) {
      SignatureFacts signatures = imageTarget.isRegistry() && source instanceof RegistrySource registry
          ? signatureFacts(registry, imageTarget.registryReference(), opened) : null;
      if (noCache) {
        return check(opened, checks, policy, LayerIndexCache.NONE, new PasswdFiles(), CatalogCache.NONE, null,
            signatures);
      }
      Files.createDirectories(AppPaths.dataDir());
      try (Database database = Database.open(AppPaths.databaseFile())) {
        PasswdFiles accounts =
            new PasswdFiles(PasswdFiles.DEFAULT_MAX_FILE_BYTES, new SqliteAccountFileCache(database));
        // Same checks as the ones the policy was read against, with the secret scan cached by layer.
        ImageChecks cached = HardeningChecks.defaults(new SqliteSecretScanCache(database));
        // The latest built-in scan of this image, if 'hullscope scan' ran, feeds the supply-chain checks.
        VulnerabilityFacts vulnerabilities = new SqliteScanCache(database)
            .latest(opened.digest().toString(), OsvMatcher.SCANNER).map(VulnerabilityFacts::of).orElse(null);
        return check(opened, cached, policy, new SqliteLayerIndexCache(database), accounts,
            new SqliteCatalogCache(database), vulnerabilities, signatures);
      }
    }
  }

  /** Indexes the image once for the account files, the SBOM and the checks' own interests, then runs the checks. */
  private Checked check(Image image, ImageChecks checks, CheckPolicy policy, LayerIndexCache indexCache,
      PasswdFiles accounts, CatalogCache catalogCache, VulnerabilityFacts vulnerabilities, SignatureFacts signatures)
      throws IOException {
    SbomCollector collector = new SbomCollector(Catalogers.defaults(), catalogCache);
    List<FileInterest> interests = new ArrayList<>(List.of(accounts, collector));
    interests.addAll(checks.interests());
    ImageAnalysis analysis = new ImageIndexer(indexCache, Limits.DEFAULT, interests)
        .analyze(image, ProgressListener.NONE);
    String tool = RenderedOutput.toolName();
    ImageSbom sbom = collector.build(analysis, tool);
    ImageFacts facts = new ImageFacts(image.references(), image.digest(), image.config(), analysis,
        accounts.database(analysis), sbom, sbom.distro(), vulnerabilities, signatures);
    return new Checked(checks.run(imageName(image), facts, policy, tool), facts);
  }

  /**
   * Looks up the signatures of a registry image for the supply-chain checks and verifies them
   * against the trust folder that {@code hullscope verify} and the window use. Without trust
   * settings a signature counts as found but not verified. A registry that cannot be asked leaves
   * the facts unknown.
   */
  private SignatureFacts signatureFacts(RegistrySource registry, ImageReference reference, Image image) {
    TrustPolicy trust = TrustPolicy.empty();
    Path trustFolder = AppPaths.dataDir().resolve(TrustFolder.DEFAULT_NAME);
    try {
      trust = new TrustFolder(trustFolder).load();
    } catch (IOException | RuntimeException e) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("warning: the trust settings in " + trustFolder + " could not be read, so no signature counts as"
          + " verified: " + FailurePrinter.describe(e));
      err.flush();
    }
    try {
      return SignatureFacts.of(new SignatureFinder(registry.client(reference.registry()), trust)
          .find(reference.repository(), image.digest()));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      LOG.debug("Looking up the signatures of {} failed", reference, e);
      PrintWriter err = spec.commandLine().getErr();
      err.println("warning: the signatures of " + reference + " could not be looked up, so the signature checks"
          + " are skipped: " + FailurePrinter.describe(e));
      err.flush();
      return null;
    }
  }

  private String imageName(Image opened) {
    if (!opened.references().isEmpty()) {
      return opened.references().get(0);
    }
    Path path = Path.of(image.target).getFileName();
    return path == null ? image.target : path.toString();
  }

  /**
   * Writes the report to the output file or stdout. A file is written only once the whole report
   * was rendered, so a failure never leaves half a report behind.
   */
  private void write(HardeningReport report, Format chosen) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    if (chosen.reportFormat == null) {
      PrintWriter text = new PrintWriter(new OutputStreamWriter(buffer, StandardCharsets.UTF_8));
      new CheckText(text).write(report);
      text.flush();
    } else {
      ReportWriters.write(report, chosen.reportFormat, buffer);
    }
    if (!RenderedOutput.write(buffer, output, spec.commandLine().getOut(), "report")) {
      return;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Wrote the " + chosen + " report to " + output + ": grade " + report.grade().letter() + ", "
        + report.findings().size() + (report.findings().size() == 1 ? " finding." : " findings."));
    out.flush();
  }

  /** Writes the suggestion files that were asked for; each is rendered in full before its file is opened. */
  private void writeSuggestions(Checked checked) throws IOException {
    if (dockerfile != null) {
      writeSuggestion(dockerfile, "suggested Dockerfile",
          DockerfileSuggestion.suggest(checked.report(), checked.facts()));
    }
    if (kyverno != null) {
      writeSuggestion(kyverno, "Kyverno policies", KyvernoPolicies.suggest(checked.report(), checked.facts()));
    }
    if (harborAdvice != null) {
      writeSuggestion(harborAdvice, "Harbor settings advice",
          HarborSettingsAdvice.suggest(checked.report(), checked.facts()));
    }
  }

  private void writeSuggestion(Path file, String description, String text) throws IOException {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IOException("Failed to write the " + description + " to " + file + " (" + FailurePrinter.describe(e)
          + "). Check that the folder exists and is writable.", e);
    }
    // With the report on stdout, the notice goes to stderr so that piped JSON or SARIF stays valid.
    PrintWriter notice = output == null ? spec.commandLine().getErr() : spec.commandLine().getOut();
    notice.println("Wrote the " + description + " to " + file + ".");
    notice.flush();
  }

  private int verdict(HardeningReport report, CheckPolicy policy) {
    if (!policy.fails(report)) {
      return EXIT_PASSED;
    }
    int failing = report.atLeast(policy.failOn()).size();
    PrintWriter err = spec.commandLine().getErr();
    err.println("hullscope: policy failed: " + failing + (failing == 1 ? " finding is " : " findings are ")
        + policy.failOn().name().toLowerCase(Locale.ROOT) + " or worse");
    err.flush();
    return EXIT_POLICY_FAILED;
  }

  /** Converter of {@code --fail-on}; an unknown severity is a usage error (exit 2). */
  static final class FailOnConverter implements CommandLine.ITypeConverter<FailOn> {
    @Override
    public FailOn convert(String value) {
      String normalized = value.strip().toUpperCase(Locale.ROOT);
      if (normalized.equals("NEVER") || normalized.equals("NONE")) {
        return new FailOn(null);
      }
      try {
        return new FailOn(Severity.valueOf(normalized));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "Invalid severity '" + value + "'. Use critical, high, medium, low, info or never.");
      }
    }
  }
}
