package io.hullscope.ui.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Limits;
import io.hullscope.index.FileContentReader;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.index.TreeNode;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.store.Database;
import io.hullscope.ui.AppSettings;
import io.hullscope.ui.ImageAnalyzer;
import io.hullscope.ui.MainWindow;
import io.hullscope.ui.RecentFiles;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.task.FxTaskExecutor;
import io.hullscope.store.SqliteScanCache;
import io.hullscope.vuln.OsvMatcher;
import io.hullscope.vuln.ScanResult;
import io.hullscope.vuln.VulnSeverity;
import io.hullscope.vuln.VulnerabilityMatch;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeTableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Vulnerabilities tab in the real window, driven headless through Monocle, with the sample OSV set. */
@ExtendWith(ApplicationExtension.class)
class VulnerabilitiesWindowTest {

  /** How long to wait for background work before a test fails. */
  private static final long WAIT_SECONDS = 30;
  private static final String BAD_SAMPLE = "hullscope-samples/hygiene-bad:latest";

  @TempDir Path folder;

  private final Preferences preferences =
      Preferences.userRoot().node("io/hullscope/test/vulnerabilities-window-" + System.nanoTime());
  private FxTaskExecutor executor;
  private Database database;
  private MainWindow window;

  @Start
  void start(Stage stage) throws IOException {
    executor = new FxTaskExecutor(1);
    database = Database.open(folder.resolve("hullscope.db"));
    String missingSocket = "unix://" + folder.resolve("no-such-docker.sock");
    window = MainWindow.create(
        stage,
        new AppSettings(SampleScans.repository().resolve("samples/images"), missingSocket),
        executor,
        new ImageAnalyzer(LayerIndexCache.NONE, CatalogCache.NONE, Limits.DEFAULT),
        new FileContentReader(Limits.DEFAULT),
        new RecentFiles(preferences));
    VulnerabilitiesViewModel vulnerabilities = window.viewModel().vulnerabilities();
    vulnerabilities.setStore(new SqliteScanStore(database));
    vulnerabilities.setSampleData(SampleScans.osvSamples());
    stage.show();
    window.viewModel().start();
  }

  @AfterEach
  void stop() throws BackingStoreException, IOException {
    executor.close();
    database.close();
    preferences.removeNode();
  }

  @Test
  void sampleImportAndRescanFillTable(FxRobot robot) throws TimeoutException {
    openBadSampleTab(robot);
    Label line = robot.lookup("#vulnStatusLine").queryAs(Label.class);
    waitUntil(() -> line.getText().startsWith("Not scanned yet, and the vulnerability database is empty."));
    assertThat(robot.lookup("#rescanButton").query().isDisabled()).isTrue();

    robot.clickOn("#importSampleButton");
    waitUntil(() -> line.getText().startsWith("Not scanned yet. Press Rescan"));
    assertThat(robot.lookup("#importSampleButton").query().isVisible()).isFalse();
    robot.clickOn("#rescanButton");

    TableView<VulnerabilityMatch> table = robot.lookup("#vulnerabilities").queryTableView();
    waitUntil(() -> table.getItems().size() == 3);
    assertThat(line.getText()).startsWith("Cached at ").contains(" with data of Debian@");
    assertThat(table.getItems()).extracting(VulnerabilityMatch::packageName)
        .containsExactlyInAnyOrder("libssl1.1", "libssl1.1", "zlib1g");
    assertThat(robot.lookup("CVE-2022-37434").tryQuery()).isPresent();
    assertThat(robot.lookup("#severityCount-unknown").queryAs(Label.class).getText()).isEqualTo("Unknown 3");
    // The grade takes the new scan without reopening the image: the fixable advisories become a finding.
    waitUntil(() -> window.viewModel().hardening().reportProperty().get() != null
        && window.viewModel().hardening().reportProperty().get().findings().stream()
            .anyMatch(finding -> finding.id().equals("FIXABLE-VULNERABILITIES")));

    robot.clickOn("#vulnSearch").write("zlib");
    waitUntil(() -> table.getItems().size() == 1);
    assertThat(table.getItems().get(0).id()).isEqualTo("CVE-2022-37434");
    assertThat(robot.lookup("#vulnShownSummary").queryAs(Label.class).getText())
        .isEqualTo("1 of 3 vulnerabilities shown");

    robot.interact(() -> window.viewModel().vulnerabilities().searchProperty().set(""));
    robot.clickOn("#fixableOnly");
    waitUntil(() -> table.getItems().size() == 3);
    robot.interact(() -> window.viewModel().vulnerabilities().minimumSeverityProperty()
        .set(VulnSeverity.HIGH));
    waitUntil(() -> table.getItems().isEmpty());
    assertThat(robot.lookup("No vulnerability matches the filters.").tryQuery()).isPresent();
  }

