package io.hullscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Limits;
import io.hullscope.index.FileContentReader;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.ui.task.FxTaskExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.chart.BarChart;
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

/**
 * The real window with an image open: the layer size chart (a click on a bar selects the layer) and
 * the Image menu's search shortcut.
 */
@ExtendWith(ApplicationExtension.class)
class ChartsWindowTest {

  @TempDir Path samples;

  private final Preferences preferences =
      Preferences.userRoot().node("io/hullscope/test/charts-" + System.nanoTime());
  private FxTaskExecutor executor;
  private MainWindow window;
  private Path archive;

  @Start
  void start(Stage stage) {
    archive = TestImages.writeArchive(samples);
    executor = new FxTaskExecutor(1);
    window = MainWindow.create(
        stage,
        new AppSettings(samples, "unix://" + samples.resolve("no-such-docker.sock")),
        executor,
        new ImageAnalyzer(LayerIndexCache.NONE, CatalogCache.NONE, Limits.DEFAULT),
        new FileContentReader(Limits.DEFAULT),
        new RecentFiles(preferences));
    stage.show();
  }

  @AfterEach
  void stop() throws BackingStoreException {
    executor.close();
    preferences.removeNode();
  }

  private void openArchive(FxRobot robot) throws TimeoutException {
    robot.interact(() -> window.viewModel().openPath(archive));
    TableView<?> images = robot.lookup("#images").queryTableView();
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> images.getItems().size() == 1);
    robot.interact(() -> images.getSelectionModel().select(0));
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.viewModel().analysisProperty().get() != null);
  }

  @Test
  void searchShortcutFocusesPathSearch(FxRobot robot) throws TimeoutException {
    openArchive(robot);

    robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(window.viewModel().selectedTabProperty().get()).isEqualTo(ImageTab.LAYERS);
    assertThat(robot.lookup("#pathSearch").query().isFocused()).isTrue();
  }

  @Test
  void clickingBarSelectsLayer(FxRobot robot) throws TimeoutException {
    openArchive(robot);
    robot.clickOn("#layersTab");
    TableView<?> layers = robot.lookup("#layers").queryTableView();
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> layers.getItems().size() == 2);
    BarChart<?, ?> chart = robot.lookup("#layerSizeChart").query();
    WaitForAsyncUtils.waitForFxEvents();

    List<Node> bars = List.copyOf(robot.from(chart).lookup(".layer-bar").queryAll());
    assertThat(bars).hasSize(2);
    robot.interact(() -> window.viewModel().layers().selectedLayerProperty().set(0));
    // The test layers are a few bytes, so the bars are too low to hit with the pointer. The test
    // fires the click on the bar's node instead.
    Node second = secondBar(bars);
    robot.interact(() -> Event.fireEvent(second, click(second)));

    assertThat(window.viewModel().layers().selectedLayerProperty().get()).isEqualTo(1);
    assertThat(layers.getSelectionModel().getSelectedIndex()).isEqualTo(1);
  }

  private static MouseEvent click(Node node) {
    return new MouseEvent(MouseEvent.MOUSE_CLICKED, 1, 1, 1, 1, MouseButton.PRIMARY, 1,
        false, false, false, false, true, false, false, true, false, true, null);
  }

  /** Returns the bar further right, the second layer's, whatever order the lookup found them in. */
  private static Node secondBar(List<Node> bars) {
    return bars.stream()
        .max((a, b) -> Double.compare(a.localToScene(a.getBoundsInLocal()).getMinX(),
            b.localToScene(b.getBoundsInLocal()).getMinX()))
        .orElseThrow();
  }
}
