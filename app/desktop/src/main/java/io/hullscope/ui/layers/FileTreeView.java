package io.hullscope.ui.layers;

import io.hullscope.index.EntryNames;
import io.hullscope.index.FileTree;
import io.hullscope.index.TreeNode;
import io.hullscope.ui.help.Abbreviations;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;

/**
 * The virtualized file tree of the Layers tab: name, change mark, size, mode, owner and link
 * target. Children are created when a directory is expanded.
 */
final class FileTreeView {

  private final TreeTableView<TreeNode> table = new TreeTableView<>();
  private final LayersViewModel viewModel;
  private boolean revealing;

  FileTreeView(LayersViewModel viewModel) {
    table.setAccessibleText("Files of the layer");
    this.viewModel = viewModel;
    table.setId("fileTree");
    table.setShowRoot(false);
    table.setPlaceholder(new Label("No files"));
    table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

    TreeTableColumn<TreeNode, TreeNode> name = column("Name", 320, node -> node);
    name.setCellFactory(column -> new NameCell());
    TreeTableColumn<TreeNode, TreeNode> change = column("Change", 90, node -> node);
    change.setMinWidth(85);
    change.setCellFactory(column -> new ChangeCell());
    TreeTableColumn<TreeNode, TreeNode> size = column("Size", 90, node -> node);
    size.setMinWidth(85);
    size.setCellFactory(column -> new SizeCell());
    TreeTableColumn<TreeNode, TreeNode> mode = column("Mode", 110, node -> node);
    mode.setMinWidth(105);
    mode.setCellFactory(column -> new ModeCell());
    TreeTableColumn<TreeNode, String> owner = column("Owner", 90, NodeText::owner);
    owner.setGraphic(ownerHeader());
    owner.setText(null);
    // The header is a label with a tooltip, which needs more room than plain column text.
    owner.setMinWidth(88);
    TreeTableColumn<TreeNode, String> link = column("Link target", 160, NodeText::linkTarget);
    link.setMinWidth(110);
    table.getColumns().setAll(java.util.List.of(name, change, size, mode, owner, link));

    viewModel.treeProperty().addListener((observable, before, after) -> showTree(after));
    table.getSelectionModel().selectedItemProperty().addListener((observable, before, after) -> {
      if (!revealing) {
        viewModel.selectedNodeProperty().set(after == null ? null : after.getValue());
      }
    });
    viewModel.selectedNodeProperty().addListener((observable, before, after) -> reveal(after));
  }

  private void showTree(FileTree tree) {
    if (tree == null) {
      table.setRoot(null);
      return;
    }
    LazyTreeItem root = new LazyTreeItem(tree.root());
    root.setExpanded(true);
    table.setRoot(root);
  }

  /** Expands the directories above a node chosen elsewhere (search, wasted list) and selects it. */
  private void reveal(TreeNode node) {
    TreeItem<TreeNode> current = table.getRoot();
    if (node == null || current == null) {
      return;
    }
    TreeItem<TreeNode> selected = table.getSelectionModel().getSelectedItem();
    if (selected != null && selected.getValue().path().equals(node.path())) {
      return;
    }
    for (String component : node.path().split("/")) {
      TreeItem<TreeNode> child = null;
      for (TreeItem<TreeNode> candidate : current.getChildren()) {
        if (candidate.getValue().name().equals(component)) {
          child = candidate;
          break;
        }
      }
      if (child == null) {
        return;
      }
      current.setExpanded(true);
      current = child;
    }
    revealing = true;
    try {
      table.getSelectionModel().select(current);
      int row = table.getRow(current);
      if (row >= 0) {
        table.scrollTo(Math.max(0, row - 3));
      }
    } finally {
      revealing = false;
    }
  }

  private static <T> TreeTableColumn<TreeNode, T> column(String title, double width, Function<TreeNode, T> value) {
    TreeTableColumn<TreeNode, T> column = new TreeTableColumn<>(title);
    column.setPrefWidth(width);
    column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(
        cell.getValue() == null ? null : value.apply(cell.getValue().getValue())));
    return column;
  }

  Node node() {
    return table;
  }

  private static final class NameCell extends TreeTableCell<TreeNode, TreeNode> {
    @Override
    protected void updateItem(TreeNode node, boolean empty) {
      super.updateItem(node, empty);
      setText(empty || node == null ? null : EntryNames.display(node.name()) + (node.isDirectory() ? "/" : ""));
    }
  }

  private static final class ChangeCell extends TreeTableCell<TreeNode, TreeNode> {
    @Override
    protected void updateItem(TreeNode node, boolean empty) {
      super.updateItem(node, empty);
      getStyleClass().removeAll("change-added", "change-modified", "change-deleted");
      if (empty || node == null || NodeText.change(node) == null) {
        setText(null);
        return;
      }
      setText(NodeText.change(node));
      getStyleClass().add(NodeText.changeStyle(node));
    }
  }

  private static final class SizeCell extends TreeTableCell<TreeNode, TreeNode> {
    SizeCell() {
      getStyleClass().add("size-cell");
    }

    @Override
    protected void updateItem(TreeNode node, boolean empty) {
      super.updateItem(node, empty);
      setText(empty || node == null ? null : NodeText.size(node));
    }
  }

  private static final class ModeCell extends TreeTableCell<TreeNode, TreeNode> {
    ModeCell() {
      getStyleClass().add("mode-cell");
    }

    @Override
    protected void updateItem(TreeNode node, boolean empty) {
      super.updateItem(node, empty);
      getStyleClass().remove(NodeText.MODE_SPECIAL);
      setText(empty || node == null ? null : NodeText.mode(node));
      if (!empty && node != null && NodeText.hasSpecialMode(node)) {
        getStyleClass().add(NodeText.MODE_SPECIAL);
      }
    }
  }

  /** Builds the Owner column header, whose tooltip explains the UID:GID pair. */
  private static Label ownerHeader() {
    Label header = new Label("Owner");
    header.setTooltip(new Tooltip("UID:GID of the file's owner.\n" + Abbreviations.explain("UID GID")));
    return header;
  }
}
