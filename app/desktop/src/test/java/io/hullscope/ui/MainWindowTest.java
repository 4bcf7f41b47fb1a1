package io.hullscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Limits;
import io.hullscope.index.FileContentReader;
import io.hullscope.index.FileTree;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.index.TreeNode;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.sbom.CatalogWarning;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.ImagePackage;
import io.hullscope.ui.layers.LayersViewModel;
import io.hullscope.ui.layers.TreeMode;
import io.hullscope.ui.sbom.SbomNode;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.task.FxTaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, driven headless through Monocle: the flows a user takes first. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

  /** How long to wait for background work before a test fails; the work itself takes milliseconds. */
  private static final long WAIT_SECONDS = 30;

  @TempDir Path samples;

  private final Preferences preferences =
      Preferences.userRoot().node("io/hullscope/test/window-" + System.nanoTime());
  private FxTaskExecutor executor;
  private MainWindow window;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    TestImages.writeArchive(samples);
    executor = new FxTaskExecutor(1);
    String missingSocket = "unix://" + samples.resolve("no-such-docker.sock");
    window = MainWindow.create(
        stage,
        new AppSettings(samples, missingSocket),
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
  void unreachableDaemonShowsMessage(FxRobot robot) throws TimeoutException {
    waitUntil(() -> robot.lookup(".source-status").queryAllAs(Label.class).stream()
        .anyMatch(label -> label.getText().startsWith("Not reachable: ")));

    String status = robot.lookup(".source-status").queryAllAs(Label.class).stream()
        .map(Label::getText)
        .filter(text -> text.startsWith("Not reachable: "))
        .findFirst()
        .orElseThrow();
    assertThat(status.length()).isGreaterThan("Not reachable: ".length());
  }

  @Test
  void samplesAreListed(FxRobot robot) throws TimeoutException {
    waitForSourceChecks();
    robot.clickOn("Samples");

    TableView<ImageRow> images = robot.lookup("#images").queryTableView();
    waitUntil(() -> images.getItems().size() == 1);
    assertThat(images.getItems().get(0).reference()).isEqualTo(TestImages.REFERENCE);
  }

  @Test
  void openingSampleListsLayers(FxRobot robot) throws TimeoutException {
    openSample(robot);

    robot.clickOn("#layersTab");

    TableView<?> layers = robot.lookup("#layers").queryTableView();
    waitUntil(() -> layers.getItems().size() == 2);
    assertThat(robot.lookup("COPY run.sh /app/").tryQuery()).isPresent();
  }

  @Test
  void navigatingTreeToFileShowsContent(FxRobot robot) throws TimeoutException {
    openSample(robot);
    robot.clickOn("#layersTab");
    LayersViewModel layers = window.viewModel().layers();
    waitUntil(() -> layers.treeProperty().get() != null);
    FileTree changesTree = layers.treeProperty().get();

    robot.clickOn("#modeSquashed");

    TreeTableView<TreeNode> tree = robot.lookup("#fileTree").query();
    waitUntil(() -> layers.treeProperty().get() != changesTree && tree.getRoot() != null);
    robot.clickOn(treeRow(robot, "app").lookup(".tree-disclosure-node"));
    waitUntil(() -> tree.getExpandedItemCount() >= 3);
    robot.clickOn(treeRow(robot, "app/run.sh"));

    TextArea text = robot.lookup("#contentText").query();
    waitUntil(() -> text.getText().contains("echo hello from the app"));
    assertThat(text.getText()).startsWith("1  #!/bin/sh\n");
    assertThat(robot.lookup("#contentPath").queryAs(Label.class).getText()).isEqualTo("/app/run.sh");
  }

  @Test
  void overviewKeysDoNotOverlapTheirValues(FxRobot robot) throws TimeoutException {
    openSample(robot);

    List<Bounds> values = robot.lookup(".config-value").queryAllAs(Label.class).stream()
        .map(value -> value.localToScene(value.getBoundsInLocal()))
        .toList();
    List<Label> keys = List.copyOf(robot.lookup(".config-label").queryAllAs(Label.class));
    assertThat(keys).extracting(Label::getText).contains(TestImages.LONG_LABEL_KEY, "DB_PASSWORD");
    assertThat(keys).allSatisfy(key -> assertThat(values)
        .noneMatch(value -> overlap(value, key.localToScene(key.getBoundsInLocal()))));
  }

  @Test
  void tableHeadersShowWholeTitlesInNarrowWindow(FxRobot robot) throws TimeoutException {
    openSample(robot);
    robot.interact(() -> stage.setWidth(1000));

    robot.clickOn("#layersTab");
    WaitForAsyncUtils.waitForFxEvents();

    List<Label> titles = List.copyOf(robot.lookup(".column-header .label").queryAllAs(Label.class));
    assertThat(titles).extracting(Label::getText).contains("Layers", "Unpacked");
    assertThat(titles).allSatisfy(title -> assertThat(title.getWidth()).isGreaterThanOrEqualTo(title.prefWidth(-1)));
  }

  @Test
  void unreadableFileSaysWhyInImageTable(FxRobot robot) throws TimeoutException, IOException {
    Path text = Files.writeString(samples.resolve("not-an-image.tar"), "hello\n");
    waitForSourceChecks();

    robot.interact(() -> window.viewModel().openPath(text));

    Label placeholder = robot.lookup("#imagesPlaceholder").queryAs(Label.class);
    waitUntil(() -> placeholder.getText().startsWith("Cannot read image not-an-image.tar: "));
    assertThat(placeholder.getText()).doesNotStartWith("No images");
  }

  @Test
  void searchResultsShowChangeSizeAndMode(FxRobot robot) throws TimeoutException {
    openSample(robot);
    robot.clickOn("#layersTab");
    LayersViewModel layers = window.viewModel().layers();
    waitUntil(() -> layers.treeProperty().get() != null);

    robot.clickOn("#pathSearch").write("os-release");

    TableView<TreeNode> results = robot.lookup("#searchResults").queryTableView();
    waitUntil(() -> results.getItems().size() == 1);
    assertThat(results.getColumns()).extracting(column -> column.getText()).contains("Change", "Size", "Mode");
    assertThat(results.getColumns().get(1).getCellData(0)).isEqualTo("modified");
    assertThat(robot.lookup("#searchResults .change-modified").queryAll()).isNotEmpty();
    assertThat(results.getColumns().get(3).getCellData(0)).isEqualTo("-rw-r--r--");
  }

  @Test
  void sbomTabListsSamplePackages(FxRobot robot) throws TimeoutException {
    openBadSample(robot);

    robot.clickOn("#sbomTab");

    TreeTableView<SbomNode> tree = robot.lookup("#sbomTree").query();
    assertThat(tree.getRoot().getChildren()).extracting(item -> item.getValue().label())
        .containsExactly("Debian packages");
    assertThat(tree.getRoot().getChildren().get(0).getChildren()).hasSize(14);
    assertThat(robot.lookup("Debian packages (14)").tryQuery()).isPresent();
    assertThat(robot.lookup("openssh-server").tryQuery()).isPresent();
    assertThat(robot.lookup("#sbomSummary").queryAs(Label.class).getText()).isEqualTo("14 packages");
  }

  @Test
  void sbomFilterNarrowsTreeAndCounts(FxRobot robot) throws TimeoutException {
    openBadSample(robot);
    robot.clickOn("#sbomTab");

    robot.clickOn("#sbomFilter").write("OPENSSH");

    TreeTableView<SbomNode> tree = robot.lookup("#sbomTree").query();
    waitUntil(() -> tree.getRoot().getChildren().size() == 1
        && tree.getRoot().getChildren().get(0).getChildren().size() == 1);
    assertThat(tree.getRoot().getChildren().get(0).getChildren().get(0).getValue().label()).isEqualTo("openssh-server");
    assertThat(robot.lookup("#sbomSummary").queryAs(Label.class).getText()).isEqualTo("1 of 14 packages match");
    assertThat(robot.lookup(".sbom-count").queryAllAs(Label.class)).extracting(Label::getText)
        .containsExactly("Debian packages 1 of 14");
  }

  @Test
  void evidenceLinkSelectsFileInLayersTab(FxRobot robot) throws TimeoutException {
    openBadSample(robot);
    robot.clickOn("#sbomTab");
    ImagePackage sudo = window.viewModel().sbom().sbomProperty().get().packages().stream()
        .filter(found -> found.pkg().name().equals("sudo"))
        .findFirst()
        .orElseThrow();

    TreeTableView<SbomNode> sbomTree = robot.lookup("#sbomTree").query();
    TreeItem<SbomNode> sudoItem = sbomTree.getRoot().getChildren().get(0).getChildren().stream()
        .filter(item -> item.getValue().label().equals("sudo"))
        .findFirst()
        .orElseThrow();
    robot.interact(() -> sbomTree.scrollTo(sbomTree.getRow(sudoItem)));
    robot.clickOn(sbomRow(robot, "sudo"));
    robot.clickOn("#evidenceLink");

    LayersViewModel layers = window.viewModel().layers();
    TreeTableView<TreeNode> tree = robot.lookup("#fileTree").query();
    waitUntil(() -> tree.getSelectionModel().getSelectedItem() != null);
    TabPane tabs = robot.lookup("#imageTabs").query();
    assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("layersTab");
    assertThat(tree.getSelectionModel().getSelectedItem().getValue().path()).isEqualTo("var/lib/dpkg/status");
    assertThat(layers.selectedLayerProperty().get()).isEqualTo(sudo.changedLayer());
    assertThat(layers.modeProperty().get()).isEqualTo(TreeMode.SQUASHED);
  }

  @Test
  void enterOnEvidenceRowRevealsFile(FxRobot robot) throws TimeoutException {
    openBadSample(robot);
    robot.clickOn("#sbomTab");
    TreeTableView<SbomNode> sbomTree = robot.lookup("#sbomTree").query();
    TreeItem<SbomNode> apt = sbomTree.getRoot().getChildren().get(0).getChildren().get(0);
    assertThat(apt.getValue().label()).isEqualTo("apt");

    robot.interact(() -> apt.setExpanded(true));
    robot.clickOn(sbomRow(robot, "/var/lib/dpkg/status"));
    robot.type(KeyCode.ENTER);

    TreeTableView<TreeNode> tree = robot.lookup("#fileTree").query();
    waitUntil(() -> tree.getSelectionModel().getSelectedItem() != null);
    assertThat(window.viewModel().selectedTabProperty().get()).isEqualTo(ImageTab.LAYERS);
    assertThat(tree.getSelectionModel().getSelectedItem().getValue().path()).isEqualTo("var/lib/dpkg/status");
  }

  @Test
  void sbomWarningsListUnreadableFiles(FxRobot robot) throws TimeoutException {
    openBadSample(robot);
    robot.clickOn("#sbomTab");
    TitledPane warnings = robot.lookup("#sbomWarningsPane").query();
    assertThat(warnings.isVisible()).isFalse();
    ImageSbom sample = window.viewModel().sbom().sbomProperty().get();
    CatalogWarning warning = new CatalogWarning(1, "usr/lib/python3/dist-packages/broken.dist-info/METADATA",
        "python", "the file is binary");
    ImageSbom withWarning = new ImageSbom(sample.subject(), sample.distro(), sample.packages(), sample.layers(),
        List.of(warning), sample.tool());

    robot.interact(() -> window.viewModel().sbom().show(withWarning, window.viewModel().analysisProperty().get()));
    robot.clickOn(warnings.lookup(".title"));

    assertThat(warnings.isVisible()).isTrue();
    assertThat(warnings.getText()).isEqualTo("1 file could not be read");
    assertThat(robot.lookup("#sbomWarnings").queryListView().getItems()).singleElement().asString()
        .startsWith("/usr/lib/python3/dist-packages/broken.dist-info/METADATA (layer #1 ")
        .endsWith(", python): the file is binary");
  }

  /** Opens the committed hygiene-bad sample, whose dpkg status lists 14 packages. */
  private void openBadSample(FxRobot robot) throws TimeoutException {
    waitForSourceChecks();
    robot.interact(() -> window.viewModel().openPath(
        MainViewModelSbomTest.samplesFolder().resolve("hygiene-bad.tar")));
    TableView<ImageRow> images = robot.lookup("#images").queryTableView();
    waitUntil(() -> images.getItems().size() == 1);
    robot.clickOn("hullscope-samples/hygiene-bad:latest");
    waitUntil(() -> window.viewModel().sbom().sbomProperty().get() != null);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private void openSample(FxRobot robot) throws TimeoutException {
    waitForSourceChecks();
    robot.clickOn("Samples");
    TableView<ImageRow> images = robot.lookup("#images").queryTableView();
    waitUntil(() -> images.getItems().size() == 1);
    robot.clickOn(TestImages.REFERENCE);
    waitUntil(() -> window.viewModel().analysisProperty().get() != null);
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** Returns true when two boxes share an area; touching edges do not count. */
  private static boolean overlap(Bounds first, Bounds second) {
    return first.getMinX() < second.getMaxX() && second.getMinX() < first.getMaxX()
        && first.getMinY() < second.getMaxY() && second.getMinY() < first.getMaxY();
  }

  /** Waits until start-up has checked every source and selected one, which redraws the sidebar. */
  private void waitForSourceChecks() throws TimeoutException {
    waitUntil(() -> window.viewModel().selectedSourceProperty().get() != null);
  }

  /** Returns the visible row of the tree that shows a path; cells of the virtual flow are reused. */
  @SuppressWarnings("unchecked")
  private static TreeTableRow<TreeNode> treeRow(FxRobot robot, String path) {
    return robot.lookup("#fileTree .tree-table-row-cell")
        .match(node -> {
          TreeTableRow<TreeNode> row = (TreeTableRow<TreeNode>) node;
          return row.isVisible() && row.getItem() != null && row.getItem().path().equals(path);
        })
        .query();
  }

  /** Returns the visible row of the SBOM tree whose name column shows the text. */
  @SuppressWarnings("unchecked")
  private static TreeTableRow<SbomNode> sbomRow(FxRobot robot, String label) {
    return robot.lookup("#sbomTree .tree-table-row-cell")
        .match(node -> {
          TreeTableRow<SbomNode> row = (TreeTableRow<SbomNode>) node;
          return row.isVisible() && row.getItem() != null && row.getItem().label().equals(label);
        })
        .query();
  }

  private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition::getAsBoolean);
    WaitForAsyncUtils.waitForFxEvents();
  }
}
