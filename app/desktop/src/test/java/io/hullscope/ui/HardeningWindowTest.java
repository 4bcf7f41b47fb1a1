package io.hullscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.Evidence;
import io.hullscope.check.Finding;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.HygieneGrade;
import io.hullscope.check.Severity;
import io.hullscope.image.Limits;
import io.hullscope.index.FileContentReader;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.index.TreeNode;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.ui.hardening.HardeningNode;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.task.FxTaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeTableView;
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

/** The grade card and the Hardening tab in the real window, driven headless through Monocle. */
@ExtendWith(ApplicationExtension.class)
class HardeningWindowTest {

  /** How long to wait for background work before a test fails. */
  private static final long WAIT_SECONDS = 30;
  private static final String BAD_SAMPLE = "hullscope-samples/hygiene-bad:latest";
  private static final String GOOD_SAMPLE = "hullscope-samples/hygiene-good:1.4.2";

  @TempDir Path folder;

  private final Preferences preferences =
      Preferences.userRoot().node("io/hullscope/test/hardening-window-" + System.nanoTime());
  private FxTaskExecutor executor;
  private MainWindow window;

  @Start
  void start(Stage stage) {
    executor = new FxTaskExecutor(1);
    String missingSocket = "unix://" + folder.resolve("no-such-docker.sock");
    window = MainWindow.create(
        stage,
        new AppSettings(MainViewModelSbomTest.samplesFolder(), missingSocket),
        executor,
        new ImageAnalyzer(LayerIndexCache.NONE, CatalogCache.NONE, Limits.DEFAULT),
        new FileContentReader(Limits.DEFAULT),
        new RecentFiles(preferences));
    stage.show();
    window.viewModel().start();
  }

  @AfterEach
  void stop() throws BackingStoreException {
    executor.close();
    preferences.removeNode();
  }

  @Test
  void overviewGradesBadSampleWorse(FxRobot robot) throws TimeoutException {
    open(robot, GOOD_SAMPLE);
    Label letter = robot.lookup("#gradeLetter").queryAs(Label.class);
    String good = letter.getText();
    open(robot, BAD_SAMPLE);
    String bad = letter.getText();

    assertThat(good).matches("[A-F]");
    assertThat(bad).matches("[A-F]");
    assertThat(bad).isGreaterThan(good);
    assertThat(robot.lookup("#gradeBadge").query().getStyleClass()).contains("grade-" + bad.toLowerCase());
    assertThat(robot.lookup("#gradeScore").queryAs(Label.class).getText())
        .isEqualTo(window.viewModel().overview().gradeProperty().get().score() + " / 100");
    assertThat(robot.lookup("#gradeCard").query().isVisible()).isTrue();
    assertThat(robot.lookup("#userVerdict").queryAs(Label.class).getText()).startsWith("Runs as UID 0 (root): ");
  }

  @Test
  void whyListsRootUserCost(FxRobot robot) throws TimeoutException {
    open(robot, BAD_SAMPLE);

    robot.clickOn("#gradeWhy .title");

    assertThat(robot.lookup("#gradeDeductions .deduction-title").queryAllAs(Label.class))
        .extracting(Label::getText).contains("The container runs as root because User is unset");
    assertThat(robot.lookup("#gradeDeductions").query().isVisible()).isTrue();
  }

  @Test
  void hardeningTabListsRootUserUnderHigh(FxRobot robot) throws TimeoutException {
    open(robot, BAD_SAMPLE);

    robot.clickOn("#hardeningTab");

    TreeView<HardeningNode> tree = robot.lookup("#hardeningTree").query();
    TreeItem<HardeningNode> high = group(tree, Severity.HIGH);
    assertThat(high.isExpanded()).isTrue();
    assertThat(high.getChildren()).extracting(item -> ((HardeningNode.Item) item.getValue()).finding().id())
        .contains("ROOT-USER");
    assertThat(robot.lookup(high.getValue().label()).tryQuery()).isPresent();
    assertThat(robot.lookup("The container runs as root because User is unset").tryQuery()).isPresent();
    assertThat(robot.lookup(".finding-line").queryAllAs(Label.class)).extracting(Label::getText)
        .contains("ROOT-USER  ·  High confidence  ·  15 points");
  }

  @Test
  void selectingFindingShowsDetails(FxRobot robot) throws TimeoutException {
    open(robot, BAD_SAMPLE);
    robot.clickOn("#hardeningTab");

    robot.clickOn(row(robot, "The container runs as root because User is unset"));

    assertThat(robot.lookup("#findingTitle").queryAs(Label.class).getText())
        .isEqualTo("The container runs as root because User is unset");
    assertThat(robot.lookup("#findingSeverity").queryAs(Label.class).getText()).isEqualTo("High");
    assertThat(robot.lookup("#findingConfidence").queryAs(Label.class).getText()).isEqualTo("High confidence");
    assertThat(robot.lookup("#findingPoints").queryAs(Label.class).getText()).isEqualTo("costs 15 points");
    assertThat(robot.lookup("#findingEvidence").queryAs(Label.class).getText())
        .startsWith("Config User = (unset)");
    assertThat(robot.lookup("#findingSuggestion").queryAs(Label.class).getText()).contains("USER 10001:10001");
  }

