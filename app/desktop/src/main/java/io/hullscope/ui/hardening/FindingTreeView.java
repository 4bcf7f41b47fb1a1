package io.hullscope.ui.hardening;

import atlantafx.base.theme.Styles;
import io.hullscope.check.Finding;
import io.hullscope.ui.hardening.HardeningNode.Group;
import io.hullscope.ui.hardening.HardeningNode.Item;
import io.hullscope.ui.hardening.HardeningViewModel.SeverityGroup;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/**
 * The findings of the Hardening tab as a tree: one expanded group per severity with its count, and
 * under it each finding's title above its check id, confidence and cost.
 */
final class FindingTreeView {

  private final TreeView<HardeningNode> tree = new TreeView<>();
  private final StackPane stack;
  private final HardeningViewModel viewModel;
  private boolean rebuilding;

  FindingTreeView(HardeningViewModel viewModel) {
    tree.setAccessibleText("Findings by severity");
    this.viewModel = viewModel;
    tree.setId("hardeningTree");
    tree.setShowRoot(false);
    tree.setCellFactory(view -> new FindingCell(viewModel));
    // A TreeView has no placeholder of its own, unlike tables.
    Label placeholder = new Label();
    placeholder.setId("hardeningPlaceholder");
    placeholder.textProperty().bind(viewModel.placeholderProperty());
    placeholder.setWrapText(true);
    placeholder.getStyleClass().add(Styles.TEXT_MUTED);
    placeholder.visibleProperty().bind(Bindings.createBooleanBinding(
        () -> viewModel.groupsProperty().get().isEmpty(), viewModel.groupsProperty()));
    stack = new StackPane(tree, placeholder);
    viewModel.groupsProperty().addListener((observable, before, after) -> showGroups(after));
    showGroups(viewModel.groupsProperty().get());
    tree.getSelectionModel().selectedItemProperty().addListener((observable, before, after) -> {
      if (!rebuilding) {
        viewModel.selectedFindingProperty().set(
            after != null && after.getValue() instanceof Item item ? item.finding() : null);
      }
    });
    // A finding selected from outside the tree, such as a trainer walk-through step, is selected here too.
    viewModel.selectedFindingProperty().addListener((observable, before, after) -> selectFinding(after));
  }

  private void selectFinding(Finding finding) {
    TreeItem<HardeningNode> current = tree.getSelectionModel().getSelectedItem();
    if (finding == null || current != null && current.getValue() instanceof Item item && item.finding() == finding) {
      return;
    }
    for (TreeItem<HardeningNode> group : tree.getRoot() == null ? List.<TreeItem<HardeningNode>>of()
        : tree.getRoot().getChildren()) {
      for (TreeItem<HardeningNode> child : group.getChildren()) {
        if (child.getValue() instanceof Item item && item.finding() == finding) {
          tree.getSelectionModel().select(child);
          tree.scrollTo(tree.getRow(child));
          return;
        }
      }
    }
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
      tree.setRoot(root);
      if (selectedItem != null) {
        tree.getSelectionModel().select(selectedItem);
      }
    } finally {
      rebuilding = false;
    }
  }

  /** Returns the tree with the placeholder text over it while it has no rows. */
  Node node() {
    return stack;
  }

  /** A group in bold with a dot in its severity's colour; a finding as its title over a muted line. */
  private static final class FindingCell extends TreeCell<HardeningNode> {

    private final HardeningViewModel viewModel;

    FindingCell(HardeningViewModel viewModel) {
      this.viewModel = viewModel;
    }

    @Override
    protected void updateItem(HardeningNode node, boolean empty) {
      super.updateItem(node, empty);
      getStyleClass().remove("hardening-group");
      setText(null);
      setTooltip(null);
      if (empty || node == null) {
        setGraphic(null);
        return;
      }
      if (node instanceof Group group) {
        Circle dot = new Circle(5);
        dot.getStyleClass().addAll("severity-dot", Severities.styleClass(group.severity()));
        setText(group.label());
        setGraphic(dot);
        getStyleClass().add("hardening-group");
        return;
      }
      Finding finding = ((Item) node).finding();
      Label title = new Label(finding.title());
      title.getStyleClass().add("finding-title");
      int points = viewModel.pointsOf(finding);
      String confidence = Severities.displayName(finding.confidence()) + " confidence";
      String cost = points == 1 ? "1 point" : points + " points";
      Label line = new Label(finding.id() + "  ·  " + confidence + "  ·  " + cost);
      line.getStyleClass().add("finding-line");
      setGraphic(new VBox(1, title, line));
      // A long title is cut to the tree's width; the tooltip shows all of it.
      setTooltip(new Tooltip(finding.title()));
    }
  }
}
