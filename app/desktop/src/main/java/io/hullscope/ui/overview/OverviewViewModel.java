package io.hullscope.ui.overview;

import io.hullscope.check.HardeningReport;
import io.hullscope.cli.ByteSizes;
import io.hullscope.cli.SecretMasking;
import io.hullscope.image.Healthcheck;
import io.hullscope.image.HistoryEntry;
import io.hullscope.image.Image;
import io.hullscope.image.ImageConfig;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.FileTree;
import io.hullscope.index.WasteReport;
import io.hullscope.ui.SizeTerms;
import io.hullscope.ui.hardening.GradeSummary;
import io.hullscope.ui.sources.ImageRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Overview tab: the hygiene grade and user verdict, the image config and its history at a
 * glance, with secret-looking env values masked.
 */
public final class OverviewViewModel {

  private final ObservableList<ConfigRow> rows = FXCollections.observableArrayList();
  private final ObservableList<EnvRow> env = FXCollections.observableArrayList();
  private final ObservableList<ConfigRow> labels = FXCollections.observableArrayList();
  private final BooleanProperty revealSecrets = new SimpleBooleanProperty(false);
  private final StringBinding revealSecretsText =
      Bindings.when(revealSecrets).then("Hide secrets").otherwise("Reveal secrets");
  private final ReadOnlyBooleanWrapper hasSecrets = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyObjectWrapper<GradeSummary> grade = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper gradeFailure = new ReadOnlyStringWrapper("");
  private final ObservableList<HistoryEntry> historyEntries = FXCollections.observableArrayList();
  private final ObservableList<HistoryRow> history = FXCollections.observableArrayList();
  private final ReadOnlyIntegerWrapper highlightedHistory = new ReadOnlyIntegerWrapper(-1);
  private final ReadOnlyStringWrapper highlightedConfig = new ReadOnlyStringWrapper("");
  private Runnable hardeningOpener = () -> {};
  private int layerCount;

  public OverviewViewModel() {
    revealSecrets.addListener((observable, before, after) -> fillHistory());
  }

  /** Shows the given analysis, or clears the tab for null. */
  public void show(ImageAnalysis analysis) {
    show(analysis, null);
  }

  /**
   * Shows the given analysis, or clears the tab for null.
   *
   * @param row the image table row it was opened from, for the size the source lists; may be null
   */
  public void show(ImageAnalysis analysis, ImageRow row) {
    revealSecrets.set(false);
    highlightedHistory.set(-1);
    highlightedConfig.set("");
    if (analysis == null) {
      rows.clear();
      env.clear();
      labels.clear();
      historyEntries.clear();
      hasSecrets.set(false);
      fillHistory();
      showHardening(null, null);
      return;
    }
    Image image = analysis.image();
    ImageConfig config = image.config();
    rows.setAll(summaryRows(analysis, row, image, config));
    env.setAll(config.env().stream().map(OverviewViewModel::envRow).toList());
    labels.setAll(new TreeMap<>(config.labels()).entrySet().stream()
        .map(label -> new ConfigRow(label.getKey(), label.getValue()))
        .toList());
    layerCount = config.diffIds().size();
    historyEntries.setAll(config.history());
    fillHistory();
    hasSecrets.set(env.stream().anyMatch(EnvRow::secret) || historyEntries.stream()
        .map(HistoryEntry::description)
        .anyMatch(text -> !HistoryText.masked(text).equals(HistoryText.readable(text))));
  }

  /**
   * Shows the grade card of an image's hardening report; null clears it.
   *
   * @param failure why the checks could not run, shown when {@code report} is null; may be null
   */
  public void showHardening(HardeningReport report, String failure) {
    grade.set(report == null ? null : GradeSummary.of(report));
    gradeFailure.set(report == null && failure != null ? "The hardening checks could not run: " + failure : "");
  }