  @Test
  void fileEvidenceLinkSelectsFileInLayersTab(FxRobot robot) throws TimeoutException {
    open(robot, BAD_SAMPLE);
    Finding setuid = new Finding("SETUID-FILE", "sudo runs as root for every user", Severity.MEDIUM, "", "", "", "",
        List.of(Evidence.file(2, "usr/bin/sudo", "-rwsr-xr-x root:root")), null);
    robot.interact(() -> window.viewModel().hardening().show(withFindings(setuid), null));
    robot.clickOn("#hardeningTab");
    robot.clickOn(row(robot, "sudo runs as root for every user"));

    robot.clickOn(".evidence-link");

    TreeTableView<TreeNode> files = robot.lookup("#fileTree").query();
    waitUntil(() -> files.getSelectionModel().getSelectedItem() != null);
    TabPane tabs = robot.lookup("#imageTabs").query();
    assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("layersTab");
    assertThat(files.getSelectionModel().getSelectedItem().getValue().path()).isEqualTo("usr/bin/sudo");
    assertThat(window.viewModel().layers().selectedLayerProperty().get()).isEqualTo(2);
  }

  @Test
  void historyEvidenceLinkHighlightsOverviewStep(FxRobot robot) throws TimeoutException {
    open(robot, BAD_SAMPLE);
    Finding curl = new Finding("CURL-PIPE-SHELL", "A script from the network runs in the build", Severity.MEDIUM,
        "", "", "", "", List.of(Evidence.history(3, 2, "curl -fsSL https://get.example.com/install.sh | sh")), null);
    robot.interact(() -> window.viewModel().hardening().show(withFindings(curl), null));
    robot.clickOn("#hardeningTab");
    robot.clickOn(row(robot, "A script from the network runs in the build"));

    robot.clickOn(robot.lookup(".evidence-link").queryAs(Hyperlink.class));
    WaitForAsyncUtils.waitForFxEvents();

    TabPane tabs = robot.lookup("#imageTabs").query();
    assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("overviewTab");
    Label step = robot.lookup("#history-4").queryAs(Label.class);
    assertThat(step.getStyleClass()).contains("history-highlight");
    assertThat(step.getText()).isEqualTo("/bin/sh -c curl -fsSL https://get.example.com/install.sh | sh");
    assertThat(robot.lookup(".history-highlight").queryAll()).hasSize(1);
    Node overview = robot.lookup("#overview").query();
    Bounds visible = overview.localToScene(overview.getLayoutBounds());
    Bounds line = step.localToScene(step.getLayoutBounds());
    assertThat(line.getMinY()).isBetween(visible.getMinY(), visible.getMaxY());
  }

  @Test
  void filterNarrowsTree(FxRobot robot) throws TimeoutException {
    open(robot, BAD_SAMPLE);
    // The title has a word no real finding uses, so the test does not depend on which checks exist.
    Finding marked = new Finding("TEST-MARKED", "A zebra crossing is missing", Severity.LOW, "", "", "", "");
    HardeningReport report = withFindings(marked);
    long lowFindings = report.findings().stream().filter(found -> found.severity() == Severity.LOW).count();
    robot.interact(() -> window.viewModel().hardening().show(report, null));
    robot.clickOn("#hardeningTab");
    TreeView<HardeningNode> tree = robot.lookup("#hardeningTree").query();
    int groupsBefore = tree.getRoot().getChildren().size();

    robot.clickOn("#hardeningFilter").write("ZEBRA");

    waitUntil(() -> tree.getRoot().getChildren().size() == 1);
    TreeItem<HardeningNode> low = tree.getRoot().getChildren().get(0);
    assertThat(groupsBefore).isGreaterThan(1);
    assertThat(low.getValue().label()).isEqualTo(lowFindings == 1 ? "Low (1)" : "Low (1 of " + lowFindings + ")");
    assertThat(low.getChildren()).singleElement().satisfies(item -> assertThat(item.getValue().label())
        .isEqualTo("A zebra crossing is missing"));
    assertThat(robot.lookup("#hardeningSummary").queryAs(Label.class).getText()).startsWith("1 of ");
  }

