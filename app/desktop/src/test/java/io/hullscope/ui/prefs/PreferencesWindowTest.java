package io.hullscope.ui.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Limits;
import io.hullscope.index.FileContentReader;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.ui.AppSettings;
import io.hullscope.ui.ImageAnalyzer;
import io.hullscope.ui.MainWindow;
import io.hullscope.ui.RecentFiles;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.sources.SourceEntry;
import io.hullscope.ui.task.FxTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Preferences dialog and opening an image from the command line, in the real window driven headless. */
@ExtendWith(ApplicationExtension.class)
class PreferencesWindowTest {

  private static final long WAIT_SECONDS = 30;

  @TempDir Path data;

  private final Preferences recent = Preferences.userRoot().node("io/hullscope/test/prefs-" + System.nanoTime());
  private FxTaskExecutor executor;
  private MainWindow window;

  @Start
  void start(Stage stage) {
    executor = new FxTaskExecutor(1);
    String missingSocket = "unix://" + data.resolve("no-such-docker.sock");
    window = MainWindow.create(stage, new AppSettings(data.resolve("no-samples"), missingSocket), executor,
        new ImageAnalyzer(LayerIndexCache.NONE, CatalogCache.NONE, Limits.DEFAULT), new FileContentReader(Limits.DEFAULT),
        new RecentFiles(recent));
    window.view().setPreferencesAction(
        new PreferencesOpener(stage, new PreferencesStore(data), executor, window.viewModel(), saved -> {}));
    stage.show();
    window.viewModel().start();
  }

  @AfterEach
  void stop() throws BackingStoreException {
    executor.close();
    recent.removeNode();
  }

  private static void openPreferences(FxRobot robot) throws TimeoutException {
    robot.clickOn("Edit");
    robot.clickOn("Preferences...");
    waitUntil(() -> robot.lookup("#preferencePages").tryQuery().isPresent());
  }

  private static void showLimits(FxRobot robot) throws TimeoutException {
    robot.clickOn("Limits");
    waitUntil(() -> robot.lookup("#limitThreads").tryQuery().isPresent());
  }

  private static void replace(FxRobot robot, String field, String text) {
    TextField input = robot.lookup(field).queryAs(TextField.class);
    robot.interact(input::clear);
    robot.clickOn(input).write(text);
  }

  @Test
  void savedLimitShowsWhenReopened(FxRobot robot) throws TimeoutException {
    openPreferences(robot);
    showLimits(robot);
    replace(robot, "#limitThreads", "4");

    robot.clickOn("#preferencesSave");
    waitUntil(() -> robot.lookup("#preferencePages").tryQuery().isEmpty());
    openPreferences(robot);
    showLimits(robot);

    assertThat(robot.lookup("#limitThreads").queryAs(TextField.class).getText()).isEqualTo("4");
    assertThat(Files.exists(data.resolve(PreferencesStore.FILE_NAME))).isTrue();
  }

  @Test
  void invalidLimitKeepsDialogOpen(FxRobot robot) throws TimeoutException {
    openPreferences(robot);
    showLimits(robot);
    replace(robot, "#limitEntries", "10");

    robot.clickOn("#preferencesSave");
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(robot.lookup("#preferencePages").tryQuery()).isPresent();
    assertThat(robot.lookup("#preferencesProblem").queryAs(Label.class).getText())
        .isEqualTo("Max entries per layer must be between 1,000 and 100,000,000, not 10");
    assertThat(Files.exists(data.resolve(PreferencesStore.FILE_NAME))).isFalse();
  }

  @Test
  void dockerConnectionTestShowsResult(FxRobot robot) throws TimeoutException {
    openPreferences(robot);
    replace(robot, "#dockerHost .text-field", "unix://" + data.resolve("absent.sock"));

    robot.clickOn("#dockerTest");

    Label result = robot.lookup("#dockerTestResult").queryAs(Label.class);
    waitUntil(() -> result.getText().startsWith("Not reachable: "));
  }

  @Test
  void openedSampleShowsInWindow(FxRobot robot) throws TimeoutException {
    Path sample = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize()
        .resolve("samples/images/hygiene-good.tar");
    Assumptions.assumeTrue(Files.isRegularFile(sample), "sample image " + sample + " is missing");
    waitUntil(() -> window.viewModel().selectedSourceProperty().get() != null);

    robot.interact(() -> StartupImages.open(List.of(sample.toString()), window.viewModel(), UserPreferences.DEFAULT));

    waitUntil(() -> window.viewModel().analysisProperty().get() != null);
    SourceEntry selected = window.viewModel().selectedSourceProperty().get();
    assertThat(selected.name()).isEqualTo("hygiene-good.tar");
    TableView<ImageRow> images = robot.lookup("#images").queryTableView();
    assertThat(images.getItems()).hasSize(1);
    assertThat(window.viewModel().selectedImageProperty().get()).isSameAs(images.getItems().get(0));
  }

  @Test
  void missingPathShowsError(FxRobot robot) throws TimeoutException {
    waitUntil(() -> window.viewModel().selectedSourceProperty().get() != null);

    robot.interact(() -> StartupImages.open(List.of(data.resolve("gone.tar").toString()), window.viewModel(),
        UserPreferences.DEFAULT));

    assertThat(window.viewModel().error().messageProperty().get()).contains("gone.tar").contains("file not found");
  }

  private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition::getAsBoolean);
    WaitForAsyncUtils.waitForFxEvents();
  }
}
