package io.hullscope.ui.vuln;

import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The summary chart: one column per severity, as tall as its share of the largest count, coloured
 * like the Hardening tab's severity chips, with the severity and count below.
 */
final class SeverityBars {

  /** Height of the tallest column in pixels, small so that the chart leaves room for the table. */
  private static final double MAX_BAR_HEIGHT = 36;
  private static final double BAR_WIDTH = 28;

  private final HBox row = new HBox(18);
  private final ObservableList<SeverityCount> counts;

  SeverityBars(ObservableList<SeverityCount> counts) {
    this.counts = counts;
    row.setId("severityBars");
    row.setAlignment(Pos.BOTTOM_LEFT);
    counts.addListener((ListChangeListener<SeverityCount>) change -> rebuild());
    rebuild();
  }

  private void rebuild() {
    row.getChildren().clear();
    int largest = counts.stream().mapToInt(SeverityCount::count).max().orElse(0);
    for (SeverityCount count : counts) {
      Region bar = new Region();
      bar.getStyleClass().addAll("severity-chip", VulnSeverities.styleClass(count.severity()));
      // A severity with findings keeps a visible stub even next to a much larger count.
      double height = largest == 0 || count.count() == 0 ? 2 : Math.max(4, MAX_BAR_HEIGHT * count.count() / largest);
      bar.setMinSize(BAR_WIDTH, height);
      bar.setPrefSize(BAR_WIDTH, height);
      bar.setMaxSize(BAR_WIDTH, height);
      Label label = new Label(VulnSeverities.displayName(count.severity()) + " " + count.count());
      label.setId("severityCount-" + count.severity().name().toLowerCase(Locale.ROOT));
      VBox column = new VBox(2, bar, label);
      column.setAlignment(Pos.BOTTOM_CENTER);
      column.setMinHeight(MAX_BAR_HEIGHT + 20);
      row.getChildren().add(column);
    }
  }

  Node node() {
    return row;
  }
}