  @Test
  void minimumSeverityHidesLowGroup(FxRobot robot) throws TimeoutException {
    open(robot, BAD_SAMPLE);
    Finding marked = new Finding("TEST-MARKED", "A zebra crossing is missing", Severity.LOW, "", "", "", "");
    robot.interact(() -> window.viewModel().hardening().show(withFindings(marked), null));
    robot.clickOn("#hardeningTab");

    robot.clickOn("#minimumSeverity");
    robot.clickOn("High and worse");

    TreeView<HardeningNode> tree = robot.lookup("#hardeningTree").query();
    waitUntil(() -> tree.getRoot().getChildren().stream()
        .noneMatch(item -> ((HardeningNode.Group) item.getValue()).severity() == Severity.LOW));
    assertThat(tree.getRoot().getChildren()).extracting(item -> ((HardeningNode.Group) item.getValue()).severity())
        .allMatch(severity -> severity.compareTo(Severity.HIGH) <= 0);
  }

  @Test
  void exportDialogWritesChosenFormat(FxRobot robot) throws TimeoutException, IOException {
    open(robot, BAD_SAMPLE);
    robot.clickOn("#hardeningTab");
    robot.clickOn("#hardeningExport");
    TextField file = robot.lookup("#exportFile").queryAs(TextField.class);
    assertThat(file.getText()).endsWith("hygiene-bad-hardening.md");

    robot.clickOn("#exportFormat-SARIF");

    assertThat(file.getText()).endsWith("hygiene-bad-hardening.sarif");
    Path target = folder.resolve("bad.sarif");
    robot.interact(() -> file.setText(target.toString()));
    robot.clickOn("#exportSave");
    waitUntil(() -> Files.exists(target));
    Label message = robot.lookup("#hardeningExportMessage").queryAs(Label.class);
    waitUntil(() -> !message.getText().isEmpty());
    assertThat(Files.readString(target)).contains("sarif-2.1.0").contains("\"ruleId\" : \"ROOT-USER\"");
    assertThat(message.getText()).startsWith("Saved ").endsWith(" as SARIF 2.1.0 to " + target);
  }

  /** Returns the open report with more findings, for evidence kinds no check of the samples reports yet. */
  private HardeningReport withFindings(Finding... extra) {
    HardeningReport report = window.viewModel().hardening().reportProperty().get();
    List<Finding> findings = new ArrayList<>(report.findings());
    findings.addAll(List.of(extra));
    return new HardeningReport(report.imageName(), report.digest(), report.createdAt(), report.tool(), report.user(),
        findings, HygieneGrade.of(findings), report.checks());
  }

  private static TreeItem<HardeningNode> group(TreeView<HardeningNode> tree, Severity severity) {
    return tree.getRoot().getChildren().stream()
        .filter(item -> ((HardeningNode.Group) item.getValue()).severity() == severity)
        .findFirst()
        .orElseThrow();
  }

  /**
   * Scrolls the findings tree to the finding with a title and returns its row. The tree creates
   * rows only for the visible part, and the bad sample has more findings than fit.
   */
  @SuppressWarnings("unchecked")
  private static TreeCell<HardeningNode> row(FxRobot robot, String title) {
    TreeView<HardeningNode> tree = robot.lookup("#hardeningTree").query();
    TreeItem<HardeningNode> item = tree.getRoot().getChildren().stream()
        .flatMap(group -> group.getChildren().stream())
        .filter(child -> child.getValue().label().equals(title))
        .findFirst()
        .orElseThrow();
    robot.interact(() -> tree.scrollTo(tree.getRow(item)));
    return robot.lookup("#hardeningTree .tree-cell")
        .match(node -> {
          TreeCell<HardeningNode> row = (TreeCell<HardeningNode>) node;
          return row.isVisible() && row.getItem() != null && row.getItem().label().equals(title);
        })
        .query();
  }

  @Test
  void suggestionsShowNonRootDockerfile(FxRobot robot) throws TimeoutException {
    open(robot, BAD_SAMPLE);

    robot.clickOn("#hardeningTab");
    robot.clickOn("Suggestions");
    TextArea dockerfile = robot.lookup("#suggestionText-dockerfile").queryAs(TextArea.class);
    waitUntil(() -> !dockerfile.getText().isEmpty());

    assertThat(dockerfile.getText()).contains("USER 10001");
    assertThat(dockerfile.isEditable()).isFalse();
    assertThat(robot.lookup("#suggestionsStatus").query().isVisible()).isFalse();
  }

  private void open(FxRobot robot, String reference) throws TimeoutException {
    waitUntil(() -> window.viewModel().selectedSourceProperty().get() != null);
    TableView<ImageRow> images = robot.lookup("#images").queryTableView();
    waitUntil(() -> images.getItems().size() == 2);
    robot.clickOn(reference);
    waitUntil(() -> window.viewModel().hardening().reportProperty().get() != null
        && reference.equals(window.viewModel().hardening().reportProperty().get().imageName()));
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition::getAsBoolean);
    WaitForAsyncUtils.waitForFxEvents();
  }
}
