package io.hullscope.ui;

import io.hullscope.check.AccountDatabase;
import io.hullscope.check.AccountFileCache;
import io.hullscope.check.CheckPolicy;
import io.hullscope.check.HardeningChecks;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.ImageChecks;
import io.hullscope.check.ImageFacts;
import io.hullscope.check.PasswdFiles;
import io.hullscope.check.SecretScanCache;
import io.hullscope.check.VulnerabilityFacts;
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
import io.hullscope.sbom.CycloneDxExporter;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.SbomCollector;
import io.hullscope.ui.sources.ImageRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a listed image, indexes its layers, and builds its SBOM and its hardening report from the
 * same pass. The returned analysis keeps the image open, because the file content pane reads layers
 * again; the caller closes {@link ImageAnalysis#image()}.
 */
public final class ImageAnalyzer {

  private static final Logger LOG = LoggerFactory.getLogger(ImageAnalyzer.class);

  /** Name and version recorded as the SBOM's tool, as the CLI's sbom command records them. */
  private static final String TOOL = CycloneDxExporter.TOOL_NAME + " " + CycloneDxExporter.TOOL_VERSION;

  private final LayerIndexCache indexCache;
  private final CatalogCache catalogCache;
  private final AccountFileCache accountCache;
  private final SecretScanCache secretCache;
  private final Limits limits;
  private final ScanLookup scans;

  /** Finds the latest stored vulnerability scan of an image, so the supply-chain checks can use it. */
  @FunctionalInterface
  public interface ScanLookup {

    /** No stored scans: the checks that need one stay silent. */
    ScanLookup NONE = digest -> Optional.empty();

    /** Returns the latest scan of the image with this digest, if one is stored. */
    Optional<VulnerabilityFacts> latest(String imageDigest) throws IOException;
  }

  /** Creates an analyzer that reads the account files of every layer again on each open. */
  public ImageAnalyzer(LayerIndexCache indexCache, CatalogCache catalogCache, Limits limits) {
    this(indexCache, catalogCache, AccountFileCache.NONE, limits);
  }

  /** Creates an analyzer that scans every layer for secrets again on each open. */
  public ImageAnalyzer(LayerIndexCache indexCache, CatalogCache catalogCache, AccountFileCache accountCache,
      Limits limits) {
    this(indexCache, catalogCache, accountCache, SecretScanCache.NONE, limits, ScanLookup.NONE);
  }

  /** Creates an analyzer whose per-layer results (index, packages, account files, secret hits) are cached. */
  public ImageAnalyzer(LayerIndexCache indexCache, CatalogCache catalogCache, AccountFileCache accountCache,
      SecretScanCache secretCache, Limits limits, ScanLookup scans) {
    this.scans = scans;
    this.indexCache = indexCache;
    this.catalogCache = catalogCache;
    this.accountCache = accountCache;
    this.secretCache = secretCache;
    this.limits = limits;
  }

  /**
   * Opens and indexes the image of a row, builds its SBOM and runs the hardening checks; runs on a
   * worker thread. A failure to build the SBOM or to run the checks is logged and returned with the
   * analysis, so the other tabs still work.
   *
   * @param platform the platform to pick from a multi-platform image, or null for the source's
   *     default (this machine's platform when the image has it)
   */
  public OpenedImage analyze(ImageRow row, Platform platform, ProgressListener progress) throws Exception {
    progress.step("Opening " + row.reference() + (platform == null ? "" : " for " + platform));
    long started = System.nanoTime();
    Image image = row.source().open(row.summary().key(), platform, progress);
    try {
      // A collector serves one analysis, so each open gets its own collectors, checks and indexer.
      SbomCollector collector = new SbomCollector(Catalogers.defaults(), catalogCache);
      PasswdFiles accounts = new PasswdFiles(PasswdFiles.DEFAULT_MAX_FILE_BYTES, accountCache);
      ImageChecks checks = HardeningChecks.defaults(secretCache);
      List<FileInterest> interests = new ArrayList<>(List.of(collector, accounts));
      interests.addAll(checks.interests());
      ImageAnalysis analysis = new ImageIndexer(indexCache, limits, interests).analyze(image, progress);
      // The waste report is computed on first use; do it here so the views never compute it on
      // the JavaFX thread.
      progress.step("Computing wasted space");
      analysis.waste();
      progress.step("Building the SBOM");
      ImageSbom sbom = null;
      String sbomFailure = null;
      try {
        sbom = collector.build(analysis, TOOL);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Building the SBOM of {} failed", row.reference(), e);
        sbomFailure = ErrorViewModel.summary(e);
      }
      progress.step("Running the hardening checks");
      HardeningReport hardening = null;
      ImageFacts facts = null;
      String hardeningFailure = null;
      try {
        ImageFacts built = facts(analysis, accounts, sbom);
        hardening = checks.run(row.reference(), built, CheckPolicy.DEFAULT, TOOL);
        facts = built;
      } catch (IOException | RuntimeException e) {
        LOG.warn("Running the hardening checks on {} failed", row.reference(), e);
        hardeningFailure = ErrorViewModel.summary(e);
      }
      LOG.info("Opened {} with {} layers, {} packages and {} findings in {} ms", row.reference(),
          analysis.layers().size(), sbom == null ? 0 : sbom.packages().size(),
          hardening == null ? 0 : hardening.findings().size(), (System.nanoTime() - started) / 1_000_000);
      return new OpenedImage(analysis, sbom, sbomFailure, hardening, facts, hardeningFailure, checks);
    } catch (Exception e) {
      closeQuietly(image);
      throw e;
    }
  }

  /**
   * Runs the checks of an open image again with a new vulnerability scan, so that a rescan in the
   * Vulnerabilities tab shows in the grade and the findings without reading the layers again.
   *
   * @param name the name the report gives the image
   * @throws IOException when a check cannot read what it needs
   */
  public OpenedImage withScan(OpenedImage opened, String name, VulnerabilityFacts vulnerabilities)
      throws IOException {
    ImageFacts before = opened.facts();
    ImageFacts facts = new ImageFacts(before.references(), before.digest(), before.config(), before.analysis(),
        before.accounts(), before.sbom(), before.distro(), vulnerabilities, before.signatures());
    HardeningReport report = opened.checks().run(name, facts, CheckPolicy.DEFAULT, TOOL);
    return new OpenedImage(opened.analysis(), opened.sbom(), opened.sbomFailure(), report, facts, null,
        opened.checks());
  }

  /**
   * Builds the facts the default checks read with the default policy. The latest stored scan of the
   * image (from {@code hullscope scan}) is used when there is one. Signatures are not looked up here,
   * so the checks that need them stay silent.
   */
  private ImageFacts facts(ImageAnalysis analysis, PasswdFiles accounts, ImageSbom sbom) throws IOException {
    Image image = analysis.image();
    AccountDatabase accountDatabase = accounts.database(analysis);
    VulnerabilityFacts vulnerabilities = scans.latest(image.digest().toString()).orElse(null);
    return new ImageFacts(image.references(), image.digest(), image.config(), analysis, accountDatabase,
        sbom, sbom == null ? null : sbom.distro(), vulnerabilities, null);
  }

  /** Closes an image whose analysis is no longer shown; logs a failure instead of raising it. */
  public static void closeQuietly(Image image) {
    try {
      image.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Closing image {} failed", image.digest(), e);
    }
  }
}
