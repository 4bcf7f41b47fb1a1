package io.hullscope.ui.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.ProgressListener;
import io.hullscope.sbom.ImagePackage;
import io.hullscope.store.Database;
import io.hullscope.store.SqliteScanCache;
import io.hullscope.store.SqliteVulnerabilityDatabase;
import io.hullscope.ui.ErrorViewModel;
import io.hullscope.ui.task.QueuedTaskExecutor;
import io.hullscope.ui.task.SameThreadTaskExecutor;
import io.hullscope.vuln.OsvImporter;
import io.hullscope.vuln.OsvMatcher;
import io.hullscope.vuln.ScanResult;
import io.hullscope.vuln.VulnSeverity;
import io.hullscope.vuln.VulnerabilityMatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Vulnerabilities tab's model over a real SQLite database, with tasks run on the test thread. */
class VulnerabilitiesViewModelTest {

  private static SampleScans.Opened hygieneBad;

  @TempDir Path folder;

  private final SameThreadTaskExecutor executor = new SameThreadTaskExecutor();
  private final ErrorViewModel error = new ErrorViewModel();
  private final List<String> navigation = new ArrayList<>();
  private Database database;
  private SqliteScanCache cache;
  private VulnerabilitiesViewModel viewModel;

  @BeforeAll
  static void openSample() {
    hygieneBad = SampleScans.open("hygiene-bad.tar");
  }

  @BeforeEach
  void create() throws IOException {
    database = Database.open(folder.resolve("hullscope.db"));
    cache = new SqliteScanCache(database);
    viewModel = new VulnerabilitiesViewModel(executor, error);
    viewModel.setStore(new SqliteScanStore(database));
    viewModel.setNavigator(new VulnerabilitiesViewModel.Navigator() {
      @Override
      public void selectPackage(ImagePackage found) {
        navigation.add("select " + found.pkg().name());
      }

      @Override
      public void showPackage(ImagePackage found) {
        navigation.add("show " + found.pkg().name());
      }

      @Override
      public void revealEvidence(ImagePackage found) {
        navigation.add("evidence " + found.pkg().evidencePath());
      }
    });
  }

  @AfterEach
  void close() throws IOException {
    database.close();
  }

  @Test
  void emptyDatabaseOffersImport() {
    viewModel.setSampleData(SampleScans.osvSamples());

    viewModel.show(hygieneBad.digest(), "hygiene-bad", hygieneBad.sbom());

    assertThat(viewModel.stateProperty().get()).isEqualTo(TabState.DATABASE_EMPTY);
    assertThat(viewModel.statusLineProperty().get())
        .startsWith("Not scanned yet, and the vulnerability database is empty.")
        .contains("or the sample data");
    assertThat(viewModel.sampleDataAvailableProperty().get()).isTrue();
    assertThat(viewModel.canRescanProperty().get()).isFalse();
    assertThat(viewModel.shown()).isEmpty();
  }

  @Test
  void missingSampleFolderHidesSampleImport() {
    viewModel.setSampleData(folder.resolve("no-such-folder"));

    viewModel.show(hygieneBad.digest(), "hygiene-bad", hygieneBad.sbom());

    assertThat(viewModel.sampleDataAvailableProperty().get()).isFalse();
    assertThat(viewModel.statusLineProperty().get()).doesNotContain("sample data");
  }

  @Test
  void sampleImportThenRescanShowsCachedResult() {
    viewModel.setSampleData(SampleScans.osvSamples());
    viewModel.show(hygieneBad.digest(), "hygiene-bad", hygieneBad.sbom());

    viewModel.importSampleData();

    assertThat(viewModel.messageProperty().get()).isEqualTo("Imported 6 Debian, 1 Maven and 1 npm advisories.");
    assertThat(viewModel.stateProperty().get()).isEqualTo(TabState.NOT_SCANNED);
    assertThat(viewModel.statusLineProperty().get()).startsWith("Not scanned yet. Press Rescan");
    assertThat(viewModel.canRescanProperty().get()).isTrue();

    viewModel.rescan();

    assertThat(error.visibleProperty().get()).isFalse();
    assertThat(viewModel.stateProperty().get()).isEqualTo(TabState.SCANNED);
    assertThat(viewModel.statusLineProperty().get()).startsWith("Cached at ").contains("with data of Debian@")
        .contains("(scanner " + OsvMatcher.SCANNER + ")").doesNotContain("Newer OSV data");
    assertThat(viewModel.shown()).extracting(VulnerabilityMatch::id)
        .containsExactlyInAnyOrder("CVE-2022-4304", "CVE-2023-0464", "CVE-2022-37434");
    assertThat(viewModel.messageProperty().get()).isEqualTo("Found 3 vulnerabilities.");
    assertThat(viewModel.history()).hasSize(1);
    assertThat(executor.titles()).contains("Scanning hygiene-bad for vulnerabilities");
  }

