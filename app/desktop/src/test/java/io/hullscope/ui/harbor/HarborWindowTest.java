package io.hullscope.ui.harbor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.Finding;
import io.hullscope.image.Limits;
import io.hullscope.index.FileContentReader;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.source.harbor.HarborStub;
import io.hullscope.ui.AppSettings;
import io.hullscope.ui.ImageAnalyzer;
import io.hullscope.ui.MainWindow;
import io.hullscope.ui.RecentFiles;
import io.hullscope.ui.task.FxTaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window against the Harbor stub, driven headless through Monocle: connect, browse a
 * project to an artifact with paging, and audit a project. {@link HarborArtifactWindowIT} opens
 * an artifact from a real registry behind the stub.
 */
@ExtendWith(ApplicationExtension.class)
class HarborWindowTest {

  private static final long WAIT_SECONDS = 30;
  @TempDir Path folder;

  private final Preferences preferences =
      Preferences.userRoot().node("io/hullscope/test/harbor-window-" + System.nanoTime());
  private HarborStub stub;
  private FxTaskExecutor executor;
  private MainWindow window;

  @Start
  void start(Stage stage) throws IOException {
    stub = new HarborStub();
    HarborScenario.serve(stub, HarborScenario.SCANNED_DIGEST);
    executor = new FxTaskExecutor(2);
    HarborBrowserViewModel harbor = new HarborBrowserViewModel(executor, ConnectionStore.inMemory(), 2,
        Duration.ofMillis(20), Duration.ofSeconds(20));
    window = MainWindow.create(
        stage,
        new AppSettings(folder, "unix://" + folder.resolve("no-such-docker.sock")),
        executor,
        new ImageAnalyzer(LayerIndexCache.NONE, CatalogCache.NONE, Limits.DEFAULT),
        new FileContentReader(Limits.DEFAULT),
        new RecentFiles(preferences),
        harbor);
    stage.show();
    window.viewModel().start();
  }

  @AfterEach
  void stop() throws BackingStoreException {
    if (executor != null) {
      executor.close();
    }
    if (stub != null) {
      stub.close();
    }
    preferences.removeNode();
  }

