package io.hullscope.ui.overview;

import atlantafx.base.theme.Styles;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Overview tab: label and value grids for the config, the environment and the labels. */
public final class OverviewView {

  private final OverviewViewModel viewModel;
  private final GridPane summary = grid();
  private final GridPane env = grid();
  private final GridPane labels = grid();
  private final ScrollPane scroll;

  public OverviewView(OverviewViewModel viewModel) {
    this.viewModel = viewModel;

    ToggleButton reveal = new ToggleButton();
    reveal.setId("revealSecrets");
    reveal.getStyleClass().add(Styles.SMALL);
    reveal.selectedProperty().bindBidirectional(viewModel.revealSecretsProperty());
    reveal.textProperty().bind(viewModel.revealSecretsText());
    reveal.accessibleTextProperty().bind(viewModel.revealSecretsText());
    reveal.graphicProperty().bind(Bindings.when(viewModel.revealSecretsProperty())
        .<Node>then(new FontIcon(Feather.EYE_OFF))
        .otherwise(new FontIcon(Feather.EYE)));

    Label envHeading = heading("Environment");
    HBox envHeader = new HBox(12, envHeading, reveal);

    VBox image = new VBox(10, heading("Image"), summary);
    VBox runtime = new VBox(10, envHeader, env, heading("Labels"), labels);
    GridPane content = new GridPane();
    content.setHgap(32);
    ColumnConstraints imageColumn = new ColumnConstraints();
    imageColumn.setPercentWidth(60);
    ColumnConstraints runtimeColumn = new ColumnConstraints();
    runtimeColumn.setPercentWidth(40);
    content.getColumnConstraints().addAll(imageColumn, runtimeColumn);
    content.add(image, 0, 0);
    content.add(runtime, 1, 0);
    content.setPadding(new Insets(12, 16, 16, 16));
    scroll = new ScrollPane(content);
    scroll.setFitToWidth(true);
    scroll.setId("overview");

    // Every shown image replaces the summary rows, so that change refills all grids. The env and
    // label lists fire no change when an empty list replaces an empty list.
    viewModel.rows().addListener((ListChangeListener<ConfigRow>) change -> fillAll());
    viewModel.labels().addListener((ListChangeListener<ConfigRow>) change -> fill(labels, viewModel.labels()));
    viewModel.env().addListener((ListChangeListener<EnvRow>) change -> fillEnv());
    viewModel.revealSecretsProperty().addListener((observable, before, after) -> fillEnv());
    fillAll();
  }

  private void fillAll() {
    fill(summary, viewModel.rows());
    fill(labels, viewModel.labels());
    fillEnv();
  }

  private void fillEnv() {
    List<ConfigRow> rows = viewModel.env().stream()
        .map(row -> new ConfigRow(row.name(), viewModel.displayedValue(row)))
        .toList();
    fill(env, rows);
  }

  private static void fill(GridPane grid, List<ConfigRow> rows) {
    grid.getChildren().clear();
    if (rows.isEmpty()) {
      Label none = new Label("none");
      none.getStyleClass().add(Styles.TEXT_MUTED);
      grid.add(none, 0, 0);
      return;
    }
    for (int i = 0; i < rows.size(); i++) {
      ConfigRow row = rows.get(i);
      Label label = new Label(row.label());
      label.getStyleClass().add("config-label");
      label.setMinWidth(Region.USE_PREF_SIZE);
      Label value = new Label(row.value());
      value.setWrapText(true);
      value.setMinHeight(Region.USE_PREF_SIZE);
      value.getStyleClass().add("config-value");
      value.setId("overview-" + row.label().toLowerCase(Locale.ROOT).replace(' ', '-'));
      value.setContextMenu(copyMenu(row.value()));
      GridPane.setHgrow(value, Priority.ALWAYS);
      grid.add(label, 0, i);
      grid.add(value, 1, i);
    }
  }

  /** Offers Copy on a value, because labels cannot be selected with the mouse. */
  private static ContextMenu copyMenu(String text) {
    MenuItem copy = new MenuItem("Copy");
    copy.setOnAction(event -> {
      ClipboardContent content = new ClipboardContent();
      content.putString(text);
      Clipboard.getSystemClipboard().setContent(content);
    });
    return new ContextMenu(copy);
  }

  private static GridPane grid() {
    GridPane grid = new GridPane();
    grid.setHgap(12);
    grid.setVgap(4);
    ColumnConstraints labelColumn = new ColumnConstraints();
    labelColumn.setMinWidth(100);
    ColumnConstraints valueColumn = new ColumnConstraints();
    valueColumn.setHgrow(Priority.ALWAYS);
    grid.getColumnConstraints().addAll(labelColumn, valueColumn);
    return grid;
  }

  private static Label heading(String text) {
    Label label = new Label(text);
    label.getStyleClass().add(Styles.TITLE_4);
    return label;
  }

  public Node node() {
    return scroll;
  }
}
