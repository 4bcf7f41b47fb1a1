package io.hullscope.ui;

import io.hullscope.image.Limits;
import io.hullscope.index.FileContentReader;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.ui.content.FileContentViewModel;
import io.hullscope.ui.harbor.ConnectionStore;
import io.hullscope.ui.harbor.HarborBrowserViewModel;
import io.hullscope.ui.layers.LayersViewModel;
import io.hullscope.ui.overview.OverviewViewModel;
import io.hullscope.ui.sbom.SbomViewModel;
import io.hullscope.ui.sources.SourceEntry;
import io.hullscope.ui.task.TaskExecutor;
import java.util.List;
import java.util.prefs.Preferences;

/** Builds the main view model the way the application does, without a cache, for tests. */
final class TestViewModels {

  private TestViewModels() {}

  static MainViewModel mainViewModel(TaskExecutor executor, Preferences preferences, List<SourceEntry> sources) {
    return mainViewModel(executor, preferences, new HarborBrowserViewModel(executor, ConnectionStore.inMemory()),
        sources);
  }

  static MainViewModel mainViewModel(TaskExecutor executor, Preferences preferences, HarborBrowserViewModel harbor,
      List<SourceEntry> sources) {
    ErrorViewModel error = new ErrorViewModel();
    FileContentViewModel content = new FileContentViewModel(executor, new FileContentReader(Limits.DEFAULT));
    return new MainViewModel(
        executor,
        new ImageAnalyzer(LayerIndexCache.NONE, CatalogCache.NONE, Limits.DEFAULT),
        new RecentFiles(preferences),
        error,
        new OverviewViewModel(),
        new LayersViewModel(executor, error, content),
        new SbomViewModel(executor, error),
        harbor,
        sources);
  }
}
