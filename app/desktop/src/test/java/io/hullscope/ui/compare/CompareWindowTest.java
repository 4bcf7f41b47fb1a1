package io.hullscope.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.compare.ComparisonFormat;
import io.hullscope.compare.ImageComparison;
import io.hullscope.image.Limits;
import io.hullscope.index.FileContentReader;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.ui.AppSettings;
import io.hullscope.ui.ImageAnalyzer;
import io.hullscope.ui.MainWindow;
import io.hullscope.ui.RecentFiles;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.task.FxTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Compare window in the real application, driven headless through Monocle on the two samples. */
@ExtendWith(ApplicationExtension.class)
class CompareWindowTest {

  private static final long WAIT_SECONDS = 60;
  private static final String BAD_SAMPLE = "hullscope-samples/hygiene-bad:latest";
  private static final String GOOD_SAMPLE = "hullscope-samples/hygiene-good:1.4.2";

  @TempDir Path folder;

  private final Preferences preferences =
      Preferences.userRoot().node("io/hullscope/test/compare-window-" + System.nanoTime());
  private FxTaskExecutor executor;
  private MainWindow window;

  @Start
  void start(Stage stage) {
    executor = new FxTaskExecutor(1);
    String missingSocket = "unix://" + folder.resolve("no-such-docker.sock");
    window = MainWindow.create(
        stage,
        new AppSettings(samples(), missingSocket),
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
  void compareWithShowsSections(FxRobot robot) throws TimeoutException {
    waitUntil(() -> window.viewModel().images().size() == 2);
    javafx.scene.Node badCell = robot.lookup("#images .table-cell")
        .match(node -> BAD_SAMPLE.equals(((javafx.scene.control.TableCell<?, ?>) node).getText())).query();
    robot.clickOn(badCell);
    // Monocle opens no context menu on a right click, so the test fires the table's menu item itself.
    TableView<ImageRow> images = robot.lookup("#images").queryTableView();
    robot.interact(() -> images.getContextMenu().getItems().stream()
        .filter(item -> "compareWith".equals(item.getId())).findFirst().orElseThrow().fire());
    waitUntil(() -> window.view().compareWindow().stage() != null
        && window.view().compareWindow().stage().isShowing());
    ComboBox<CompareChoice> left = robot.lookup("#compareLeft").queryComboBox();
    assertThat(left.getValue().label()).isEqualTo(BAD_SAMPLE);

    robot.clickOn("#compareRight");
    javafx.scene.Node goodCell = robot.lookup(".list-cell")
        .match(node -> GOOD_SAMPLE.equals(((javafx.scene.control.Labeled) node).getText())).query();
    robot.clickOn(goodCell);
    robot.clickOn("#compareRun");

    CompareViewModel compare = window.viewModel().compare();
    waitUntil(() -> compare.comparisonProperty().get() != null);
    assertThat(cardValue(robot, "grade")).isEqualTo("F -> A");
    assertThat(cardValue(robot, "layers-shared")).isEqualTo("0 (5 before, 2 after)");
    TableView<List<String>> config = robot.lookup("#compareTable-config").queryTableView();
    assertThat(config.getItems()).contains(List.of("User", "", "changed", "(unset: root)", "65532:65532"));
    assertThat(config.getItems()).contains(List.of("ExposedPorts", "22/tcp", "removed", "22/tcp", "-"));

    robot.clickOn("#compareTab-files");
    robot.clickOn("#compareFileFilter").write("sudo");

    TableView<?> files = robot.lookup("#compareFiles").queryTableView();
    waitUntil(() -> files.getItems().size() == 1);
    assertThat(robot.lookup("#compareFileCount").queryAs(Label.class).getText()).isEqualTo("1 of 53 listed");

    robot.clickOn("#compareTab-packages");
    TableView<List<String>> packages = robot.lookup("#compareTable-packages").queryTableView();
    assertThat(packages.getItems()).contains(List.of("upgrade", "deb", "libc6", "2.31-13+deb11u5", "2.36-9+deb12u7"));
  }

  @Test
  void compareFilesExportsHtml(FxRobot robot) throws Exception {
    Path target = folder.resolve("comparison.html");
    robot.interact(() -> {
      window.view().compareWindow().setExportTarget(format -> format == ComparisonFormat.HTML ? target : null);
      window.viewModel().compareFiles(samples().resolve("hygiene-bad.tar"), samples().resolve("hygiene-good.tar"));
    });
    CompareViewModel compare = window.viewModel().compare();
    waitUntil(() -> compare.comparisonProperty().get() != null);
    ImageComparison shown = compare.comparisonProperty().get();
    assertThat(shown.left().name()).isEqualTo(BAD_SAMPLE);
    assertThat(shown.right().name()).isEqualTo(GOOD_SAMPLE);

    robot.clickOn("#compareExportHtml");

    waitUntil(() -> Files.exists(target));
    waitUntil(() -> compare.statusProperty().get().startsWith("Exported"));
    assertThat(Files.readString(target)).startsWith("<!DOCTYPE html>").contains("65532:65532", "<h2>Findings</h2>");
  }

  @Test
  void compareNeedsBothImages(FxRobot robot) throws TimeoutException {
    waitUntil(() -> window.viewModel().images().size() == 2);
    robot.interact(() -> window.viewModel().compare().showWith(null));
    waitUntil(() -> window.view().compareWindow().stage() != null);

    assertThat(robot.lookup("#compareRun").queryButton().isDisabled()).isTrue();
    assertThat(robot.lookup("#compareExportHtml").queryButton().isDisabled()).isTrue();
  }

  private static String cardValue(FxRobot robot, String card) {
    return robot.lookup("#compareCard-" + card + " .compare-card-value").queryAs(Label.class).getText();
  }

  private static Path samples() {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    return root.resolve("samples/images");
  }

  private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition::getAsBoolean);
    WaitForAsyncUtils.waitForFxEvents();
  }
}
