package io.hullscope.ui.sources;

import io.hullscope.ui.MainViewModel;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The table of images of the selected source. */
public final class ImageTableView {

  private final TableView<ImageRow> table = new TableView<>();

  public ImageTableView(MainViewModel viewModel) {
    table.setId("images");
    table.setItems(viewModel.images());
    table.getColumns().add(column("Repository:tag", 320, ImageRow::reference));
    table.getColumns().add(column("Digest", 170, ImageRow::shortDigest));
    table.getColumns().add(column("Size", 100, ImageRow::size));
    table.getColumns().add(column("Created", 140, ImageRow::created));
    table.getColumns().add(column("Layers", 70, ImageRow::layerCount));
    table.getColumns().add(column("User", 120, ImageRow::user));
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
  }

  private static TableColumn<ImageRow, String> column(String title, double width, Function<ImageRow, String> value) {
    TableColumn<ImageRow, String> column = new TableColumn<>(title);
    column.setPrefWidth(width);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return column;
  }

  /**
   * Reads the status through the view model's property, so that property is valid again after each
   * change and keeps notifying this binding; a lazy property that is never read fires only once.
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