  @Test
  void reopeningShowsStoredScanWithoutRescan() throws IOException {
    importSamples();
    viewModel.show(hygieneBad.digest(), "hygiene-bad", hygieneBad.sbom());
    viewModel.rescan();
    viewModel.show(null, null, null);
    int tasks = executor.titles().size();

    viewModel.show(hygieneBad.digest(), "hygiene-bad", hygieneBad.sbom());

    assertThat(viewModel.stateProperty().get()).isEqualTo(TabState.SCANNED);
    assertThat(viewModel.shown()).hasSize(3);
    assertThat(executor.titles().subList(tasks, executor.titles().size()))
        .containsExactly("Reading the stored vulnerability scans");
  }

  @Test
  void newerImportedDataSuggestsRescan() throws IOException {
    cache.put(new ScanResult(hygieneBad.digest(), OsvMatcher.SCANNER, "Debian@2020-01-01T00:00:00Z",
        java.time.Instant.parse("2020-01-02T00:00:00Z"), List.of(), List.of()));
    importSamples();

    viewModel.show(hygieneBad.digest(), "hygiene-bad", hygieneBad.sbom());

    assertThat(viewModel.statusLineProperty().get())
        .isEqualTo("Cached at 2020-01-02 00:00 UTC with data of Debian@2020-01-01T00:00:00Z (scanner "
            + OsvMatcher.SCANNER + "). Newer OSV data is imported; press Rescan to use it.");
    assertThat(viewModel.canRescanProperty().get()).isTrue();
  }

  @Test
  void imageWithoutSbomCannotBeScanned() throws IOException {
    importSamples();

    viewModel.show(SampleScans.DIGEST, "broken", null);

    assertThat(viewModel.stateProperty().get()).isEqualTo(TabState.NO_SBOM);
    assertThat(viewModel.canRescanProperty().get()).isFalse();
  }

  @Test
  void unreadableDatabaseSaysSo() {
    viewModel.setStore(ScanStore.unavailable("the database file is locked"));

    viewModel.show(SampleScans.DIGEST, "app", hygieneBad.sbom());

    assertThat(viewModel.stateProperty().get()).isEqualTo(TabState.UNAVAILABLE);
    assertThat(viewModel.statusLineProperty().get()).isEqualTo(
        "The vulnerability database could not be read: the database file is locked. Open the image again to retry.");
    assertThat(viewModel.canRescanProperty().get()).isFalse();
  }

  @Test
  void filtersCombine() throws IOException {
    cache.put(SampleScans.scan(OsvMatcher.SCANNER, "Debian@x", "2026-01-01T00:00:00Z",
        SampleScans.match("CVE-1", "openssl", VulnSeverity.CRITICAL, "2.0", 0, "Debian:11"),
        SampleScans.match("CVE-2", "zlib", VulnSeverity.HIGH, null, 0, "Debian:11"),
        SampleScans.match("CVE-3", "lodash", VulnSeverity.MEDIUM, "4.17.21", 2, "npm"),
        SampleScans.match("CVE-4", "curl", VulnSeverity.LOW, "8.0", 1, "Debian:11"),
        SampleScans.match("CVE-5", "tar", VulnSeverity.UNKNOWN, null, 1, "Debian:11")));
    viewModel.show(SampleScans.DIGEST, "app", hygieneBad.sbom());
    assertThat(viewModel.shown()).hasSize(5);
    assertThat(viewModel.layers()).containsExactly(0, 1, 2);
    assertThat(viewModel.ecosystems()).containsExactly("Debian:11", "npm");

    viewModel.minimumSeverityProperty().set(VulnSeverity.HIGH);
    assertThat(ids()).containsExactly("CVE-1", "CVE-2");
    assertThat(viewModel.shownSummaryProperty().get()).isEqualTo("2 of 5 vulnerabilities shown");

    viewModel.minimumSeverityProperty().set(VulnSeverity.LOW);
    assertThat(ids()).as("unknown severity is below any minimum").doesNotContain("CVE-5");

    viewModel.minimumSeverityProperty().set(null);
    viewModel.fixableOnlyProperty().set(true);
    assertThat(ids()).containsExactly("CVE-1", "CVE-3", "CVE-4");

    viewModel.layerProperty().set(1);
    assertThat(ids()).containsExactly("CVE-4");

    viewModel.layerProperty().set(null);
    viewModel.ecosystemProperty().set("npm");
    assertThat(ids()).containsExactly("CVE-3");

    viewModel.ecosystemProperty().set(null);
    viewModel.fixableOnlyProperty().set(false);
    viewModel.searchProperty().set("alias-cve-2");
    assertThat(ids()).as("search matches aliases, ignoring case").containsExactly("CVE-2");
    viewModel.searchProperty().set("4.17");
    assertThat(ids()).as("search matches the fixed version").containsExactly("CVE-3");
    viewModel.searchProperty().set("  ");
    assertThat(ids()).hasSize(5);
  }

