package io.hullscope.ui.overview;

import atlantafx.base.theme.Styles;
import io.hullscope.ui.SizeTerms;
import io.hullscope.ui.hardening.GradeCardView;
import io.hullscope.ui.help.Abbreviations;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
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

/**
 * The Overview tab. The grade card is on top, then key and value grids for the config and the
 * environment, and the labels with each key above its value, because label keys such as
 * {@code org.opencontainers.image.base.digest} leave no room for a value on the same line. The
 * history is at the bottom.
 */
public final class OverviewView {

  /** Node property with the key of the config row a node shows, for highlighting. */
  private static final String CONFIG_KEY = "hullscope.configKey";
  private static final String CONFIG_HIGHLIGHT = "config-highlight";

  private final OverviewViewModel viewModel;
  private final GridPane summary = grid();
  private final GridPane env = grid();
  private final GridPane labels = grid();
  private final ScrollPane scroll;
  private final VBox page;
  private final HistoryView history;

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
    reveal.visibleProperty().bind(viewModel.hasSecretsProperty());
    reveal.managedProperty().bind(reveal.visibleProperty());

    Label envHeading = heading("Environment");
    HBox envHeader = new HBox(12, envHeading, reveal);

    VBox image = new VBox(10, heading("Image"), summary);
    VBox runtime = new VBox(10, envHeader, env, heading("Labels"), labels);
    GridPane content = new GridPane();
    content.setHgap(32);
    ColumnConstraints imageColumn = new ColumnConstraints();
    imageColumn.setPercentWidth(55);
    ColumnConstraints runtimeColumn = new ColumnConstraints();
    runtimeColumn.setPercentWidth(45);
    content.getColumnConstraints().addAll(imageColumn, runtimeColumn);
    content.add(image, 0, 0);
    content.add(runtime, 1, 0);
    Node gradeCard = new GradeCardView(viewModel.gradeProperty(), viewModel.gradeFailureProperty(),
        viewModel::openHardening).node();
    history = new HistoryView(viewModel);
    page = new VBox(16, gradeCard, content, new VBox(10, heading("History"), history.node()));
    page.setPadding(new Insets(12, 16, 16, 16));
    scroll = new ScrollPane(page);
    scroll.setFitToWidth(true);
    scroll.setId("overview");

