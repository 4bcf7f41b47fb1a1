package io.hullscope.ui.sources;

import io.hullscope.ui.MainViewModel;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The sidebar: one cell per source with its icon, name and state. */
public final class SourceListView {

  private final VBox box;

  public SourceListView(MainViewModel viewModel) {
    ListView<SourceEntry> list = new ListView<>(viewModel.sources());
    list.setId("sources");
    list.setCellFactory(view -> new SourceCell());
    list.getSelectionModel().selectedItemProperty().addListener(
        (observable, before, after) -> viewModel.selectedSourceProperty().set(after));
    viewModel.selectedSourceProperty().addListener(
        (observable, before, after) -> list.getSelectionModel().select(after));
    Label heading = new Label("SOURCES");
    heading.getStyleClass().add("sidebar-heading");
    box = new VBox(heading, list);
    VBox.setVgrow(list, javafx.scene.layout.Priority.ALWAYS);
    box.getStyleClass().add("sidebar");
    box.setMinWidth(200);
  }

  public Node node() {
    return box;
  }

  private static final class SourceCell extends ListCell<SourceEntry> {

    SourceCell() {
      // A zero preferred width lets the cell follow the list's width, so long states wrap
      // instead of adding a horizontal scroll bar.
      setPrefWidth(0);
    }

    @Override
    protected void updateItem(SourceEntry entry, boolean empty) {
      super.updateItem(entry, empty);
      textProperty().unbind();
      if (empty || entry == null) {
        setText(null);
        setGraphic(null);
        return;
      }
      Label name = new Label(entry.name());
      name.getStyleClass().add("source-name");
      name.setGraphic(new FontIcon(icon(entry.kind())));
      Label status = new Label();
      status.textProperty().bind(entry.statusProperty());
      status.getStyleClass().add("source-status");
      status.setWrapText(true);
      status.setMinHeight(Region.USE_PREF_SIZE);
      if (getListView() != null) {
        status.maxWidthProperty().bind(getListView().widthProperty().subtract(48));
      }
      status.styleProperty().bind(
          Bindings.when(entry.availableProperty()).then("").otherwise("-fx-text-fill: -color-danger-fg;"));
      VBox content = new VBox(2, name, status);
      setText(null);
      setGraphic(content);
    }

    private static Feather icon(SourceKind kind) {
      return switch (kind) {
        case DOCKER -> Feather.SERVER;
        case SAMPLES -> Feather.BOOK_OPEN;
        case FILE -> Feather.ARCHIVE;
      };
    }
  }
}
