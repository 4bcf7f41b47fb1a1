package io.hullscope.ui.vuln;

import io.hullscope.vuln.VulnerabilityMatch;
import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Three side-by-side lists of a {@link ScanComparison}: only the first scan, both, only the second. */
final class ComparisonPane {

  private final VBox root = new VBox(6);
  private final Label title = new Label();
  private final Column onlyFirst = new Column();
  private final Column both = new Column();
  private final Column onlySecond = new Column();

  ComparisonPane(ObservableValue<ScanComparison> comparison, String idPrefix, String placeholder) {
    title.getStyleClass().add("finding-heading");
    title.setId(idPrefix + "Title");
    onlyFirst.list.setId(idPrefix + "OnlyFirst");
    both.list.setId(idPrefix + "Both");
    onlySecond.list.setId(idPrefix + "OnlySecond");
    HBox columns = new HBox(8, onlyFirst.box, both.box, onlySecond.box);
    VBox.setVgrow(columns, Priority.ALWAYS);
    root.getChildren().addAll(title, columns);
    root.setPadding(new Insets(6, 0, 0, 0));
    comparison.addListener((observable, before, after) -> show(after, placeholder));
    show(comparison.getValue(), placeholder);
  }

  private void show(ScanComparison shown, String placeholder) {
    if (shown == null) {
      title.setText(placeholder);
      onlyFirst.show("", List.of());
      both.show("", List.of());
      onlySecond.show("", List.of());
      return;
    }
    title.setText(shown.title());
    onlyFirst.show(shown.onlyFirstLabel(), shown.onlyFirst());
    both.show(shown.bothLabel(), shown.both());
    onlySecond.show(shown.onlySecondLabel(), shown.onlySecond());
  }

  Node node() {
    return root;
  }

  private static final class Column {
    private final Label heading = new Label();
    private final ListView<String> list = new ListView<>();
    private final VBox box = new VBox(4, heading, list);

    Column() {
      heading.getStyleClass().add("hardening-group");
      VBox.setVgrow(list, Priority.ALWAYS);
      HBox.setHgrow(box, Priority.ALWAYS);
      box.setMaxWidth(Double.MAX_VALUE);
      box.setPrefWidth(300);
    }

    void show(String label, List<VulnerabilityMatch> matches) {
      heading.setText(label);
      list.getItems().setAll(matches.stream().map(ScanText::matchLine).toList());
    }
  }
}