    // Every shown image replaces the summary rows, so that change refills all grids. The env and
    // label lists fire no change when an empty list replaces an empty list.
    viewModel.rows().addListener((ListChangeListener<ConfigRow>) change -> fillAll());
    viewModel.labels().addListener((ListChangeListener<ConfigRow>) change -> fillStacked(labels, viewModel.labels()));
    viewModel.env().addListener((ListChangeListener<EnvRow>) change -> fillEnv());
    viewModel.revealSecretsProperty().addListener((observable, before, after) -> fillEnv());
    viewModel.highlightedConfigProperty().addListener((observable, before, after) -> highlightConfig(after, true));
    viewModel.highlightedHistoryProperty().addListener((observable, before, after) -> {
      if (after.intValue() >= 0) {
        scrollAfterLayout(history.rowNode(after.intValue()));
      }
    });
    fillAll();
  }

  /**
   * Scrolls to a node after the next layout pass. The Overview tab may have been selected in the
   * same event, and a hidden tab's sizes are not known until it is laid out.
   */
  private void scrollAfterLayout(Node node) {
    Scene scene = scroll.getScene();
    if (node == null || scene == null) {
      return;
    }
    Runnable[] once = new Runnable[1];
    once[0] = () -> {
      scene.removePostLayoutPulseListener(once[0]);
      scrollTo(node);
    };
    scene.addPostLayoutPulseListener(once[0]);
    scroll.requestLayout();
  }

  /** Scrolls the page so that a node sits in the upper third of the visible part. */
  private void scrollTo(Node node) {
    if (node == null) {
      return;
    }
    page.applyCss();
    page.layout();
    double top = page.sceneToLocal(node.localToScene(node.getBoundsInLocal())).getMinY();
    double visible = scroll.getViewportBounds().getHeight();
    double scrollable = page.getBoundsInLocal().getHeight() - visible;
    if (scrollable > 0) {
      scroll.setVvalue(Math.max(0, Math.min(1, (top - visible / 3) / scrollable)));
    }
  }

  private void fillAll() {
    fill(summary, viewModel.rows());
    fillStacked(labels, viewModel.labels());
    fillEnv();
  }

  private void fillEnv() {
    List<ConfigRow> rows = viewModel.env().stream()
        .map(row -> new ConfigRow(row.name(), viewModel.displayedValue(row)))
        .toList();
    fill(env, rows);
    highlightConfig(viewModel.highlightedConfigProperty().get(), false);
  }

  /** Marks the key and value of every row named {@code key} and, when asked, scrolls to the first. */
  private void highlightConfig(String key, boolean scroll) {
    Node first = null;
    for (GridPane grid : List.of(summary, env, labels)) {
      for (Node child : grid.getChildren()) {
        boolean match = !key.isEmpty() && key.equals(child.getProperties().get(CONFIG_KEY));
        child.getStyleClass().remove(CONFIG_HIGHLIGHT);
        if (match) {
          child.getStyleClass().add(CONFIG_HIGHLIGHT);
          first = first == null ? child : first;
        }
      }
    }
    if (scroll && first != null) {
      scrollAfterLayout(first);
    }
  }

  /** Puts each key left of its value; the key column is as wide as the widest key. */
  private static void fill(GridPane grid, List<ConfigRow> rows) {
    if (showNone(grid, rows)) {
      return;
    }
    for (int i = 0; i < rows.size(); i++) {
      ConfigRow row = rows.get(i);
      grid.add(key(row), 0, i);
      grid.add(value(row), 1, i);
    }
  }

  /** Puts each key above its value, for keys too long to share a line with the value (labels). */
  private static void fillStacked(GridPane grid, List<ConfigRow> rows) {
    if (showNone(grid, rows)) {
      return;
    }
    for (int i = 0; i < rows.size(); i++) {
      ConfigRow row = rows.get(i);
      Label key = key(row);
      key.setWrapText(true);
      key.setMinWidth(0);
      key.setMinHeight(Region.USE_PREF_SIZE);
      VBox entry = new VBox(2, key, value(row));
      entry.getStyleClass().add("config-entry");
      entry.getProperties().put(CONFIG_KEY, row.label());
      grid.add(entry, 0, i, 2, 1);
    }
  }

  private static boolean showNone(GridPane grid, List<ConfigRow> rows) {
    grid.getChildren().clear();
    if (!rows.isEmpty()) {
      return false;
    }
    Label none = new Label("none");
    none.getStyleClass().add(Styles.TEXT_MUTED);
    grid.add(none, 0, 0);
    return true;
  }

  private static Label key(ConfigRow row) {
    Label key = new Label(row.label());
    key.getStyleClass().add("config-label");
    key.getProperties().put(CONFIG_KEY, row.label());
    key.setMinWidth(Region.USE_PREF_SIZE);
    String explanation = SizeTerms.explanation(row.label());
    if (explanation == null) {
      explanation = Abbreviations.explain(row.label() + " " + row.value());
    }
    if (explanation != null) {
      key.setTooltip(wrapped(explanation));
    }
    return key;
  }

  private static Tooltip wrapped(String text) {
    Tooltip tooltip = new Tooltip(text);
    tooltip.setWrapText(true);
    tooltip.setMaxWidth(420);
    return tooltip;
  }

  private static Label value(ConfigRow row) {
    Label value = new Label(row.value());
    value.setWrapText(true);
    value.setMinHeight(Region.USE_PREF_SIZE);
    value.getStyleClass().add("config-value");
    value.getProperties().put(CONFIG_KEY, row.label());
    value.setId("overview-" + row.label().toLowerCase(Locale.ROOT).replace(' ', '-'));
    value.setContextMenu(copyMenu(row.value()));
    String explanation = SizeTerms.explanation(row.label());
    if (explanation != null) {
      value.setTooltip(wrapped(explanation));
    }
    value.setMaxWidth(Double.MAX_VALUE);
    GridPane.setHgrow(value, Priority.ALWAYS);
    return value;
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
    grid.setHgap(16);
    grid.setVgap(4);
    // The key column keeps its computed minimum (the widest key), so a key never slides under its value.
    ColumnConstraints labelColumn = new ColumnConstraints();
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
