package io.hullscope.ui.harbor;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Previous and next buttons around the paging line of a {@link PagedList}. */
final class PagerBar {

  private PagerBar() {}

  /** @param id prefix of the node ids, for example {@code projects} gives {@code projectsNext} */
  static HBox of(PagedList<?> list, String id) {
    Button previous = new Button(null, new FontIcon(Feather.CHEVRON_LEFT));
    previous.setId(id + "Previous");
    previous.setTooltip(new Tooltip("Previous page"));
    previous.disableProperty().bind(list.hasPreviousProperty().not().or(list.loadingProperty()));
    previous.setOnAction(event -> list.previous());
    Button next = new Button(null, new FontIcon(Feather.CHEVRON_RIGHT));
    next.setId(id + "Next");
    next.setTooltip(new Tooltip("Next page"));
    next.disableProperty().bind(list.hasNextProperty().not().or(list.loadingProperty()));
    next.setOnAction(event -> list.next());
    for (Button button : new Button[] {previous, next}) {
      button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
    }
    Label status = new Label();
    status.setId(id + "Page");
    status.textProperty().bind(list.statusProperty());
    status.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
    status.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(status, Priority.ALWAYS);
    HBox bar = new HBox(4, previous, status, next);
    bar.setAlignment(Pos.CENTER_LEFT);
    return bar;
  }
}