  /** Numbers the history steps by the layer each produced, masking secret values unless revealed. */
  private void fillHistory() {
    List<HistoryRow> result = new ArrayList<>();
    int layer = 0;
    for (int i = 0; i < historyEntries.size(); i++) {
      HistoryEntry entry = historyEntries.get(i);
      String text = entry.description();
      String shown = revealSecrets.get() ? HistoryText.readable(text) : HistoryText.masked(text);
      // A history with more layer steps than the image has layers leaves the extra steps without one.
      boolean producedLayer = !entry.emptyLayer() && layer < layerCount;
      result.add(new HistoryRow(i, shown, producedLayer ? layer : -1));
      if (!entry.emptyLayer()) {
        layer++;
      }
    }
    history.setAll(result);
  }

  /** Highlights a history step, for example one that a hardening finding points at. */
  public void revealHistory(int index) {
    // Setting -1 first fires a change even when the same step is revealed twice, so the view scrolls again.
    highlightedHistory.set(-1);
    if (index >= 0 && index < history.size()) {
      highlightedHistory.set(index);
    }
  }

  /**
   * Highlights the row of a config field that a hardening finding points at.
   *
   * @param field the config field as the checks name it, for example {@code ExposedPorts} or {@code Env}
   * @param text the evidence text; for {@code Env} and {@code Labels} its part before '=' names the row
   */
  public void revealConfig(String field, String text) {
    // Setting "" first fires a change even when the same row is revealed twice, so the view scrolls again.
    highlightedConfig.set("");
    String key = configKey(field, text == null ? "" : text);
    if (key != null) {
      highlightedConfig.set(key);
    }
  }

  /** Returns the Overview key of a config field, or null when no row shows it. */
  private String configKey(String field, String text) {
    if (field == null) {
      return null;
    }
    String name = text.contains("=") ? text.substring(0, text.indexOf('=')).strip() : text.strip();
    return switch (field) {
      case "User" -> "User";
      case "Entrypoint" -> "Entrypoint";
      case "Cmd" -> "Cmd";
      case "WorkingDir" -> "Working dir";
      case "ExposedPorts" -> "Exposed ports";
      case "Volumes" -> "Volumes";
      case "Healthcheck" -> "Healthcheck";
      case "RootFS" -> "Layers";
      case "RepoTags" -> "Reference";
      case "Env" -> env.stream().anyMatch(row -> row.name().equals(name)) ? name : null;
      case "Labels" -> labels.stream().anyMatch(row -> row.label().equals(name)) ? name : null;
      default -> null;
    };
  }

  /** Opens the Hardening tab, from the grade card's link. */
  public void openHardening() {
    hardeningOpener.run();
  }

  /** Sets what {@link #openHardening} calls; the main view model selects the Hardening tab. */
  public void setHardeningOpener(Runnable opener) {
    hardeningOpener = opener;
  }

  private static List<ConfigRow> summaryRows(ImageAnalysis analysis, ImageRow row, Image image, ImageConfig config) {
    List<ConfigRow> result = new ArrayList<>();
    result.add(new ConfigRow("Reference", image.references().isEmpty() ? "<none>" : String.join(", ", image.references())));
    result.add(new ConfigRow("Digest", String.valueOf(image.digest())));
    result.add(new ConfigRow("Image id", String.valueOf(image.configDigest())));
    result.add(new ConfigRow("Platform", config.platform() == null ? "unknown" : config.platform().toString()));
    result.add(new ConfigRow("Created", config.created() == null ? "unknown" : config.created().toString()));
    result.add(new ConfigRow("User", userText(config.user())));
    result.add(new ConfigRow("Entrypoint", join(config.entrypoint())));
    result.add(new ConfigRow("Cmd", join(config.cmd())));
    result.add(new ConfigRow("Working dir", blankAsDash(config.workingDir())));
    result.add(new ConfigRow("Exposed ports", joinSorted(config.exposedPorts())));
    result.add(new ConfigRow("Volumes", joinSorted(config.volumes())));
    result.add(new ConfigRow("Healthcheck", healthcheckText(config.healthcheck())));
    result.add(new ConfigRow("Layers", Integer.toString(image.layers().size())));
    if (row != null && row.summary().size() >= 0) {
      result.add(new ConfigRow(row.sizeName(), row.size()));
    }
    result.add(new ConfigRow(SizeTerms.UNPACKED, ByteSizes.format(SizeTerms.unpackedSize(analysis))));
    result.add(new ConfigRow(SizeTerms.FINAL_FILES, finalFilesText(SizeTerms.finalFileSystem(analysis))));
    result.add(new ConfigRow("Efficiency", efficiencyText(analysis.waste())));
    result.add(new ConfigRow("Source", image.sourceDescription()));
    return result;
  }