  @Test
  void countsCoverWholeScan() throws IOException {
    cache.put(SampleScans.scan(OsvMatcher.SCANNER, "Debian@x", "2026-01-01T00:00:00Z",
        SampleScans.match("CVE-1", "openssl", VulnSeverity.CRITICAL, "2.0", 0, "Debian:11"),
        SampleScans.match("CVE-2", "openssl", VulnSeverity.CRITICAL, null, 0, "Debian:11"),
        SampleScans.match("CVE-3", "zlib", VulnSeverity.LOW, null, 0, "Debian:11")));
    viewModel.show(SampleScans.DIGEST, "app", hygieneBad.sbom());

    viewModel.fixableOnlyProperty().set(true);

    assertThat(viewModel.counts()).containsExactly(
        new SeverityCount(VulnSeverity.CRITICAL, 2),
        new SeverityCount(VulnSeverity.HIGH, 0),
        new SeverityCount(VulnSeverity.MEDIUM, 0),
        new SeverityCount(VulnSeverity.LOW, 1),
        new SeverityCount(VulnSeverity.NONE, 0),
        new SeverityCount(VulnSeverity.UNKNOWN, 0));
  }

  @Test
  void filterChoiceMissingFromNextScanIsReset() throws IOException {
    cache.put(SampleScans.scan(OsvMatcher.SCANNER, "Debian@x", "2026-01-01T00:00:00Z",
        SampleScans.match("CVE-3", "lodash", VulnSeverity.MEDIUM, "4.17.21", 2, "npm")));
    viewModel.show(SampleScans.DIGEST, "app", hygieneBad.sbom());
    viewModel.layerProperty().set(2);
    viewModel.ecosystemProperty().set("npm");

    viewModel.show(hygieneBad.digest(), "hygiene-bad", hygieneBad.sbom());

    assertThat(viewModel.layerProperty().get()).isNull();
    assertThat(viewModel.ecosystemProperty().get()).isNull();
  }

  @Test
  void historyDiffListsNewFixedAndStillOpen() throws IOException {
    cache.put(SampleScans.scan(OsvMatcher.SCANNER, "Debian@1", "2026-01-01T00:00:00Z",
        SampleScans.match("CVE-1", "openssl", VulnSeverity.HIGH, "2.0", 0, "Debian:11"),
        SampleScans.match("CVE-2", "zlib", VulnSeverity.LOW, null, 0, "Debian:11")));
    cache.put(SampleScans.scan(OsvMatcher.SCANNER, "Debian@2", "2026-02-01T00:00:00Z",
        SampleScans.match("CVE-2", "zlib", VulnSeverity.LOW, null, 0, "Debian:11"),
        SampleScans.match("CVE-9", "curl", VulnSeverity.CRITICAL, "8.0", 1, "Debian:11")));
    viewModel.show(SampleScans.DIGEST, "app", hygieneBad.sbom());
    assertThat(viewModel.history()).hasSize(2);
    assertThat(viewModel.scanProperty().get().dataVersion()).as("the newest scan is shown").isEqualTo("Debian@2");

    // Given newest first, the comparison still runs from the older scan to the newer one.
    viewModel.compareHistory(viewModel.history().get(1), viewModel.history().get(0));

    ScanComparison comparison = viewModel.historyComparisonProperty().get();
    assertThat(comparison.onlySecond()).extracting(VulnerabilityMatch::id).containsExactly("CVE-9");
    assertThat(comparison.onlyFirst()).extracting(VulnerabilityMatch::id).containsExactly("CVE-1");
    assertThat(comparison.both()).extracting(VulnerabilityMatch::id).containsExactly("CVE-2");
    assertThat(comparison.onlySecondLabel()).isEqualTo("New (1)");
    assertThat(comparison.onlyFirstLabel()).isEqualTo("Fixed (1)");
    assertThat(comparison.bothLabel()).isEqualTo("Still open (1)");
    assertThat(comparison.title()).isEqualTo("From the scan of 2026-01-01 00:00 UTC to the scan of 2026-02-01 00:00 UTC");
  }

