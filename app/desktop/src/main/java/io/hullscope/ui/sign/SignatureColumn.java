package io.hullscope.ui.sign;

import io.hullscope.ui.sources.ImageRow;
import javafx.beans.binding.Bindings;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Builds the image table's "Signature" column: an icon, the status in words and an explanation on hover. */
public final class SignatureColumn {

  private SignatureColumn() {}

  /** Creates the column; its cells follow the view model's outcomes as lookups finish. */
  public static TableColumn<ImageRow, SignatureState> create(SignaturesViewModel viewModel) {
    TableColumn<ImageRow, SignatureState> column = new TableColumn<>("Signature");
    column.setId("signatureColumn");
    column.setPrefWidth(180);
    column.setMinWidth(170);
    column.setCellValueFactory(cell -> Bindings.createObjectBinding(
        () -> viewModel.stateOf(cell.getValue()), viewModel.states()));
    column.setCellFactory(unused -> new StateCell());
    return column;
  }

  /** Returns the icon of a status; the text next to it carries the meaning, so colour is not needed to read it. */
  static Ikon icon(SignatureStatus status) {
    return switch (status) {
      case VERIFIED -> Feather.CHECK_CIRCLE;
      case FAILED -> Feather.X_CIRCLE;
      case SIGNED_UNVERIFIED -> Feather.ALERT_CIRCLE;
      case UNSIGNED -> Feather.CIRCLE;
      case LOOKING_UP -> Feather.LOADER;
      case UNKNOWN -> Feather.HELP_CIRCLE;
      case NOT_APPLICABLE -> Feather.MINUS;
    };
  }

  private static final class StateCell extends TableCell<ImageRow, SignatureState> {

    @Override
    protected void updateItem(SignatureState state, boolean empty) {
      super.updateItem(state, empty);
      if (empty || state == null) {
        setText(null);
        setGraphic(null);
        setTooltip(null);
        return;
      }
      setText(state.status().text());
      // The dash alone means "not applicable", so an icon next to it would repeat it.
      FontIcon icon = state.status() == SignatureStatus.NOT_APPLICABLE ? null : new FontIcon(icon(state.status()));
      switch (state.status()) {
        case NOT_APPLICABLE -> {
          // No icon.
        }
        case VERIFIED -> icon.setIconColor(javafx.scene.paint.Color.web("#1a7f37"));
        case FAILED -> icon.setIconColor(javafx.scene.paint.Color.web("#cf222e"));
        case SIGNED_UNVERIFIED -> icon.setIconColor(javafx.scene.paint.Color.web("#9a6700"));
        default -> {
          // The other states keep the text colour.
        }
      }
      setGraphic(icon);
      Tooltip tooltip = new Tooltip(state.tooltip());
      tooltip.setWrapText(true);
      tooltip.setMaxWidth(420);
      setTooltip(tooltip);
    }
  }
}
