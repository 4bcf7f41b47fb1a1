package io.hullscope.ui.hardening;

import atlantafx.base.theme.Styles;
import io.hullscope.check.Finding;
import io.hullscope.ui.hardening.HardeningNode.Group;
import io.hullscope.ui.hardening.HardeningNode.Item;
import io.hullscope.ui.hardening.HardeningViewModel.SeverityGroup;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.shape.Circle;

/** The findings of the Hardening tab as a tree: one expanded group per severity, with its count. */
final class FindingTreeView {

  private final TreeTableView<HardeningNode> table = new TreeTableView<>();
  private final HardeningViewModel viewModel;
  private boolean rebuilding;

  FindingTreeView(HardeningViewModel viewModel) {
    this.viewModel = viewModel;
    table.setId("hardeningTree");
    table.setShowRoot(false);
    Label placeholder = new Label();
    placeholder.textProperty().bind(viewModel.placeholderProperty());
    placeholder.setWrapText(true);
    table.setPlaceholder(placeholder);
    table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

    TreeTableColumn<HardeningNode, HardeningNode> title = column("Finding", 420, node -> node);
    title.setCellFactory(column -> new TitleCell());
    TreeTableColumn<HardeningNode, String> confidence = column("Confidence", 115,
        node -> node instanceof Item item ? Severities.displayName(item.finding().confidence()) : "");
    confidence.setMinWidth(110);
    // The id is last, so it takes the remaining width.
    TreeTableColumn<HardeningNode, String> id = column("Check", 190,
        node -> node instanceof Item item ? item.finding().id() : "");
    id.setMinWidth(120);
    table.getColumns().setAll(List.of(title, confidence, id));

    viewModel.groupsProperty().addListener((observable, before, after) -> showGroups(after));
    showGroups(viewModel.groupsProperty().get());
    table.getSelectionModel().selectedItemProperty().addListener((observable, before, after) -> {
      if (!rebuilding) {
        viewModel.selectedFindingProperty().set(
            after != null && after.getValue() instanceof Item item ? item.finding() : null);
      }
    });
  }

  /** Replaces the rows, keeping the selected finding selected when the filter still shows it. */
  private void showGroups(List<SeverityGroup> groups) {
    Finding selected = viewModel.selectedFindingProperty().get();
    TreeItem<HardeningNode> root = new TreeItem<>();
    TreeItem<HardeningNode> selectedItem = null;
    for (SeverityGroup group : groups) {
      TreeItem<HardeningNode> groupItem = new TreeItem<>(group.node());
      groupItem.setExpanded(true);
      for (Finding finding : group.findings()) {
        TreeItem<HardeningNode> findingItem = new TreeItem<>(new Item(finding));
        groupItem.getChildren().add(findingItem);
        if (finding == selected) {
          selectedItem = findingItem;
        }
      }
      root.getChildren().add(groupItem);
    }
    rebuilding = true;
    try {
      table.setRoot(root);
      if (selectedItem != null) {
        table.getSelectionModel().select(selectedItem);
      }
    } finally {
      rebuilding = false;
    }
  }

  private static <T> TreeTableColumn<HardeningNode, T> column(String name, double width,
      Function<HardeningNode, T> value) {
    TreeTableColumn<HardeningNode, T> column = new TreeTableColumn<>(name);
    column.setPrefWidth(width);
    column.setSortable(false);
    column.setCellValueFactory(cell -> {
      HardeningNode node = cell.getValue() == null ? null : cell.getValue().getValue();
      return new ReadOnlyObjectWrapper<>(node == null ? null : value.apply(node));
    });
    return column;
  }

  Node node() {
    return table;
  }

  /** A group in bold with a dot in its severity's colour; a finding by its title. */
  private static final class TitleCell extends TreeTableCell<HardeningNode, HardeningNode> {
    @Override
    protected void updateItem(HardeningNode node, boolean empty) {
      super.updateItem(node, empty);
      getStyleClass().removeAll("hardening-group", Styles.TEXT_BOLD);
      if (empty || node == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      setText(node.label());
      if (node instanceof Group group) {
        Circle dot = new Circle(5);
        dot.getStyleClass().addAll("severity-dot", Severities.styleClass(group.severity()));
        setGraphic(dot);
        getStyleClass().add("hardening-group");
      } else {
        setGraphic(null);
      }
    }
  }
}
