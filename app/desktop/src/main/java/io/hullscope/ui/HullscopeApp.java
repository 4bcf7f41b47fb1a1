package io.hullscope.ui;

import io.hullscope.check.VulnerabilityFacts;
import io.hullscope.image.Limits;
import io.hullscope.index.FileContentReader;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.store.AppPaths;
import io.hullscope.store.Database;
import io.hullscope.store.HarborConnections;
import io.hullscope.store.SecretStores;
import io.hullscope.store.SqliteAccountFileCache;
import io.hullscope.store.SqliteCatalogCache;
import io.hullscope.store.SqliteLayerIndexCache;
import io.hullscope.store.SqliteScanCache;
import io.hullscope.store.SqliteSecretScanCache;
import io.hullscope.ui.harbor.ConnectionStore;
import io.hullscope.ui.harbor.HarborBrowserViewModel;
import io.hullscope.ui.task.FxTaskExecutor;
import io.hullscope.ui.task.TaskExecutor;
import io.hullscope.ui.task.TaskListViewModel;
import io.hullscope.ui.task.TrackingTaskExecutor;
import io.hullscope.ui.theme.ThemeViewModel;
import io.hullscope.vuln.OsvMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application: wires the engine, the executor and the main window together. */
public final class HullscopeApp extends Application {

  private static final Logger LOG = LoggerFactory.getLogger(HullscopeApp.class);

  private TaskExecutor executor;
  private Database database;
  private MainWindow window;

  @Override
  public void start(Stage stage) {
    // Tracked here, so that the Harbor browser's tasks appear in the status bar's list too.
    executor = new TrackingTaskExecutor(new FxTaskExecutor(2), new TaskListViewModel());
    AppSettings settings = AppSettings.fromSystemProperties();
    LOG.info("Starting with samples from {} and Docker host {}", settings.samplesFolder(),
        settings.dockerHost() == null ? "from the environment" : settings.dockerHost());
    ImageAnalyzer analyzer = openAnalyzer();
    window = MainWindow.create(
        stage,
        settings,
        executor,
        analyzer,
        new FileContentReader(Limits.DEFAULT),
        new RecentFiles(Preferences.userNodeForPackage(HullscopeApp.class)),
        new HarborBrowserViewModel(executor, connectionStore()),
        ThemeViewModel.forApplication(Preferences.userNodeForPackage(HullscopeApp.class)));
    stage.show();
    window.viewModel().start();
  }

  /**
   * Creates the image analyzer with the SQLite layer index, catalog and account file caches; without
   * them every image is indexed and cataloged from scratch.
   */
  private ImageAnalyzer openAnalyzer() {
    try {
      Files.createDirectories(AppPaths.dataDir());
      database = Database.open(AppPaths.databaseFile());
      return new ImageAnalyzer(new SqliteLayerIndexCache(database), new SqliteCatalogCache(database),
          new SqliteAccountFileCache(database), new SqliteSecretScanCache(database), Limits.DEFAULT,
          digest -> new SqliteScanCache(database).latest(digest, OsvMatcher.SCANNER).map(VulnerabilityFacts::of));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Opening the layer cache in {} failed; images are indexed without it", AppPaths.dataDir(), e);
      return new ImageAnalyzer(LayerIndexCache.NONE, CatalogCache.NONE, Limits.DEFAULT);
    }
  }

  /**
   * Returns where Harbor connections are saved: the database with secrets kept apart, or memory
   * only when the database could not be opened.
   */
  private ConnectionStore connectionStore() {
    if (database == null) {
      LOG.warn("Harbor connections are kept until the window closes, because the database is not open");
      return ConnectionStore.inMemory();
    }
    Database opened = database;
    return ConnectionStore.of(() -> new HarborConnections(opened, SecretStores.system()));
  }

  @Override
  public void stop() throws Exception {
    if (window != null) {
      window.viewModel().close();
    }
    if (executor != null) {
      executor.close();
    }
    if (database != null) {
      database.close();
    }
  }
}
