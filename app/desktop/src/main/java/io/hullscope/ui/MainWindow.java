package io.hullscope.ui;

import io.hullscope.image.Limits;
import io.hullscope.index.FileContentReader;
import io.hullscope.source.docker.DockerDaemonSource;
import io.hullscope.ui.content.FileContentViewModel;
import io.hullscope.ui.harbor.ConnectionStore;
import io.hullscope.ui.harbor.HarborBrowserViewModel;
import io.hullscope.ui.layers.LayersViewModel;
import io.hullscope.ui.overview.OverviewViewModel;
import io.hullscope.ui.sbom.SbomViewModel;
import io.hullscope.ui.sources.DockerSourceEntry;
import io.hullscope.ui.sources.FolderSourceEntry;
import io.hullscope.ui.task.TaskExecutor;
import io.hullscope.ui.task.TrackingTaskExecutor;
import io.hullscope.ui.theme.ThemeMenu;
import io.hullscope.ui.theme.ThemeViewModel;
import io.hullscope.ui.trainer.SampleGrader;
import io.hullscope.ui.trainer.TrainerMode;
import io.hullscope.ui.trainer.TrainerSettings;
import java.util.List;
import java.util.Objects;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** Builds the main window's view models and view and puts them on a stage. */
public final class MainWindow {

  /** Style sheet in the ui-resources module. */
  static final String STYLESHEET = "/io/hullscope/ui/hullscope.css";

  private final MainViewModel viewModel;
  private final MainView view;
  private final TrainerMode trainer;

  private MainWindow(MainViewModel viewModel, MainView view, TrainerMode trainer) {
    this.viewModel = viewModel;
    this.view = view;
    this.trainer = trainer;
  }

  /**
   * Creates the window on the stage with Harbor connections kept in memory only; the caller shows
   * the stage and then calls {@code start()}.
   */
  public static MainWindow create(
      Stage stage,
      AppSettings settings,
      TaskExecutor executor,
      ImageAnalyzer analyzer,
      FileContentReader contentReader,
      RecentFiles recentFiles) {
    return create(stage, settings, executor, analyzer, contentReader, recentFiles,
        new HarborBrowserViewModel(executor, ConnectionStore.inMemory()));
  }

  /**
   * Creates the window on the stage with trainer settings kept in memory, so the samples gallery
   * does not open by itself, and in the light theme with View > Theme kept in memory only; the
   * caller shows the stage and then calls {@code start()}.
   */
  public static MainWindow create(
      Stage stage,
      AppSettings settings,
      TaskExecutor executor,
      ImageAnalyzer analyzer,
      FileContentReader contentReader,
      RecentFiles recentFiles,
      HarborBrowserViewModel harbor) {
    return create(stage, settings, executor, analyzer, contentReader, recentFiles, harbor, TrainerSettings.inMemory(),
        ThemeViewModel.fixedLight());
  }

  /** Creates the window with the given trainer settings, in the light theme kept in memory only. */
  public static MainWindow create(Stage stage, AppSettings settings, TaskExecutor executor, ImageAnalyzer analyzer,
      FileContentReader contentReader, RecentFiles recentFiles, HarborBrowserViewModel harbor,
      TrainerSettings trainerSettings) {
    return create(stage, settings, executor, analyzer, contentReader, recentFiles, harbor, trainerSettings,
        ThemeViewModel.fixedLight());
  }

  /** Creates the window with the given theme and trainer settings kept in memory. */
  public static MainWindow create(Stage stage, AppSettings settings, TaskExecutor executor, ImageAnalyzer analyzer,
      FileContentReader contentReader, RecentFiles recentFiles, HarborBrowserViewModel harbor, ThemeViewModel theme) {
    return create(stage, settings, executor, analyzer, contentReader, recentFiles, harbor, TrainerSettings.inMemory(),
        theme);
  }

  /**
   * Creates the window on the stage; the caller shows the stage and then calls {@code start()}. The
   * status bar lists the tasks of {@code executor}, wrapped in a {@link TrackingTaskExecutor} unless
   * it is one already.
   */
  public static MainWindow create(
      Stage stage,
      AppSettings settings,
      TaskExecutor untracked,
      ImageAnalyzer analyzer,
      FileContentReader contentReader,
      RecentFiles recentFiles,
      HarborBrowserViewModel harbor,
      TrainerSettings trainerSettings,
      ThemeViewModel theme) {
    TrackingTaskExecutor executor = TrackingTaskExecutor.of(untracked);
    ErrorViewModel error = new ErrorViewModel();
    FileContentViewModel content = new FileContentViewModel(executor, contentReader);
    MainViewModel viewModel = new MainViewModel(
        executor,
        analyzer,
        recentFiles,
        error,
        new OverviewViewModel(),
        new LayersViewModel(executor, error, content),
        new SbomViewModel(executor, error),
        harbor,
        List.of(
            new DockerSourceEntry(() -> new DockerDaemonSource(settings.dockerHost(), settings.limits())),
            new FolderSourceEntry("Samples", settings.samplesFolder())));
    MainView view = new MainView(viewModel, stage, theme, executor.tasks());
    ThemeMenu.follow(theme, view.root());

    Rectangle2D screen = Screen.getPrimary().getVisualBounds();
    Scene scene = new Scene(view.root(), Math.min(1400, screen.getWidth()), Math.min(880, screen.getHeight()));
    scene.getStylesheets().add(Objects.requireNonNull(
        MainWindow.class.getResource(STYLESHEET), "missing style sheet " + STYLESHEET).toExternalForm());
    stage.setScene(scene);
    TrainerMode trainer = new TrainerMode(stage, viewModel, executor, settings.samplesFolder(),
        SampleGrader.using(analyzer), trainerSettings);
    view.installTrainer(trainer);
    trainer.attach(scene);
    stage.setTitle("Hullscope");
    var icon = MainWindow.class.getResourceAsStream("/io/hullscope/ui/icons/hullscope-64.png");
    if (icon != null) {
      stage.getIcons().add(new Image(icon));
    }
    return new MainWindow(viewModel, view, trainer);
  }

  public MainViewModel viewModel() {
    return viewModel;
  }

  public MainView view() {
    return view;
  }

  public TrainerMode trainer() {
    return trainer;
  }
}
