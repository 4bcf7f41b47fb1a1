package io.hullscope.ui.sources;

import io.hullscope.ui.MainViewModel;
import io.hullscope.ui.SizeTerms;
import io.hullscope.ui.sign.SignatureColumn;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/** The table of images of the selected source. */
public final class ImageTableView {

  private final TableView<ImageRow> table = new TableView<>();

  public ImageTableView(MainViewModel viewModel) {
    table.setAccessibleText("Images of the selected source");
    table.setId("images");
    table.setItems(viewModel.images());
    // The minimum widths keep every title whole in a narrow window.
    table.getColumns().add(column("Repository:tag", 320, 150, ImageRow::reference));
    table.getColumns().add(column("Digest", 170, 100, ImageRow::shortDigest));
    table.getColumns().add(sizeColumn(viewModel));
    table.getColumns().add(column("Created", 140, 100, ImageRow::created));
    table.getColumns().add(column("Layers", 80, 80, ImageRow::layerCount));
    table.getColumns().add(column("User", 120, 70, ImageRow::user));
    table.getColumns().add(SignatureColumn.create(viewModel.signatures()));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    Label placeholder = new Label();
    placeholder.setWrapText(true);
    placeholder.setMaxWidth(640);
    placeholder.setId("imagesPlaceholder");
    placeholder.textProperty().bind(Bindings.createStringBinding(
        () -> placeholderText(viewModel.selectedSourceProperty().get(), viewModel.selectedSourceStatus().get()),
        viewModel.selectedSourceProperty(),
        viewModel.selectedSourceStatus()));
    table.setPlaceholder(placeholder);
    table.getSelectionModel().selectedItemProperty().addListener(
        (observable, before, after) -> viewModel.selectedImageProperty().set(after));
    viewModel.selectedImageProperty().addListener((observable, before, after) -> {
      if (table.getSelectionModel().getSelectedItem() != after) {
        table.getSelectionModel().select(after);
      }
    });
    MenuItem compareWith = new MenuItem("Compare With...");
    compareWith.setId("compareWith");
    compareWith.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
    compareWith.setOnAction(event -> viewModel.compare().showWith(table.getSelectionModel().getSelectedItem()));
    table.setContextMenu(new ContextMenu(compareWith));
  }

  /** Creates the size column, named after what the selected source lists, with an explanation on hover. */
  private static TableColumn<ImageRow, String> sizeColumn(MainViewModel viewModel) {
    TableColumn<ImageRow, String> column = column("", 125, 125, ImageRow::size);
    Label header = new Label();
    header.setId("imageSizeHeader");
    header.textProperty().bind(Bindings.createStringBinding(
        () -> sizeName(viewModel.selectedSourceProperty().get()), viewModel.selectedSourceProperty()));
    Tooltip tooltip = new Tooltip();
    tooltip.setWrapText(true);
    tooltip.setMaxWidth(420);
    tooltip.textProperty().bind(Bindings.createStringBinding(
        () -> SizeTerms.explanation(header.getText()), header.textProperty()));
    header.setTooltip(tooltip);
    column.setGraphic(header);
    return column;
  }

  private static String sizeName(SourceEntry source) {
    return SizeTerms.listedSize(source != null && source.kind() == SourceKind.DOCKER);
  }

  private static TableColumn<ImageRow, String> column(
      String title, double width, double minWidth, Function<ImageRow, String> value) {
    TableColumn<ImageRow, String> column = new TableColumn<>(title);
    column.setPrefWidth(width);
    column.setMinWidth(minWidth);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return column;
  }

  /**
   * Returns the placeholder text. The status comes through the view model's property, because a
   * lazy property that is never read notifies its listeners only once.
   */
  private static String placeholderText(SourceEntry source, String status) {
    if (source == null) {
      return "Select a source on the left";
    }
    if (!source.availableProperty().get()) {
      return status;
    }
    return "No images in " + source.name();
  }

  public Node node() {
    return table;
  }
}