  @Test
  void findingLeadsToPackageAndEvidence(FxRobot robot) throws TimeoutException {
    openBadSampleTab(robot);
    robot.clickOn("#importSampleButton");
    Label line = robot.lookup("#vulnStatusLine").queryAs(Label.class);
    waitUntil(() -> line.getText().startsWith("Not scanned yet. Press Rescan"));
    robot.clickOn("#rescanButton");
    TableView<VulnerabilityMatch> table = robot.lookup("#vulnerabilities").queryTableView();
    waitUntil(() -> table.getItems().size() == 3);

    robot.clickOn(rowOf(robot, "zlib1g"));

    waitUntil(() -> robot.lookup("#detailsId").tryQuery().isPresent());
    assertThat(robot.lookup("#detailsId").queryAs(Label.class).getText()).isEqualTo("CVE-2022-37434");
    waitUntil(() -> robot.lookup("#detailsDescription").tryQuery().isPresent());
    assertThat(window.viewModel().sbom().selectedPackageProperty().get().pkg().name()).isEqualTo("zlib1g");

    robot.clickOn("#showEvidenceFile");

    TreeTableView<TreeNode> files = robot.lookup("#fileTree").query();
    waitUntil(() -> files.getSelectionModel().getSelectedItem() != null);
    TabPane tabs = robot.lookup("#imageTabs").query();
    assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("layersTab");
    assertThat(files.getSelectionModel().getSelectedItem().getValue().path()).isEqualTo("var/lib/dpkg/status");
  }

  @Test
  void scannersCompareSideBySide(FxRobot robot) throws TimeoutException, IOException {
    String digest = SampleScans.open("hygiene-bad.tar").digest();
    VulnerabilityMatch onlyTrivy = new VulnerabilityMatch("CVE-2023-9999", List.of(), "Made up for this test",
        "zlib1g", "deb", null, "Debian:11", "1:1.2.11.dfsg-2+deb11u1", null, VulnSeverity.MEDIUM, 5.0, List.of(), 0);
    new SqliteScanCache(database).put(new ScanResult(digest, "trivy 0.58.1", "trivy-db@1",
        Instant.parse("2026-01-01T00:00:00Z"), List.of(onlyTrivy), List.of()));
    openBadSampleTab(robot);
    Label line = robot.lookup("#vulnStatusLine").queryAs(Label.class);
    waitUntil(() -> line.getText().endsWith("(scanner trivy 0.58.1)"));
    robot.clickOn("#importSampleButton");
    waitUntil(() -> !robot.lookup("#rescanButton").query().isDisabled());
    robot.clickOn("#rescanButton");
    waitUntil(() -> line.getText().contains("(scanner " + OsvMatcher.SCANNER + ")"));

    robot.clickOn("#vulnScannersTab");
    waitUntil(() -> !robot.lookup("#compareScanners").query().isDisabled());
    robot.clickOn("#compareScanners");

    ListView<String> onlyFirst = robot.lookup("#scannerDiffOnlyFirst").queryListView();
    ListView<String> onlySecond = robot.lookup("#scannerDiffOnlySecond").queryListView();
    ListView<String> both = robot.lookup("#scannerDiffBoth").queryListView();
    waitUntil(() -> !onlyFirst.getItems().isEmpty());
    assertThat(robot.lookup("#scannerDiffTitle").queryAs(Label.class).getText())
        .isEqualTo(OsvMatcher.SCANNER + " compared with trivy 0.58.1");
    assertThat(onlyFirst.getItems()).hasSize(3);
    assertThat(onlySecond.getItems()).singleElement().asString().startsWith("CVE-2023-9999  zlib1g");
    assertThat(both.getItems()).isEmpty();
    assertThat(robot.lookup("Only trivy 0.58.1 (1)").tryQuery()).isPresent();
  }

  private void openBadSampleTab(FxRobot robot) throws TimeoutException {
    waitUntil(() -> window.viewModel().selectedSourceProperty().get() != null);
    TableView<ImageRow> images = robot.lookup("#images").queryTableView();
    waitUntil(() -> images.getItems().size() == 2);
    robot.clickOn(BAD_SAMPLE);
    waitUntil(() -> window.viewModel().analysisProperty().get() != null);
    robot.clickOn("#vulnerabilitiesTab");
    WaitForAsyncUtils.waitForFxEvents();
  }

  @SuppressWarnings("unchecked")
  private static TableRow<VulnerabilityMatch> rowOf(FxRobot robot, String packageName) {
    return robot.lookup(".table-row-cell").match(node -> node instanceof TableRow<?> row
            && row.getItem() instanceof VulnerabilityMatch match && match.packageName().equals(packageName))
        .queryAs(TableRow.class);
  }

  private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition::getAsBoolean);
    WaitForAsyncUtils.waitForFxEvents();
  }
}
