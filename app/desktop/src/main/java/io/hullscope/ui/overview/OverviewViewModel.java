package io.hullscope.ui.overview;

import io.hullscope.cli.ByteSizes;
import io.hullscope.cli.SecretMasking;
import io.hullscope.image.Healthcheck;
import io.hullscope.image.Image;
import io.hullscope.image.ImageConfig;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.FileTree;
import io.hullscope.index.WasteReport;
import io.hullscope.ui.SizeTerms;
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
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Overview tab: the image config at a glance, with secret-looking env values masked. */
public final class OverviewViewModel {

  private final ObservableList<ConfigRow> rows = FXCollections.observableArrayList();
  private final ObservableList<EnvRow> env = FXCollections.observableArrayList();
  private final ObservableList<ConfigRow> labels = FXCollections.observableArrayList();
  private final BooleanProperty revealSecrets = new SimpleBooleanProperty(false);
  private final StringBinding revealSecretsText =
      Bindings.when(revealSecrets).then("Hide secrets").otherwise("Reveal secrets");

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
    if (analysis == null) {
      rows.clear();
      env.clear();
      labels.clear();
      return;
    }
    Image image = analysis.image();
    ImageConfig config = image.config();
    rows.setAll(summaryRows(analysis, row, image, config));
    env.setAll(config.env().stream().map(OverviewViewModel::envRow).toList());
    labels.setAll(new TreeMap<>(config.labels()).entrySet().stream()
        .map(label -> new ConfigRow(label.getKey(), label.getValue()))
        .toList());
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

  /** Returns the text of the reveal toggle: what pressing it does next. */
  public StringBinding revealSecretsText() {
    return revealSecretsText;
  }

  /** Returns the labels as a map, for tests and exports. */
  public Map<String, String> labelMap() {
    Map<String, String> map = new TreeMap<>();
    labels.forEach(row -> map.put(row.label(), row.value()));
    return map;
  }
}
