package io.hullscope.ui.layers;

import io.hullscope.index.TreeNode;
import io.hullscope.ui.help.Abbreviations;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The path search results of the Layers tab, with the columns of the file tree, so a deleted or
 * setuid file is marked among the hits as it is in the tree.
 */
final class SearchResultsView {

  private final TableView<TreeNode> table;

  SearchResultsView(LayersViewModel viewModel) {
    table = new TableView<>(viewModel.searchResults());
    table.setAccessibleText("Paths that match the search");
    table.setId("searchResults");
    table.setPlaceholder(new Label("No path matches"));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

    TableColumn<TreeNode, String> path = column("Path", 320, NodeText::path);
    TableColumn<TreeNode, String> change = column("Change", 90, NodeText::change);
    change.setMinWidth(85);
    change.setCellFactory(column -> new StyledCell(null, NodeText::changeStyle));
    TableColumn<TreeNode, String> size = column("Size", 90, NodeText::size);
    size.setMinWidth(85);
    size.setCellFactory(column -> new StyledCell("size-cell", node -> null));
    TableColumn<TreeNode, String> mode = column("Mode", 110, NodeText::mode);
    mode.setMinWidth(105);
    mode.setCellFactory(column ->
        new StyledCell("mode-cell", node -> NodeText.hasSpecialMode(node) ? NodeText.MODE_SPECIAL : null));
    TableColumn<TreeNode, String> owner = column("Owner", 90, NodeText::owner);
    owner.setGraphic(ownerHeader());
    owner.setText(null);
    // The header is a label with a tooltip, which needs more room than plain column text.
    owner.setMinWidth(88);
    TableColumn<TreeNode, String> link = column("Link target", 160, NodeText::linkTarget);
    link.setMinWidth(110);
    table.getColumns().setAll(List.of(path, change, size, mode, owner, link));

    table.getSelectionModel().selectedItemProperty().addListener((observable, before, after) -> {
      if (after != null) {
        viewModel.selectedNodeProperty().set(after);
      }
    });
  }

  private static TableColumn<TreeNode, String> column(String title, double width, Function<TreeNode, String> value) {
    TableColumn<TreeNode, String> column = new TableColumn<>(title);
    column.setPrefWidth(width);
    column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    return column;
  }

  Node node() {
    return table;
  }

  /** A text cell with the tree's style for the column: change colors, right-aligned sizes, monospace modes. */
  private static final class StyledCell extends TableCell<TreeNode, String> {
    private final Function<TreeNode, String> style;
    private String applied;

    /**
     * @param fixedStyle style class of every cell of the column, or null
     * @param style returns the style class for a node's value, or null
     */
    StyledCell(String fixedStyle, Function<TreeNode, String> style) {
      this.style = style;
      if (fixedStyle != null) {
        getStyleClass().add(fixedStyle);
      }
    }

    @Override
    protected void updateItem(String text, boolean empty) {
      super.updateItem(text, empty);
      setText(empty ? null : text);
      if (applied != null) {
        getStyleClass().remove(applied);
      }
      TreeNode node = empty || getTableRow() == null ? null : getTableRow().getItem();
      applied = node == null ? null : style.apply(node);
      if (applied != null) {
        getStyleClass().add(applied);
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
