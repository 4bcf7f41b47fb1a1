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
import io.hullscope.store.SqliteVulnerabilityDatabase;
import io.hullscope.ui.harbor.ConnectionStore;
import io.hullscope.ui.harbor.HarborBrowserViewModel;
import io.hullscope.ui.prefs.PreferencesOpener;
import io.hullscope.ui.prefs.PreferencesStore;
import io.hullscope.ui.prefs.StartupImages;
import io.hullscope.ui.prefs.UpdateSchedule;
import io.hullscope.ui.prefs.UserPreferences;
import io.hullscope.ui.prefs.VulnerabilityUpdater;
import io.hullscope.ui.prefs.WindowLayout;
import io.hullscope.ui.prefs.WindowStateStore;
import io.hullscope.ui.task.FxTaskExecutor;
import io.hullscope.ui.task.TaskExecutor;
import io.hullscope.ui.task.TaskListViewModel;
import io.hullscope.ui.task.TrackingTaskExecutor;
import io.hullscope.ui.theme.ThemeViewModel;
import io.hullscope.ui.trainer.TrainerSettings;
import io.hullscope.ui.vuln.SqliteScanStore;
import io.hullscope.ui.vuln.VulnerabilitiesViewModel;
import io.hullscope.vuln.OsvDownloader;
import io.hullscope.vuln.OsvMatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
  private WindowLayout layout;
  private WindowStateStore layoutStore;

  @Override
  public void start(Stage stage) {
    PreferencesStore preferencesStore = new PreferencesStore(AppPaths.dataDir());
    PreferencesStore.Loaded preferences = preferencesStore.load();
    AppSettings settings = AppSettings.of(preferences.preferences(), System.getProperties());
    // Tracked here, so that the Harbor browser's tasks appear in the status bar's list too.
    executor = new TrackingTaskExecutor(new FxTaskExecutor(settings.backgroundThreads()), new TaskListViewModel());
    LOG.info("Starting with samples from {} and Docker host {}", settings.samplesFolder(),
        settings.dockerHost() == null ? "from the environment" : settings.dockerHost());
    ImageAnalyzer analyzer = openAnalyzer(settings.limits());
    Preferences settingsNode = SettingsNode.forDataFolder(System.getProperty("hullscope.data"));
    window = MainWindow.create(
        stage,
        settings,
        executor,
        analyzer,
        new FileContentReader(settings.limits()),
        new RecentFiles(settingsNode),
        new HarborBrowserViewModel(executor, connectionStore()),
        TrainerSettings.stored(settingsNode),
        ThemeViewModel.forApplication(settingsNode));
    connectVulnerabilities(window.viewModel().vulnerabilities(), settings);
    if (database != null) {
      Database opened = database;
      window.viewModel().compare()
          .setScanLookup(digest -> new SqliteScanCache(opened).latest(digest, OsvMatcher.SCANNER));
    }
    PreferencesOpener preferencesOpener = new PreferencesOpener(stage, preferencesStore, executor, window.viewModel(),
        saved -> {});
    preferencesOpener.setTrustSettingsAction(window.view()::openTrustSettings);
    window.view().setPreferencesAction(preferencesOpener);
    layout = new WindowLayout(stage, window.view().splitPanes(), window.viewModel().selectedTabProperty());
    layoutStore = new WindowStateStore(AppPaths.dataDir());
    layoutStore.load().ifPresent(layout::restore);
    layout.track();
    stage.show();
    window.viewModel().start();
    if (preferences.fellBack()) {
      window.viewModel().error().show("Reading the preferences failed", new IOException(preferences.notice()));
    }
    startVulnerabilityUpdate(preferences.preferences());
    StartupImages.open(getParameters().getRaw(), window.viewModel(), preferences.preferences());
    if (getParameters().getRaw().isEmpty()) {
      window.trainer().showGalleryOnFirstStart();
    }
  }

  /** Refreshes the OSV data in the background when the preferences ask for it at start. */
  private void startVulnerabilityUpdate(UserPreferences preferences) {
    if (database == null || preferences.updateSchedule() == UpdateSchedule.NEVER) {
      return;
    }
    SqliteVulnerabilityDatabase vulnerabilities = new SqliteVulnerabilityDatabase(database);
    OsvDownloader downloader = new OsvDownloader(preferences.osvBase(), AppPaths.dataDir().resolve("downloads"),
        vulnerabilities, OsvDownloader.Limits.DEFAULT);
    MainViewModel main = window.viewModel();
    new VulnerabilityUpdater(vulnerabilities, downloader::update, Clock.systemUTC())
        .startIfDue(preferences, executor,
            outcome -> {
              LOG.info("{}", outcome.summary());
              if (!outcome.failed().isEmpty()) {
                main.error().show("Updating the vulnerability data failed", new IOException(outcome.summary()));
              }
            },
            failure -> {
              if (!ErrorViewModel.isCancellation(failure)) {
                main.error().show("Updating the vulnerability data failed", failure);
              }
            })
        .ifPresent(main.taskStatus()::track);
  }

  /**
   * Creates the image analyzer with the SQLite layer index, catalog and account file caches; without
   * them every image is indexed and cataloged from scratch.
   */
  private ImageAnalyzer openAnalyzer(Limits limits) {
    try {
      Files.createDirectories(AppPaths.dataDir());
      database = Database.open(AppPaths.databaseFile());
      return new ImageAnalyzer(new SqliteLayerIndexCache(database), new SqliteCatalogCache(database),
          new SqliteAccountFileCache(database), new SqliteSecretScanCache(database), limits,
          digest -> new SqliteScanCache(database).latest(digest, OsvMatcher.SCANNER).map(VulnerabilityFacts::of));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Opening the layer cache in {} failed; images are indexed without it", AppPaths.dataDir(), e);
      return new ImageAnalyzer(LayerIndexCache.NONE, CatalogCache.NONE, limits);
    }
  }

  /**
   * Gives the Vulnerabilities tab the app database, the bundled OSV samples next to the sample
   * images, and the browser for reference links.
   */
  private void connectVulnerabilities(VulnerabilitiesViewModel vulnerabilities, AppSettings settings) {
    if (database != null) {
      vulnerabilities.setStore(new SqliteScanStore(database));
    }
    Path samples = settings.samplesFolder().toAbsolutePath().getParent();
    if (samples != null) {
      vulnerabilities.setSampleData(samples.resolve("osv"));
    }
    vulnerabilities.setLinkOpener(getHostServices()::showDocument);
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
    if (layout != null) {
      layoutStore.save(layout.capture());
    }
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
