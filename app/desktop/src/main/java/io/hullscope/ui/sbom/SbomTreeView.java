package io.hullscope.ui.sbom;

import io.hullscope.sbom.ImagePackage;
import io.hullscope.ui.sbom.SbomNode.Evidence;
import io.hullscope.ui.sbom.SbomNode.Group;
import io.hullscope.ui.sbom.SbomNode.PackageItem;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The virtualized package tree of the SBOM tab: name, version, licenses, type and layers. A
 * double click or Enter on an evidence row shows that file in the Layers tab.
 */
final class SbomTreeView {

  private final TreeTableView<SbomNode> table = new TreeTableView<>();
  private final SbomViewModel viewModel;
  private boolean rebuilding;

  SbomTreeView(SbomViewModel viewModel) {
    table.setAccessibleText("Packages of the image");
    this.viewModel = viewModel;
    table.setId("sbomTree");
    table.setShowRoot(false);
    Label placeholder = new Label();
    placeholder.textProperty().bind(viewModel.placeholderProperty());
    placeholder.setWrapText(true);
    table.setPlaceholder(placeholder);
    table.setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

    TreeTableColumn<SbomNode, SbomNode> name = column("Name", 320, node -> node);
    name.setCellFactory(column -> new NameCell());
    TreeTableColumn<SbomNode, String> version = column("Version", 170,
        node -> pkgText(node, pkg -> pkg.pkg().version()));
    version.setMinWidth(80);
    TreeTableColumn<SbomNode, String> layer = column("Layer", 70, node -> pkgText(node, SbomTreeView::layers));
    layer.setMinWidth(65);
    // The package URL type is short. The groups of the ecosystem view show the long names.
    TreeTableColumn<SbomNode, String> type = column("Type", 75, node -> pkgText(node, pkg -> pkg.pkg().type()));
    type.setMinWidth(60);
    type.visibleProperty().bind(viewModel.groupingProperty().isNotEqualTo(SbomGrouping.ECOSYSTEM));
    // License is last, so it takes the remaining width, because SPDX expressions can be long.
    TreeTableColumn<SbomNode, String> license = column("License", 140,
        node -> pkgText(node, pkg -> String.join(", ", pkg.pkg().licenses())));
    license.setMinWidth(80);
    table.getColumns().setAll(List.of(name, version, layer, type, license));

    viewModel.rootsProperty().addListener((observable, before, after) -> showRoots(after));
    showRoots(viewModel.rootsProperty().get());
    table.getSelectionModel().selectedItemProperty().addListener((observable, before, after) -> {
      if (!rebuilding) {
        viewModel.selectedPackageProperty().set(after == null ? null : packageOf(after.getValue()));
      }
    });
    // Another tab (Vulnerabilities) may select a package in the view model; the tree follows it.
    viewModel.selectedPackageProperty().addListener((observable, before, after) -> {
      TreeItem<SbomNode> current = table.getSelectionModel().getSelectedItem();
      boolean alreadySelected = current != null && packageOf(current.getValue()) == after;
      if (!rebuilding && after != null && !alreadySelected && table.getRoot() != null) {
        rebuilding = true;
        try {
          reselect(table.getRoot(), after);
        } finally {
          rebuilding = false;
        }
      }
    });
    table.setRowFactory(view -> {
      TreeTableRow<SbomNode> row = new TreeTableRow<>();
      row.setOnMouseClicked(event -> {
        boolean doubleClick = event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2;
        if (doubleClick && row.getItem() instanceof Evidence) {
          revealSelectedEvidence();
        }
      });
      return row;
    });
    table.setOnKeyPressed(event -> {
      if (event.getCode() == KeyCode.ENTER) {
        revealSelectedEvidence();
      }
    });
  }

  private void showRoots(List<SbomNode> roots) {
    rebuilding = true;
    try {
      TreeItem<SbomNode> root = new TreeItem<>();
      for (SbomNode node : roots) {
        SbomTreeItem item = new SbomTreeItem(node);
        // Groups open at once, so the packages are one click away; dependency rows stay closed.
        item.setExpanded(node instanceof Group);
        root.getChildren().add(item);
      }
      table.setRoot(root);
      reselect(root, viewModel.selectedPackageProperty().get());
    } finally {
      rebuilding = false;
    }
  }

