package io.hullscope.ui.help;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Modality;
import javafx.stage.Stage;

/** Help > Keyboard Shortcuts: a table of every shortcut, built from the menus when it opens. */
public final class KeyboardShortcutsDialog {

  private final Alert dialog;

  public KeyboardShortcutsDialog(Stage owner, List<Menu> menus) {
    TableView<KeyboardShortcuts.Shortcut> table = new TableView<>();
    table.setId("shortcutTable");
    table.setAccessibleText("Keyboard shortcuts");
    table.getItems().setAll(KeyboardShortcuts.of(menus));
    table.getColumns().add(column("Keys", 150, KeyboardShortcuts.Shortcut::keys));
    table.getColumns().add(column("Action", 330, KeyboardShortcuts.Shortcut::action));
    table.getColumns().add(column("Where", 150, KeyboardShortcuts.Shortcut::group));
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table.setPrefSize(660, 460);

    dialog = new Alert(Alert.AlertType.NONE, null, ButtonType.CLOSE);
    dialog.initOwner(owner);
    dialog.initModality(Modality.WINDOW_MODAL);
    dialog.setTitle("Keyboard Shortcuts");
    dialog.setHeaderText(null);
    dialog.getDialogPane().setContent(table);
    dialog.setResizable(true);
  }

  public void show() {
    dialog.show();
  }

  private static TableColumn<KeyboardShortcuts.Shortcut, String> column(String title, double width,
      Function<KeyboardShortcuts.Shortcut, String> value) {
    TableColumn<KeyboardShortcuts.Shortcut, String> column = new TableColumn<>(title);
    column.setPrefWidth(width);
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    return column;
  }
}
