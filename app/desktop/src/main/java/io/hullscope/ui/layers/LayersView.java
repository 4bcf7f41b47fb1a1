package io.hullscope.ui.layers;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import io.hullscope.cli.ByteSizes;
import io.hullscope.index.EntryNames;
import io.hullscope.index.WastedFile;
import io.hullscope.ui.content.FileContentView;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Layers tab: layer list and wasted space on the left, the file tree in the middle, content on the right. */
public final class LayersView {

  private final SplitPane split;
  private final LayersViewModel viewModel;

  public LayersView(LayersViewModel viewModel) {
    this.viewModel = viewModel;

    SplitPane left = new SplitPane(titled("Layers", layerTable()), titled("Layer sizes (unpacked)",
        new LayerSizeChart(viewModel).node()), titled("Wasted space", wasteTable()));
    left.setOrientation(Orientation.VERTICAL);
    left.setDividerPositions(0.4, 0.68);

    VBox tree = new VBox(6, treeToolbar(), treeOrSearchResults());
    tree.setPadding(new Insets(6));

    // The content pane sits below the tree so that both get the full width: a hex dump needs
    // about 80 columns and deep paths need a wide name column.
    Node content = new FileContentView(viewModel.content()).node();
    SplitPane right = new SplitPane(tree, content);
    right.setOrientation(Orientation.VERTICAL);
    right.setDividerPositions(0.55);

    split = new SplitPane(left, right);
    split.setDividerPositions(0.32);
  }

  private TableView<LayerRow> layerTable() {
    TableView<LayerRow> table = new TableView<>(viewModel.layers());
    table.setAccessibleText("Layers of the image");
    table.setId("layers");
    TableColumn<LayerRow, String> index = column("#", 44, row -> Integer.toString(row.index()));
    index.setMinWidth(40);
    index.setMaxWidth(56);
    table.getColumns().add(index);
    TableColumn<LayerRow, String> size = column("", 115, row -> ByteSizes.format(row.uncompressedSize()));
    Label sizeHeader = new Label("Unpacked");
    sizeHeader.setTooltip(new Tooltip("The layer tar after decompression"));
    size.setGraphic(sizeHeader);
    size.setMinWidth(115);
    table.getColumns().add(size);
    TableColumn<LayerRow, String> command = column("Created by", 260, LayerRow::shortCommand);
    command.setCellFactory(column -> new CommandCell());
    table.getColumns().add(command);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.getSelectionModel().selectedIndexProperty().addListener((observable, before, after) -> {
      if (after.intValue() >= 0) {
        viewModel.selectedLayerProperty().set(after.intValue());
      }
    });
    viewModel.selectedLayerProperty().addListener((observable, before, after) -> {
      if (table.getSelectionModel().getSelectedIndex() != after.intValue()) {
        table.getSelectionModel().select(after.intValue());
      }
    });
    return table;
  }

  private TableView<WastedFile> wasteTable() {
    TableView<WastedFile> table = new TableView<>(viewModel.wastedFiles());
    table.setAccessibleText("Files that waste space");
    table.setId("wastedFiles");
    table.getColumns().add(column("Path", 200, file -> "/" + EntryNames.display(file.path())));
    TableColumn<WastedFile, String> wasted = column("Wasted", 80, file -> ByteSizes.format(file.wastedBytes()));
    wasted.setMinWidth(75);
    table.getColumns().add(wasted);
    TableColumn<WastedFile, String> layers = column("Layers", 80, file -> file.layers().stream()
        .map(String::valueOf).collect(Collectors.joining(", ")));
    layers.setMinWidth(80);
    table.getColumns().add(layers);
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPlaceholder(new Label("No file is stored twice or deleted later"));
    table.getSelectionModel().selectedItemProperty().addListener((observable, before, after) -> {
      if (after != null) {
        viewModel.revealWastedFile(after);
      }
    });
    return table;
  }

  private HBox treeToolbar() {
    ToggleGroup group = new ToggleGroup();
    ToggleButton changes = new ToggleButton("Changes in this layer");
    changes.setId("modeChanges");
    changes.setUserData(TreeMode.CHANGES);
    ToggleButton squashed = new ToggleButton("File system up to this layer");
    squashed.setId("modeSquashed");
    squashed.setUserData(TreeMode.SQUASHED);
    changes.setToggleGroup(group);
    squashed.setToggleGroup(group);
    changes.getStyleClass().add(Styles.LEFT_PILL);
    squashed.getStyleClass().add(Styles.RIGHT_PILL);
    group.selectToggle(viewModel.modeProperty().get() == TreeMode.CHANGES ? changes : squashed);
    group.selectedToggleProperty().addListener((observable, before, after) -> {
      if (after == null) {
        group.selectToggle(before);
      } else {
        viewModel.modeProperty().set((TreeMode) after.getUserData());
      }
    });
    viewModel.modeProperty().addListener((observable, before, after) ->
        group.selectToggle(after == TreeMode.CHANGES ? changes : squashed));

    CustomTextField search = new CustomTextField();
    search.setId("pathSearch");
    search.setPromptText("Search paths");
    search.textProperty().bindBidirectional(viewModel.searchProperty());
    search.setLeft(new FontIcon(Feather.SEARCH));
    HBox.setHgrow(search, Priority.ALWAYS);
    return new HBox(8, new HBox(changes, squashed), search);
  }

  private StackPane treeOrSearchResults() {
    Node tree = new FileTreeView(viewModel).node();
    Node results = new SearchResultsView(viewModel).node();
    results.visibleProperty().bind(viewModel.searchProperty().isNotEmpty());
    tree.visibleProperty().bind(viewModel.searchProperty().isEmpty());
    StackPane stack = new StackPane(tree, results);
    VBox.setVgrow(stack, Priority.ALWAYS);
    return stack;
  }

  private static <S> TableColumn<S, String> column(String title, double width, Function<S, String> value) {
    TableColumn<S, String> column = new TableColumn<>(title);
    column.setPrefWidth(width);
    column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    return column;
  }

  private static VBox titled(String title, Node content) {
    Label label = new Label(title);
    label.getStyleClass().add(Styles.TITLE_4);
    VBox box = new VBox(4, label, content);
    box.setPadding(new Insets(6));
    VBox.setVgrow(content, Priority.ALWAYS);
    return box;
  }

  public Node node() {
    return split;
  }

  /** Shows the full history command as a tooltip over the shortened one. */
  private static final class CommandCell extends TableCell<LayerRow, String> {
    @Override
    protected void updateItem(String text, boolean empty) {
      super.updateItem(text, empty);
      setText(empty ? null : text);
      LayerRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
      setTooltip(row == null || row.command().isEmpty() ? null : wrappedTooltip(row.command()));
    }

    private static Tooltip wrappedTooltip(String text) {
      Tooltip tooltip = new Tooltip(text);
      tooltip.setWrapText(true);
      tooltip.setMaxWidth(600);
      return tooltip;
    }
  }
}
