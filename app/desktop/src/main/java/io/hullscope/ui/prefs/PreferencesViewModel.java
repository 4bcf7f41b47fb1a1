package io.hullscope.ui.prefs;

import io.hullscope.image.Limits;
import io.hullscope.source.docker.DaemonStatus;
import io.hullscope.source.docker.DockerDaemonSource;
import io.hullscope.ui.task.BackgroundTask;
import io.hullscope.ui.task.TaskExecutor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State of the Preferences dialog: the fields of every page as text, the lists the user edits, and
 * the save and test commands. Sizes are edited in MiB. Nothing is written until {@link #save()}
 * succeeds with valid values.
 */
public final class PreferencesViewModel {

  private static final Logger LOG = LoggerFactory.getLogger(PreferencesViewModel.class);
  private static final long MIB = 1L << 20;

  /** Removes a saved Harbor connection by name; the main window deletes it with its secret. */
  @FunctionalInterface
  public interface HarborRemover {
    void remove(String name);
  }

  private final PreferencesStore store;
  private final TaskExecutor executor;
  private final Function<String, DaemonStatus> dockerProbe;
  private UserPreferences saved;

  private final StringProperty dockerHost = new SimpleStringProperty("");
  private final ObservableList<DockerContexts.Choice> dockerChoices = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper dockerTestResult = new ReadOnlyStringWrapper("");
  private final ObservableList<SavedRegistryHost> registryHosts = FXCollections.observableArrayList();
  private final ObservableList<String> harborConnections = FXCollections.observableArrayList();
  private HarborRemover harborRemover = name -> {};
  private final StringProperty osvBase = new SimpleStringProperty("");
  private final StringProperty ecosystems = new SimpleStringProperty("");
  private final ObjectProperty<UpdateSchedule> schedule = new SimpleObjectProperty<>(UpdateSchedule.NEVER);
  private final StringProperty updateAfterDays = new SimpleStringProperty("");
  private final StringProperty maxEntrySizeMib = new SimpleStringProperty("");
  private final StringProperty maxLayerSizeMib = new SimpleStringProperty("");
  private final StringProperty maxEntries = new SimpleStringProperty("");
  private final StringProperty maxMetadataSizeMib = new SimpleStringProperty("");
  private final StringProperty backgroundThreads = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
  private final BooleanProperty restartNeeded = new SimpleBooleanProperty(false);
  private Runnable trustSettingsAction;
  private Consumer<UserPreferences> onSaved = preferences -> {};

  /**
   * @param dockerProbe connects to a daemon address (null for the default) and returns its state;
   *     called on a worker thread
   */
  public PreferencesViewModel(PreferencesStore store, TaskExecutor executor,
      Function<String, DaemonStatus> dockerProbe) {
    this.store = store;
    this.executor = executor;
    this.dockerProbe = dockerProbe;
    PreferencesStore.Loaded loaded = store.load();
    notice.set(loaded.fellBack() ? loaded.notice() : "");
    show(loaded.preferences());
  }

  /** Creates the view model with a probe that connects through {@link DockerDaemonSource}. */
  public static PreferencesViewModel withDockerProbe(PreferencesStore store, TaskExecutor executor) {
    return new PreferencesViewModel(store, executor, PreferencesViewModel::probe);
  }

  private static DaemonStatus probe(String host) {
    DockerDaemonSource source = new DockerDaemonSource(host, Limits.DEFAULT);
    DaemonStatus status = source.status();
    try {
      source.close();
    } catch (IOException e) {
      LOG.warn("Closing the test connection to the Docker daemon at {} failed", host, e);
    }
    return status;
  }

  /** Fills the fields from the preferences. */
  private void show(UserPreferences preferences) {
    saved = preferences;
    dockerHost.set(preferences.dockerHost() == null ? "" : preferences.dockerHost());
    registryHosts.setAll(preferences.registryHosts());
    osvBase.set(preferences.osvBase());
    ecosystems.set(String.join(", ", preferences.ecosystems()));
    schedule.set(preferences.updateSchedule());
    updateAfterDays.set(Integer.toString(preferences.updateAfterDays()));
    LimitSettings limits = preferences.limits();
    maxEntrySizeMib.set(Long.toString(limits.maxEntrySize() / MIB));
    maxLayerSizeMib.set(Long.toString(limits.maxLayerSize() / MIB));
    maxEntries.set(Long.toString(limits.maxEntriesPerLayer()));
    maxMetadataSizeMib.set(Long.toString(limits.maxMetadataSize() / MIB));
    backgroundThreads.set(Integer.toString(limits.backgroundThreads()));
  }

  /** Lists the Docker contexts and {@code DOCKER_HOST} for the host choice. */
  public void loadDockerChoices(List<DockerContexts.Choice> choices) {
    dockerChoices.setAll(choices);
  }

  /** Connects to the host in the field (or the default when empty) in the background and shows the result. */
  public void testDockerConnection() {
    String host = dockerHost.get() == null || dockerHost.get().isBlank() ? null : dockerHost.get().strip();
    dockerTestResult.set("Connecting to " + (host == null ? "the default Docker host" : host) + "...");
    executor.submit(new BackgroundTask<>(
        "Testing the Docker connection",
        progress -> dockerProbe.apply(host),
        status -> dockerTestResult.set(status.reachable() ? status.message() : "Not reachable: " + status.message()),
        failure -> dockerTestResult.set("Not reachable: " + failure.getMessage())));
  }

  /**
   * Adds or replaces the settings of a registry host.
   *
   * @return an error message for the dialog, or empty when the host was added
   */
  public String addRegistryHost(String host, boolean insecure, String caFile) {
    try {
      Path ca = caFile == null || caFile.isBlank() ? null : Path.of(caFile.strip());
      SavedRegistryHost added = new SavedRegistryHost(host == null ? null : host.strip(), insecure, ca);
      registryHosts.removeIf(old -> old.host().equalsIgnoreCase(added.host()));
      registryHosts.add(added);
      return "";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** Deletes a saved Harbor connection at once, as the sidebar's remove does. */
  public void removeHarborConnection(String name) {
    harborRemover.remove(name);
    harborConnections.remove(name);
  }

  /**
   * Validates every field and builds the preferences.
   *
   * @throws IllegalArgumentException naming the first invalid field
   */
  UserPreferences collect() {
    long entry = whole(maxEntrySizeMib, "Max file size") * MIB;
    long layer = whole(maxLayerSizeMib, "Max layer size") * MIB;
    long entries = whole(maxEntries, "Max entries per layer");
    long metadata = whole(maxMetadataSizeMib, "Max metadata size") * MIB;
    long threads = whole(backgroundThreads, "Background threads");
    LimitSettings limits = new LimitSettings(entry, layer, entries, metadata,
        (int) Math.min(Integer.MAX_VALUE, threads));
    List<String> problems = limits.problems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.get(0));
    }
    long days = whole(updateAfterDays, "Update after days");
    List<String> names = Arrays.stream(ecosystems.get().split("[,\\s]+")).filter(name -> !name.isBlank()).toList();
    return new UserPreferences(dockerHost.get(), new ArrayList<>(registryHosts), osvBase.get(), names, schedule.get(),
        (int) Math.min(Integer.MAX_VALUE, days), limits);
  }

  /**
   * Saves the fields when they are valid.
   *
   * @return true when saved, otherwise false with the reason in {@link #problemProperty()}
   */
  public boolean save() {
    UserPreferences preferences;
    try {
      preferences = collect();
    } catch (IllegalArgumentException e) {
      problem.set(e.getMessage());
      return false;
    }
    try {
      store.save(preferences);
    } catch (IOException e) {
      problem.set("Saving the preferences to " + store.file() + " failed: " + e.getMessage());
      return false;
    }
    problem.set("");
    notice.set("");
    restartNeeded.set(!preferences.limits().equals(saved.limits())
        || !String.valueOf(preferences.dockerHost()).equals(String.valueOf(saved.dockerHost())));
    saved = preferences;
    onSaved.accept(preferences);
    return true;
  }

  private static long whole(StringProperty field, String name) {
    String text = field.get() == null ? "" : field.get().strip().replace(",", "").replace("_", "");
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, not '" + field.get() + "'");
    }
  }

  /** Returns the preferences as last loaded or saved. */
  public UserPreferences saved() {
    return saved;
  }

  /** Sets what runs after a successful save, for example applying the new settings to the window. */
  public void setOnSaved(Consumer<UserPreferences> onSaved) {
    this.onSaved = onSaved;
  }

  /** Sets the saved Harbor connections to list and how to remove one. */
  public void setHarborConnections(List<String> names, HarborRemover remover) {
    harborConnections.setAll(names);
    harborRemover = remover;
  }

  /** Sets what the "Trust settings..." button opens; the button is disabled while none is set. */
  public void setTrustSettingsAction(Runnable action) {
    trustSettingsAction = action;
  }

  public Runnable trustSettingsAction() {
    return trustSettingsAction;
  }

  public StringProperty dockerHostProperty() {
    return dockerHost;
  }

  public ObservableList<DockerContexts.Choice> dockerChoices() {
    return dockerChoices;
  }

  /** Returns the result line of the last connection test. */
  public ReadOnlyStringProperty dockerTestResultProperty() {
    return dockerTestResult.getReadOnlyProperty();
  }

  public ObservableList<SavedRegistryHost> registryHosts() {
    return registryHosts;
  }

  public ObservableList<String> harborConnections() {
    return harborConnections;
  }

  public StringProperty osvBaseProperty() {
    return osvBase;
  }

  /** Returns the ecosystems field: names separated by commas or spaces. */
  public StringProperty ecosystemsProperty() {
    return ecosystems;
  }

  public ObjectProperty<UpdateSchedule> scheduleProperty() {
    return schedule;
  }

  public StringProperty updateAfterDaysProperty() {
    return updateAfterDays;
  }

  public StringProperty maxEntrySizeMibProperty() {
    return maxEntrySizeMib;
  }

  public StringProperty maxLayerSizeMibProperty() {
    return maxLayerSizeMib;
  }

  public StringProperty maxEntriesProperty() {
    return maxEntries;
  }

  public StringProperty maxMetadataSizeMibProperty() {
    return maxMetadataSizeMib;
  }

  public StringProperty backgroundThreadsProperty() {
    return backgroundThreads;
  }

  /** Returns why the last save was rejected; empty after a successful save. */
  public ReadOnlyStringProperty problemProperty() {
    return problem.getReadOnlyProperty();
  }

  /** Returns why the saved file was not used at start; empty when it was. */
  public ReadOnlyStringProperty noticeProperty() {
    return notice.getReadOnlyProperty();
  }

  /** Returns true after a save that changed settings read only at start: limits, threads or the Docker host. */
  public BooleanProperty restartNeededProperty() {
    return restartNeeded;
  }

  /** Formats a schedule for the choice box. */
  static String describe(UpdateSchedule value) {
    return value == UpdateSchedule.NEVER ? "Never (update with 'hullscope db update')"
        : "On start, when older than the days below";
  }
}
