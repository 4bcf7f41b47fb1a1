package io.hullscope.ui.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.Evidence;
import io.hullscope.image.Limits;
import io.hullscope.index.FileContentReader;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.index.TreeNode;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.ui.AppSettings;
import io.hullscope.ui.ImageAnalyzer;
import io.hullscope.ui.ImageTab;
import io.hullscope.ui.MainWindow;
import io.hullscope.ui.RecentFiles;
import io.hullscope.ui.harbor.ConnectionStore;
import io.hullscope.ui.harbor.HarborBrowserViewModel;
import io.hullscope.ui.task.FxTaskExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
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

/** Trainer mode in the real window, driven headless through Monocle, on the bundled samples. */
@ExtendWith(ApplicationExtension.class)
class TrainerWindowTest {

  /** How long to wait for background work before a test fails. */
  private static final long WAIT_SECONDS = 30;

  @TempDir Path folder;

  private final Preferences preferences =
      Preferences.userRoot().node("io/hullscope/test/trainer-window-" + System.nanoTime());
  private FxTaskExecutor executor;
  private MainWindow window;
  private TrainerMode trainer;

  @Start
  void start(Stage stage) {
    executor = new FxTaskExecutor(2);
    String missingSocket = "unix://" + folder.resolve("no-such-docker.sock");
    window = MainWindow.create(
        stage,
        new AppSettings(samplesFolder(), missingSocket),
        executor,
        new ImageAnalyzer(LayerIndexCache.NONE, CatalogCache.NONE, Limits.DEFAULT),
        new FileContentReader(Limits.DEFAULT),
        new RecentFiles(preferences.node("recent")),
        new HarborBrowserViewModel(executor, ConnectionStore.inMemory()),
        TrainerSettings.stored(preferences));
    trainer = window.trainer();
    stage.show();
    window.viewModel().start();
    trainer.showGalleryOnFirstStart();
  }

  @AfterEach
  void stop() throws BackingStoreException {
    executor.close();
    preferences.removeNode();
  }

  static Path samplesFolder() {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    return root.resolve("samples/images");
  }

  @Test
  void firstStartShowsGallery(FxRobot robot) throws TimeoutException {
    waitUntil(() -> trainer.viewModel().gallery().cards().size() == 2);

    assertThat(trainer.galleryShowing()).isTrue();
    assertThat(TrainerSettings.stored(preferences).galleryShown()).isTrue();
    assertThat(robot.lookup("A careless image").tryQuery()).isPresent();
    assertThat(robot.lookup("A hardened image").tryQuery()).isPresent();
    SampleCard bad = trainer.viewModel().gallery().cards().get(0);
    waitUntil(() -> bad.gradeProperty().get() != null);
    assertThat(bad.gradeTextProperty().get()).matches("Grade [A-F] \\(\\d+ of 100\\)");
  }

  @Test
  void walkThroughStepsAndRevealsFile(FxRobot robot) throws TimeoutException {
    startBadWalkThrough(robot);
    List<WalkthroughStep> steps = trainer.viewModel().steps();
    int fileStep = firstStepWithFileEvidence(steps);
    Evidence file = steps.get(fileStep).firstRevealable().evidence();

    for (int i = 0; i < fileStep; i++) {
      robot.type(KeyCode.N);
    }

    Label position = robot.lookup("#walkthroughPosition").queryAs(Label.class);
    waitUntil(() -> position.getText().equals((fileStep + 1) + " of " + steps.size()));
    TreeTableView<TreeNode> files = robot.lookup("#fileTree").query();
    waitUntil(() -> files.getSelectionModel().getSelectedItem() != null
        && files.getSelectionModel().getSelectedItem().getValue().path().equals(file.path()));
    TabPane tabs = robot.lookup("#imageTabs").query();
    assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("layersTab");
    assertThat(window.viewModel().selectedTabProperty().get()).isEqualTo(ImageTab.LAYERS);
    assertThat(robot.lookup("#walkthroughTitle").queryAs(Label.class).getText())
        .isEqualTo(steps.get(fileStep).finding().title());

    robot.clickOn("#walkthroughNext");
    waitUntil(() -> position.getText().equals((fileStep + 2) + " of " + steps.size()));
    robot.clickOn("#walkthroughPrevious");
    waitUntil(() -> position.getText().equals((fileStep + 1) + " of " + steps.size()));
  }

  @Test
  void envEvidenceHighlightsOverviewRow(FxRobot robot) throws TimeoutException {
    startBadWalkThrough(robot);
    List<WalkthroughStep> steps = trainer.viewModel().steps();
    int envStep = -1;
    for (int i = 0; i < steps.size() && envStep < 0; i++) {
      EvidenceLine line = steps.get(i).firstRevealable();
      if (line != null && "Env".equals(line.evidence().field())) {
        envStep = i;
      }
    }
    assertThat(envStep).as("a step with Env evidence").isGreaterThanOrEqualTo(0);

    for (int i = 0; i < envStep; i++) {
      robot.clickOn("#walkthroughNext");
    }

    String name = steps.get(envStep).firstRevealable().evidence().text().split("=")[0];
    waitUntil(() -> window.viewModel().overview().highlightedConfigProperty().get().equals(name));
    TabPane tabs = robot.lookup("#imageTabs").query();
    assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("overviewTab");
    assertThat(robot.lookup(".config-highlight").queryAll()).extracting(node -> ((Label) node).getText())
        .contains(name);
  }

