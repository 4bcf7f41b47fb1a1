package io.hullscope.ui.sources;

import io.hullscope.ui.MainViewModel;
import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The sidebar: one cell per source with its icon, name and state, a context menu that removes what
 * the user added, and a button that adds a Harbor connection.
 */
public final class SourceListView {

  private final VBox box;

  /** @param addHarborConnection opens the dialog that adds a Harbor connection */
  public SourceListView(MainViewModel viewModel, Runnable addHarborConnection) {
    ListView<SourceEntry> list = new ListView<>(viewModel.sources());
    list.setId("sources");
    list.setCellFactory(view -> new SourceCell(viewModel));
    list.getSelectionModel().selectedItemProperty().addListener(
        (observable, before, after) -> viewModel.selectedSourceProperty().set(after));
    viewModel.selectedSourceProperty().addListener(
        (observable, before, after) -> list.getSelectionModel().select(after));
    Label heading = new Label("SOURCES");
    heading.getStyleClass().add("sidebar-heading");
    Button addHarbor = new Button("Add Harbor connection", new FontIcon(Feather.PLUS));
    addHarbor.setId("addHarborButton");
    addHarbor.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
    addHarbor.setOnAction(event -> addHarborConnection.run());
    addHarbor.setMaxWidth(Double.MAX_VALUE);
    box = new VBox(heading, list, addHarbor);
    VBox.setVgrow(list, javafx.scene.layout.Priority.ALWAYS);
    box.getStyleClass().add("sidebar");
    box.setMinWidth(200);
  }

  public Node node() {
    return box;
  }

  /** Shows one source; the cell keeps its nodes and rebinds them, so lookups stay valid. */
  private static final class SourceCell extends ListCell<SourceEntry> {

    private final Label name = new Label();
    private final Label status = new Label();
    private final VBox content = new VBox(2, name, status);

    private final ContextMenu menu = new ContextMenu();

    SourceCell(MainViewModel viewModel) {
      MenuItem remove = new MenuItem("Remove", new FontIcon(Feather.TRASH_2));
      remove.setOnAction(event -> {
        if (getItem() != null) {
          viewModel.removeSource(getItem());
        }
      });
      menu.getItems().add(remove);
      // A zero preferred width lets the cell follow the list's width, so long states wrap
      // instead of adding a horizontal scroll bar.
      setPrefWidth(0);
      name.getStyleClass().add("source-name");
      status.getStyleClass().add("source-status");
      status.setWrapText(true);
      status.setMinHeight(Region.USE_PREF_SIZE);
    }

    @Override
    protected void updateItem(SourceEntry entry, boolean empty) {
      super.updateItem(entry, empty);
      status.textProperty().unbind();
      status.styleProperty().unbind();
      setText(null);
      if (empty || entry == null) {
        setGraphic(null);
        setContextMenu(null);
        return;
      }
      // The Docker daemon and the samples always stay; what the user added can be removed.
      boolean removable = entry.kind() != SourceKind.DOCKER && entry.kind() != SourceKind.SAMPLES;
      setContextMenu(removable ? menu : null);
      name.setText(entry.name());
      name.setGraphic(new FontIcon(icon(entry.kind())));
      status.textProperty().bind(entry.statusProperty());
      status.styleProperty().bind(
          Bindings.when(entry.availableProperty()).then("").otherwise("-fx-text-fill: -color-danger-fg;"));
      if (getListView() != null && !status.maxWidthProperty().isBound()) {
        status.maxWidthProperty().bind(getListView().widthProperty().subtract(48));
      }
      setGraphic(content);
    }

    private static Feather icon(SourceKind kind) {
      return switch (kind) {
        case DOCKER -> Feather.SERVER;
        case SAMPLES -> Feather.BOOK_OPEN;
        case FILE -> Feather.ARCHIVE;
        case HARBOR -> Feather.ANCHOR;
        case REGISTRY -> Feather.CLOUD;
      };
    }
  }
}