  /** Selects the row of the package that was selected before the tree was rebuilt, if still shown. */
  private void reselect(TreeItem<SbomNode> root, ImagePackage selected) {
    if (selected == null) {
      return;
    }
    for (TreeItem<SbomNode> top : root.getChildren()) {
      List<TreeItem<SbomNode>> candidates = top.getValue() instanceof Group ? top.getChildren() : List.of(top);
      for (TreeItem<SbomNode> candidate : candidates) {
        if (candidate.getValue() instanceof PackageItem row && row.pkg() == selected) {
          table.getSelectionModel().select(candidate);
          table.scrollTo(Math.max(0, table.getRow(candidate) - 3));
          return;
        }
      }
    }
  }

  private void revealSelectedEvidence() {
    TreeItem<SbomNode> selected = table.getSelectionModel().getSelectedItem();
    if (selected != null && selected.getValue() instanceof Evidence evidence) {
      viewModel.revealEvidence(evidence.pkg());
    }
  }

  private static ImagePackage packageOf(SbomNode node) {
    if (node instanceof PackageItem row) {
      return row.pkg();
    }
    if (node instanceof Evidence evidence) {
      return evidence.pkg();
    }
    return null;
  }

  private static String pkgText(SbomNode node, Function<ImagePackage, String> text) {
    return node instanceof PackageItem row ? text.apply(row.pkg()) : "";
  }

  /** Returns the layer column: the adding layer, and the changing layer when it differs. */
  private static String layers(ImagePackage pkg) {
    if (pkg.addedLayer() < 0) {
      return "";
    }
    String added = "#" + pkg.addedLayer();
    return pkg.changedLayer() == pkg.addedLayer() ? added : added + ", #" + pkg.changedLayer();
  }

  private static <T> TreeTableColumn<SbomNode, T> column(String title, double width, Function<SbomNode, T> value) {
    TreeTableColumn<SbomNode, T> column = new TreeTableColumn<>(title);
    column.setPrefWidth(width);
    column.setCellValueFactory(cell -> {
      SbomNode node = cell.getValue() == null ? null : cell.getValue().getValue();
      return new ReadOnlyObjectWrapper<>(node == null ? null : value.apply(node));
    });
    return column;
  }

  Node node() {
    return table;
  }

  private static Tooltip wrapped(String text) {
    Tooltip tooltip = new Tooltip(text);
    tooltip.setWrapText(true);
    tooltip.setMaxWidth(600);
    return tooltip;
  }

  /** The name column: an icon by row kind, the group's count, and a mark on a dependency cycle. */
  private static final class NameCell extends TreeTableCell<SbomNode, SbomNode> {
    @Override
    protected void updateItem(SbomNode node, boolean empty) {
      super.updateItem(node, empty);
      getStyleClass().removeAll("sbom-group", "sbom-evidence", "sbom-cycle");
      if (empty || node == null) {
        setText(null);
        setGraphic(null);
        setTooltip(null);
        return;
      }
      if (node instanceof Group group) {
        setText(group.label() + " (" + group.detail() + ")");
        setGraphic(new FontIcon(Feather.FOLDER));
        getStyleClass().add("sbom-group");
        setTooltip(wrapped(group.description()));
        return;
      } else if (node instanceof PackageItem row && row.isCycle()) {
        setText(row.label() + " (cycle)");
        setGraphic(new FontIcon(Feather.REPEAT));
        getStyleClass().add("sbom-cycle");
        setTooltip(wrapped(row.label() + " is already listed above this row, so its dependencies are not repeated"));
        return;
      } else if (node instanceof PackageItem row) {
        setText(row.label());
        setGraphic(new FontIcon(Feather.PACKAGE));
      } else {
        setText(node.label());
        setGraphic(new FontIcon(Feather.FILE_TEXT));
        getStyleClass().add("sbom-evidence");
      }
      setTooltip(null);
    }
  }
}