  @Test
  void scannerComparisonLabelsScanners() throws IOException {
    cache.put(SampleScans.scan(OsvMatcher.SCANNER, "Debian@1", "2026-01-01T00:00:00Z",
        SampleScans.match("CVE-1", "openssl", VulnSeverity.HIGH, "2.0", 0, "Debian:11"),
        SampleScans.match("CVE-2", "zlib", VulnSeverity.LOW, null, 0, "Debian:11")));
    cache.put(SampleScans.scan("trivy 0.58.1", "trivy-db@2026-01-03", "2026-01-03T00:00:00Z",
        SampleScans.match("CVE-2", "zlib", VulnSeverity.LOW, null, 0, "Debian:11"),
        SampleScans.match("CVE-7", "zlib", VulnSeverity.MEDIUM, null, 0, "Debian:11")));
    viewModel.show(SampleScans.DIGEST, "app", hygieneBad.sbom());
    assertThat(viewModel.scanners()).containsExactly(OsvMatcher.SCANNER, "trivy 0.58.1");
    assertThat(viewModel.scanProperty().get().scanner())
        .as("the built-in scan is shown even when another scanner ran later").isEqualTo(OsvMatcher.SCANNER);

    viewModel.compareScanners(OsvMatcher.SCANNER, "trivy 0.58.1");

    ScanComparison comparison = viewModel.scannerComparisonProperty().get();
    assertThat(comparison.onlyFirstLabel()).isEqualTo("Only " + OsvMatcher.SCANNER + " (1)");
    assertThat(comparison.onlyFirst()).extracting(VulnerabilityMatch::id).containsExactly("CVE-1");
    assertThat(comparison.onlySecondLabel()).isEqualTo("Only trivy 0.58.1 (1)");
    assertThat(comparison.onlySecond()).extracting(VulnerabilityMatch::id).containsExactly("CVE-7");
    assertThat(comparison.bothLabel()).isEqualTo("Found by both (1)");
    assertThat(comparison.both()).extracting(VulnerabilityMatch::id).containsExactly("CVE-2");
  }

  @Test
  void otherScannerShownWhenBuiltinNeverRan() throws IOException {
    viewModel.setSampleData(SampleScans.osvSamples());
    cache.put(SampleScans.scan("grype 0.86.1", "grype-db@5", "2026-01-03T00:00:00Z",
        SampleScans.match("CVE-7", "zlib", VulnSeverity.MEDIUM, null, 0, "Debian:11")));

    viewModel.show(SampleScans.DIGEST, "app", hygieneBad.sbom());

    assertThat(viewModel.scanProperty().get().scanner()).isEqualTo("grype 0.86.1");
    assertThat(viewModel.statusLineProperty().get()).endsWith("(scanner grype 0.86.1)");
    assertThat(viewModel.databaseEmptyProperty().get()).as("import stays on offer").isTrue();
    assertThat(viewModel.canRescanProperty().get()).isFalse();

    viewModel.importSampleData();

    assertThat(viewModel.stateProperty().get()).isEqualTo(TabState.SCANNED);
    assertThat(viewModel.canRescanProperty().get()).as("the import makes a rescan possible").isTrue();
  }

  @Test
  void selectingFindingShowsAdvisoryAndPackage() throws IOException {
    importSamples();
    viewModel.show(hygieneBad.digest(), "hygiene-bad", hygieneBad.sbom());
    viewModel.rescan();
    VulnerabilityMatch zlib = viewModel.shown().stream().filter(match -> match.id().equals("CVE-2022-37434"))
        .findFirst().orElseThrow();

    viewModel.selectedProperty().set(zlib);

    VulnerabilityDetails details = viewModel.detailsProperty().get();
    assertThat(details.note()).isNull();
    assertThat(details.description()).as("both merged advisories are described, each under its id")
        .contains("DSA-5218-1").contains("DEBIAN-CVE-2022-37434");
    assertThat(details.references()).isNotEmpty();
    assertThat(details.affected()).anyMatch(line -> line.startsWith("DSA-5218-1: zlib ")
        && line.contains("fixed 1:1.2.11.dfsg-2+deb11u2"));
    assertThat(viewModel.selectedPackageProperty().get().pkg().name()).isEqualTo("zlib1g");
    assertThat(navigation).containsExactly("select zlib1g");

    viewModel.showPackage();
    viewModel.revealEvidence();

    assertThat(navigation).containsExactly("select zlib1g", "show zlib1g", "evidence var/lib/dpkg/status");
  }

