package io.hullscope.ui.overview;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The history steps on the Overview: step number, the layer it produced and the instruction. One
 * step can be highlighted, for example the one a hardening finding points at.
 */
final class HistoryView {

  private final OverviewViewModel viewModel;
  private final GridPane grid = new GridPane();
  private final List<Node> rowNodes = new ArrayList<>();

  HistoryView(OverviewViewModel viewModel) {
    this.viewModel = viewModel;
    grid.setId("history");
    grid.setHgap(16);
    grid.setVgap(2);
    ColumnConstraints instruction = new ColumnConstraints();
    instruction.setHgrow(Priority.ALWAYS);
    grid.getColumnConstraints().addAll(new ColumnConstraints(), new ColumnConstraints(), instruction);
    viewModel.history().addListener((ListChangeListener<HistoryRow>) change -> fill());
    viewModel.highlightedHistoryProperty().addListener((observable, before, after) -> highlight(after.intValue()));
    fill();
  }

  private void fill() {
    grid.getChildren().clear();
    rowNodes.clear();
    List<HistoryRow> rows = viewModel.history();
    if (rows.isEmpty()) {
      Label none = new Label("none");
      none.getStyleClass().add("config-label");
      grid.add(none, 0, 0);
      return;
    }
    for (int i = 0; i < rows.size(); i++) {
      HistoryRow row = rows.get(i);
      Label step = new Label(Integer.toString(row.step()));
      step.getStyleClass().add("config-label");
      step.setMinWidth(Region.USE_PREF_SIZE);
      Label layer = new Label(row.layerText());
      layer.getStyleClass().add("config-label");
      layer.setMinWidth(Region.USE_PREF_SIZE);
      Label instruction = new Label(row.instruction());
      instruction.setWrapText(true);
      instruction.setMinHeight(Region.USE_PREF_SIZE);
      instruction.setMaxWidth(Double.MAX_VALUE);
      instruction.getStyleClass().addAll("config-value", "history-instruction");
      instruction.setId("history-" + row.step());
      grid.addRow(i, step, layer, instruction);
      rowNodes.add(instruction);
    }
    highlight(viewModel.highlightedHistoryProperty().get());
  }

  private void highlight(int index) {
    for (int i = 0; i < rowNodes.size(); i++) {
      Node node = rowNodes.get(i);
      node.getStyleClass().remove("history-highlight");
      if (i == index) {
        node.getStyleClass().add("history-highlight");
      }
    }
  }

  /** Returns the instruction label of a step, to scroll it into view; null when there is none. */
  Node rowNode(int index) {
    return index >= 0 && index < rowNodes.size() ? rowNodes.get(index) : null;
  }

  Node node() {
    return grid;
  }
}
