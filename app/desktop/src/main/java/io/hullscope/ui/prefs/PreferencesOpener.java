package io.hullscope.ui.prefs;

import io.hullscope.ui.MainViewModel;
import io.hullscope.ui.harbor.HarborSourceEntry;
import io.hullscope.ui.sources.SourceEntry;
import io.hullscope.ui.task.TaskExecutor;
import java.util.function.Consumer;
import javafx.stage.Window;

/**
 * Opens the Preferences dialog from the Edit menu, each time with the saved preferences and the
 * current Harbor connections.
 */
public final class PreferencesOpener implements Runnable {

  private final Window owner;
  private final PreferencesStore store;
  private final TaskExecutor executor;
  private final MainViewModel main;
  private final Consumer<UserPreferences> onSaved;
  private Runnable trustSettingsAction;
  private PreferencesView lastView;

  /** @param onSaved receives the preferences after each successful save */
  public PreferencesOpener(Window owner, PreferencesStore store, TaskExecutor executor, MainViewModel main,
      Consumer<UserPreferences> onSaved) {
    this.owner = owner;
    this.store = store;
    this.executor = executor;
    this.main = main;
    this.onSaved = onSaved;
  }

  /** Sets what the Trust page's button opens, for this and every later dialog. */
  public void setTrustSettingsAction(Runnable action) {
    trustSettingsAction = action;
    if (lastView != null) {
      lastView.setTrustSettingsAction(action);
    }
  }

  @Override
  public void run() {
    PreferencesViewModel viewModel = PreferencesViewModel.withDockerProbe(store, executor);
    viewModel.loadDockerChoices(DockerContexts.list());
    viewModel.setHarborConnections(
        main.sources().stream().filter(HarborSourceEntry.class::isInstance).map(SourceEntry::name).toList(),
        name -> main.sources().stream()
            .filter(entry -> entry instanceof HarborSourceEntry && entry.name().equals(name))
            .findFirst()
            .ifPresent(main::removeSource));
    viewModel.setOnSaved(onSaved);
    PreferencesView view = new PreferencesView(owner, viewModel);
    if (trustSettingsAction != null) {
      view.setTrustSettingsAction(trustSettingsAction);
    }
    lastView = view;
    view.show();
  }
}