  /** Returns the user as shown: "root (unset)" when the config leaves it empty. */
  public static String userText(String user) {
    return user == null || user.isEmpty() ? "root (unset)" : user;
  }

  /** Returns the value to show for an env row, masked unless secrets are revealed. */
  public String displayedValue(EnvRow row) {
    return row.secret() && !revealSecrets.get() ? SecretMasking.MASK : row.value();
  }

  private static EnvRow envRow(String entry) {
    int equals = entry.indexOf('=');
    String name = equals < 0 ? entry : entry.substring(0, equals);
    String value = equals < 0 ? "" : entry.substring(equals + 1);
    return new EnvRow(name, value, SecretMasking.isSecretName(name));
  }

  /** Returns "1.8 KiB in 11 files" for the file system after the top layer. */
  static String finalFilesText(FileTree tree) {
    if (tree == null) {
      return "empty";
    }
    int files = tree.root().fileCount();
    return ByteSizes.format(tree.totalSize()) + " in " + files + (files == 1 ? " file" : " files");
  }

  static String efficiencyText(WasteReport waste) {
    return String.format(Locale.ROOT, "%.1f %% (%s wasted in %d files)",
        waste.efficiency() * 100, ByteSizes.format(waste.wastedBytes()), waste.files().size());
  }

  private static String healthcheckText(Healthcheck healthcheck) {
    if (healthcheck == null) {
      return "-";
    }
    if (healthcheck.disabled()) {
      return "disabled (NONE)";
    }
    StringBuilder text = new StringBuilder(join(healthcheck.test()));
    if (healthcheck.interval() != null) {
      text.append(", every ").append(healthcheck.interval().toSeconds()).append(" s");
    }
    if (healthcheck.retries() != null) {
      text.append(", ").append(healthcheck.retries()).append(" retries");
    }
    return text.toString();
  }

  private static String join(List<String> values) {
    return values.isEmpty() ? "-" : String.join(" ", values);
  }

  private static String joinSorted(Collection<String> values) {
    return values.isEmpty() ? "-" : String.join(", ", values.stream().sorted().toList());
  }

  private static String blankAsDash(String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }

  public ObservableList<ConfigRow> rows() {
    return rows;
  }

  public ObservableList<EnvRow> env() {
    return env;
  }

  public ObservableList<ConfigRow> labels() {
    return labels;
  }

  /** When true, masked env values are shown in clear text. */
  public BooleanProperty revealSecretsProperty() {
    return revealSecrets;
  }

  /** True when an environment value or a history step is masked, so the reveal toggle has a use. */
  public ReadOnlyBooleanProperty hasSecretsProperty() {
    return hasSecrets.getReadOnlyProperty();
  }

  /** Returns the text of the reveal toggle: what pressing it does next. */
  public StringBinding revealSecretsText() {
    return revealSecretsText;
  }

  /** Returns the grade card; its value is null while no image is open or the checks failed. */
  public ReadOnlyObjectProperty<GradeSummary> gradeProperty() {
    return grade.getReadOnlyProperty();
  }

  /** Returns why the checks could not run, or an empty string. */
  public ReadOnlyStringProperty gradeFailureProperty() {
    return gradeFailure.getReadOnlyProperty();
  }

  /** Returns the history steps, oldest first, empty layers included. */
  public ObservableList<HistoryRow> history() {
    return history;
  }

  /** Returns the key of the highlighted config, env or label row, or "" for none. */
  public ReadOnlyStringProperty highlightedConfigProperty() {
    return highlightedConfig.getReadOnlyProperty();
  }

  /** Returns the index of the highlighted history step, or -1. */
  public ReadOnlyIntegerProperty highlightedHistoryProperty() {
    return highlightedHistory.getReadOnlyProperty();
  }

  /** Returns the labels as a map, for tests and exports. */
  public Map<String, String> labelMap() {
    Map<String, String> map = new TreeMap<>();
    labels.forEach(row -> map.put(row.label(), row.value()));
    return map;
  }
}