  @Test
  void findingOfUnknownAdvisoryKeepsScanSummary() throws IOException {
    cache.put(SampleScans.scan("trivy 0.58.1", "trivy-db@1", "2026-01-03T00:00:00Z",
        SampleScans.match("CVE-7", "zlib", VulnSeverity.MEDIUM, null, 0, "Debian:11")));
    viewModel.show(SampleScans.DIGEST, "app", hygieneBad.sbom());

    viewModel.selectedProperty().set(viewModel.shown().get(0));

    VulnerabilityDetails details = viewModel.detailsProperty().get();
    assertThat(details.description()).isEqualTo("Summary of CVE-7");
    assertThat(details.note()).startsWith("No advisory with these ids is in the imported OSV data");
    assertThat(viewModel.selectedPackageProperty().get()).as("no package of the SBOM has this purl").isNull();
  }

  @Test
  void corruptZipLeavesDataIntact() throws IOException {
    importSamples();
    Path corrupt = folder.resolve("Debian.zip");
    Files.write(corrupt, "PK\u0003\u0004 this is not a zip".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    viewModel.show(hygieneBad.digest(), "hygiene-bad", hygieneBad.sbom());

    viewModel.importZip(corrupt);

    assertThat(error.visibleProperty().get()).isTrue();
    assertThat(error.messageProperty().get()).contains("Importing OSV data from Debian.zip failed");
    assertThat(viewModel.busyProperty().get()).isFalse();
    assertThat(new SqliteVulnerabilityDatabase(database).dataVersions()).singleElement()
        .satisfies(version -> assertThat(version.records()).isEqualTo(6));
  }

  @Test
  void zipSourceFollowsBucketLayout() {
    assertThat(VulnerabilitiesViewModel.sourceOf(Path.of("/data/osv/Debian/all.zip"))).isEqualTo("Debian");
    assertThat(VulnerabilitiesViewModel.sourceOf(Path.of("/data/npm.zip"))).isEqualTo("npm");
  }

  @Test
  void closingImageClearsTab() throws IOException {
    importSamples();
    viewModel.show(hygieneBad.digest(), "hygiene-bad", hygieneBad.sbom());
    viewModel.rescan();

    viewModel.show(null, null, null);

    assertThat(viewModel.stateProperty().get()).isEqualTo(TabState.NO_IMAGE);
    assertThat(viewModel.shown()).isEmpty();
    assertThat(viewModel.history()).isEmpty();
    assertThat(viewModel.counts()).isEmpty();
    assertThat(viewModel.canRescanProperty().get()).isFalse();
  }

  @Test
  void lateResultOfClosedImageIsDropped() throws IOException {
    cache.put(SampleScans.scan(OsvMatcher.SCANNER, "Debian@1", "2026-01-01T00:00:00Z",
        SampleScans.match("CVE-1", "openssl", VulnSeverity.HIGH, "2.0", 0, "Debian:11")));
    QueuedTaskExecutor queued = new QueuedTaskExecutor();
    VulnerabilitiesViewModel slow = new VulnerabilitiesViewModel(queued, error);
    slow.setStore(new SqliteScanStore(database));
    slow.show(SampleScans.DIGEST, "app", hygieneBad.sbom());
    slow.show(hygieneBad.digest(), "hygiene-bad", hygieneBad.sbom());

    queued.runNewestFirst();

    assertThat(slow.stateProperty().get()).as("hygiene-bad has no scan and the database is empty")
        .isEqualTo(TabState.DATABASE_EMPTY);
    assertThat(slow.shown()).isEmpty();
    assertThat(slow.history()).isEmpty();
  }

  private void importSamples() throws IOException {
    new OsvImporter(new SqliteVulnerabilityDatabase(database))
        .importZip(SampleScans.osvSamples().resolve("Debian/all.zip"), "Debian", ProgressListener.NONE);
  }

  private List<String> ids() {
    return viewModel.shown().stream().map(VulnerabilityMatch::id).toList();
  }
}