  @Test
  void connectingShowsIdentityAndVersion(FxRobot robot) throws TimeoutException {
    connect(robot, HarborScenario.SECRET);

    Label identity = robot.lookup("#harborIdentity").queryAs(Label.class);
    assertThat(identity.getText()).isEqualTo("Signed in as user alice, Harbor v2.12.2 at " + stub.url());
    assertThat(robot.lookup(".source-status").queryAllAs(Label.class)).extracting(Label::getText)
        .contains("Signed in as user alice, Harbor v2.12.2");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void rejectedPasswordKeepsDialogOpen(FxRobot robot) throws TimeoutException {
    fillConnectionDialog(robot, "not-the-password");
    robot.clickOn("#harborConnect");

    Label status = robot.lookup("#harborConnectStatus").queryAs(Label.class);
    waitUntil(() -> status.getText().startsWith("Harbor rejected the password of user alice"));
    assertThat(robot.lookup("#harborConnect").queryAs(Button.class).isDisabled()).isFalse();
    assertThat(window.viewModel().sources()).noneMatch(entry -> entry instanceof HarborSourceEntry);
    robot.clickOn("Cancel");
  }

  @Test
  void browsingPagesThroughNestedRepository(FxRobot robot) throws TimeoutException {
    connect(robot, HarborScenario.SECRET);

    browseToArtifacts(robot);
    TableView<ArtifactRow> artifacts = robot.lookup("#harborArtifacts").queryTableView();
    assertThat(artifacts.getItems()).extracting(ArtifactRow::tags).containsExactly("1.0", "0.9");
    assertThat(robot.lookup("#artifactsPage").queryAs(Label.class).getText()).isEqualTo("Page 1 of 2, 3 artifacts");

    robot.clickOn("#artifactsNext");

    waitUntil(() -> artifacts.getItems().size() == 1);
    assertThat(artifacts.getItems().get(0).tags()).isEqualTo("0.1");
    assertThat(robot.lookup("#artifactsPage").queryAs(Label.class).getText()).isEqualTo("Page 2 of 2, 3 artifacts");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void selectedArtifactShowsReport(FxRobot robot) throws TimeoutException {
    connect(robot, HarborScenario.SECRET);
    browseToArtifacts(robot);

    robot.clickOn("1.0");

    TableView<VulnerabilityRow> report = robot.lookup("#harborVulnerabilities").queryTableView();
    waitUntil(() -> report.getItems().size() == 2);
    assertThat(report.getItems().get(0).id()).isEqualTo("CVE-2024-0001");
  }

  @Test
  void auditGroupsFindingsAndExports(FxRobot robot) throws TimeoutException, IOException {
    connect(robot, HarborScenario.SECRET);
    ListView<?> projects = robot.lookup("#harborProjects").queryListView();
    waitUntil(() -> projects.getItems().size() == 2);
    robot.clickOn("#projectsNext");
    waitUntil(() -> robot.lookup("legacy").tryQuery().isPresent());
    robot.clickOn("legacy");
    robot.clickOn("#harborAuditTab");

    robot.clickOn("#harborRunAudit");

    TreeView<?> findings = robot.lookup("#harborFindings").query();
    waitUntil(() -> !findings.getRoot().getChildren().isEmpty());
    List<String> groups = findings.getRoot().getChildren().stream()
        .map(item -> ((TreeItem<?>) item).getChildren().size()).map(String::valueOf).toList();
    assertThat(groups).isNotEmpty();
    robot.clickOn("The project is public");
    Label where = robot.lookup("#harborFindingWhereinHarbor").queryAs(Label.class);
    Finding selected = window.viewModel().harbor().audit().selectedFindingProperty().get();
    assertThat(selected.id()).isEqualTo("HARBOR-PUBLIC-PROJECT");
    assertThat(where.getText()).isEqualTo(selected.location()).isNotBlank();

    Path report = folder.resolve("audit.md");
    robot.interact(() -> window.viewModel().harbor().audit().export(AuditExport.Format.MARKDOWN, report));

    waitUntil(() -> Files.exists(report));
    assertThat(Files.readString(report)).contains("# Harbor audit of project legacy", "`HARBOR-PUBLIC-PROJECT`")
        .doesNotContain(HarborScenario.SECRET);
    assertThat(robot.lookup("#harborAuditSaved").queryAs(Label.class).getText()).isEqualTo("Saved " + report);
  }

  static void connect(FxRobot robot, HarborStub stub, String secret) throws TimeoutException {
    fillConnectionDialog(robot, stub, secret);
    robot.clickOn("#harborConnect");
    Label identity = robot.lookup("#harborIdentity").queryAs(Label.class);
    waitUntil(() -> identity.getText().startsWith("Signed in as"));
  }

  private void connect(FxRobot robot, String secret) throws TimeoutException {
    connect(robot, stub, secret);
  }

  private void fillConnectionDialog(FxRobot robot, String secret) throws TimeoutException {
    fillConnectionDialog(robot, stub, secret);
  }

  static void fillConnectionDialog(FxRobot robot, HarborStub stub, String secret) throws TimeoutException {
    waitUntil(() -> robot.lookup("#addHarborButton").tryQuery().isPresent());
    robot.clickOn("#addHarborButton");
    waitUntil(() -> robot.lookup("#harborUrl").tryQuery().isPresent());
    robot.clickOn("#harborName").write("test");
    robot.clickOn("#harborUrl").write(stub.url().toString());
    robot.clickOn("#harborUser").write(HarborScenario.USER);
    robot.clickOn("#harborSecret").write(secret);
    robot.clickOn("#harborInsecure");
  }

  static void browseToArtifacts(FxRobot robot) throws TimeoutException {
    ListView<?> projects = robot.lookup("#harborProjects").queryListView();
    waitUntil(() -> projects.getItems().size() == 2);
    robot.clickOn("team");
    ListView<?> repositories = robot.lookup("#harborRepositories").queryListView();
    waitUntil(() -> repositories.getItems().size() == 2);
    robot.clickOn("app/api");
    TableView<?> artifacts = robot.lookup("#harborArtifacts").queryTableView();
    waitUntil(() -> artifacts.getItems().size() == 2);
  }

  static void waitUntil(BooleanSupplier condition) throws TimeoutException {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition::getAsBoolean);
    WaitForAsyncUtils.waitForFxEvents();
  }
}
