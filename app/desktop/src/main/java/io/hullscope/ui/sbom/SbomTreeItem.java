package io.hullscope.ui.sbom;

import javafx.collections.ObservableList;
import javafx.scene.control.TreeItem;

/** A tree item that creates its child items when the user expands it, as the dependency view needs. */
final class SbomTreeItem extends TreeItem<SbomNode> {

  private boolean childrenLoaded;

  SbomTreeItem(SbomNode node) {
    super(node);
  }

  @Override
  public boolean isLeaf() {
    return getValue().isLeaf();
  }

  @Override
  public ObservableList<TreeItem<SbomNode>> getChildren() {
    if (!childrenLoaded) {
      childrenLoaded = true;
      super.getChildren().setAll(getValue().children().stream().map(SbomTreeItem::new).toList());
    }
    return super.getChildren();
  }
}
