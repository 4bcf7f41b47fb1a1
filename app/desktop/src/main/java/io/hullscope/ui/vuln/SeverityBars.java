package io.hullscope.ui.vuln;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;

/**
 * The summary chart: one horizontal bar per severity, as long as its share of the largest count,
 * coloured like the Hardening tab's severity chips.
 */
final class SeverityBars {

  /** Width of the longest bar in pixels. */
  private static final double MAX_BAR_WIDTH = 220;

  private final GridPane grid = new GridPane();
  private final ObservableList<SeverityCount> counts;

  SeverityBars(ObservableList<SeverityCount> counts) {
    this.counts = counts;
    grid.setHgap(8);
    grid.setVgap(3);
    grid.setId("severityBars");
    grid.getStyleClass().add("severity-bars");
    counts.addListener((ListChangeListener<SeverityCount>) change -> rebuild());
    rebuild();
  }

  private void rebuild() {
    grid.getChildren().clear();
    int largest = counts.stream().mapToInt(SeverityCount::count).max().orElse(0);
    int row = 0;
    for (SeverityCount count : counts) {
      Label name = new Label(VulnSeverities.displayName(count.severity()));
      Region bar = new Region();
      bar.getStyleClass().addAll("severity-chip", VulnSeverities.styleClass(count.severity()));
      double width = largest == 0 ? 0 : Math.max(count.count() == 0 ? 0 : 4, MAX_BAR_WIDTH * count.count() / largest);
      bar.setMinSize(width, 12);
      bar.setPrefSize(width, 12);
      bar.setMaxSize(width, 12);
      Label number = new Label(String.valueOf(count.count()));
      number.setId("severityCount-" + count.severity().name().toLowerCase(java.util.Locale.ROOT));
      grid.addRow(row++, name, bar, number);
      GridPane.setValignment(bar, javafx.geometry.VPos.CENTER);
    }
    grid.setAlignment(Pos.CENTER_LEFT);
  }

  Node node() {
    return grid;
  }
}
