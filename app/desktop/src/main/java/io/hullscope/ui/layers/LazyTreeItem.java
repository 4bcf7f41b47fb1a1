package io.hullscope.ui.layers;

import io.hullscope.index.TreeNode;
import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/**
 * A tree item that creates its child items only when the user expands it, so a tree of a million
 * files costs only the rows that were opened.
 */
final class LazyTreeItem extends TreeItem<TreeNode> {

  private boolean childrenLoaded;

  LazyTreeItem(TreeNode node) {
    super(node);
  }

  @Override
  public boolean isLeaf() {
    return !getValue().isDirectory() || (childrenLoaded && super.getChildren().isEmpty());
  }

  @Override
  public ObservableList<TreeItem<TreeNode>> getChildren() {
    if (!childrenLoaded) {
      childrenLoaded = true;
      super.getChildren().setAll(getValue().children().stream().map(LazyTreeItem::new).toList());
    }
    return super.getChildren();
  }
}