  @Test
  void firstStepIsMostSevere(FxRobot robot) throws TimeoutException {
    startBadWalkThrough(robot);
    List<WalkthroughStep> steps = trainer.viewModel().steps();

    assertThat(steps).hasSizeGreaterThan(5);
    for (int i = 1; i < steps.size(); i++) {
      assertThat(steps.get(i).finding().severity()).isGreaterThanOrEqualTo(steps.get(i - 1).finding().severity());
    }
    assertThat(robot.lookup("#walkthroughPrevious").queryAs(Button.class).isDisabled()).isTrue();
    assertThat(robot.lookup("#walkthroughPosition").queryAs(Label.class).getText())
        .isEqualTo("1 of " + steps.size());
  }

  @Test
  void compareHookReceivesBadAndGood(FxRobot robot) throws TimeoutException {
    List<Path[]> compared = new ArrayList<>();
    startBadWalkThrough(robot);
    // The window wires the button to the Compare window; the test puts a recorder in its place.
    assertThat(robot.lookup("#compareHardened").queryAs(Button.class).isDisabled()).isFalse();
    robot.interact(() -> trainer.viewModel().setCompareAction((left, right) -> compared.add(new Path[] {left, right})));

    int steps = trainer.viewModel().steps().size();
    for (int i = 0; i < steps; i++) {
      robot.type(KeyCode.RIGHT);
    }
    waitUntil(() -> trainer.viewModel().atEndProperty().get());
    assertThat(robot.lookup("#walkthroughGrade").queryAs(Label.class).getText()).matches("[A-F]");
    robot.clickOn("#compareHardened");

    assertThat(compared).hasSize(1);
    assertThat(compared.get(0)[0]).isEqualTo(samplesFolder().resolve("hygiene-bad.tar"));
    assertThat(compared.get(0)[1]).isEqualTo(samplesFolder().resolve("hygiene-good.tar"));
  }

  @Test
  void largeFontsScaleRootFontSize(FxRobot robot) throws TimeoutException {
    closeGallery(robot);
    Node root = window.view().root();
    Label status = robot.lookup("#walkthroughPosition").queryAs(Label.class);
    double before = status.getFont().getSize();

    robot.clickOn("_View".replace("_", ""));
    robot.clickOn("Large Fonts");
    WaitForAsyncUtils.waitForFxEvents();
    robot.interact(() -> root.applyCss());

    assertThat(root.getStyle()).isEqualTo("-fx-font-size: 21.0px;");
    assertThat(before).isEqualTo(FontScale.BASE_SIZE_PX);
    assertThat(status.getFont().getSize()).isEqualTo(21.0);
    assertThat(TrainerSettings.stored(preferences).fontStep()).isEqualTo(FontScale.LARGE_STEP);

    robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(root.getStyle()).isEmpty();
  }

  private void startBadWalkThrough(FxRobot robot) throws TimeoutException {
    waitUntil(() -> trainer.viewModel().gallery().cards().size() == 2);
    robot.clickOn(robot.lookup("#sample-hygiene-bad-tar .button").lookup((Button button) ->
        button.getText().equals("Walk through")).queryButton());
    waitUntil(() -> !trainer.viewModel().waitingProperty().get() && !trainer.viewModel().steps().isEmpty());
    assertThat(trainer.galleryShowing()).isFalse();
    assertThat(window.viewModel().hardening().reportProperty().get().imageName())
        .isEqualTo("hullscope-samples/hygiene-bad:latest");
  }

  private void closeGallery(FxRobot robot) throws TimeoutException {
    waitUntil(trainer::galleryShowing);
    robot.clickOn("Close");
    waitUntil(() -> !trainer.galleryShowing());
  }

  private static int firstStepWithFileEvidence(List<WalkthroughStep> steps) {
    for (int i = 1; i < steps.size(); i++) {
      EvidenceLine line = steps.get(i).firstRevealable();
      if (line != null && line.evidence().kind() == Evidence.Kind.FILE) {
        return i;
      }
    }
    throw new AssertionError("hygiene-bad has no step after the first whose evidence is a file");
  }

  private static void waitUntil(BooleanSupplier condition) throws TimeoutException {
    WaitForAsyncUtils.waitFor(WAIT_SECONDS, TimeUnit.SECONDS, condition::getAsBoolean);
    WaitForAsyncUtils.waitForFxEvents();
  }
}
