package io.hullscope.ui.task;

import atlantafx.base.controls.Popover;
import atlantafx.base.theme.Styles;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The popover of the status bar's task button: one row per running task with progress and Cancel. */
final class TaskListPopup {

  private static final double ROW_WIDTH = 360;

  private final TaskListViewModel tasks;
  private final VBox rows = new VBox(10);
  private final Popover popover;

  TaskListPopup(TaskListViewModel tasks) {
    this.tasks = tasks;
    rows.setId("taskList");
    rows.setFillWidth(true);
    Label empty = new Label("No task is running");
    empty.getStyleClass().add("content-note");
    tasks.running().addListener((ListChangeListener<TaskHandle>) change -> fill(empty));
    fill(empty);
    popover = new Popover(rows);
    popover.setTitle("Running tasks");
    popover.setHeaderAlwaysVisible(true);
    popover.setDetachable(false);
    popover.setArrowLocation(Popover.ArrowLocation.BOTTOM_RIGHT);
  }

  void toggle(Node owner) {
    if (popover.isShowing()) {
      popover.hide();
    } else {
      popover.show(owner);
    }
  }

  private void fill(Label empty) {
    if (tasks.running().isEmpty()) {
      rows.getChildren().setAll(empty);
      hideWhenEmpty();
      return;
    }
    rows.getChildren().setAll(tasks.running().stream().map(this::row).toList());
  }

  /** Hides the popover once its last task ended, because an empty list has nothing to act on. */
  private void hideWhenEmpty() {
    if (popover != null && popover.isShowing()) {
      popover.hide();
    }
  }

  private Node row(TaskHandle handle) {
    Label title = new Label(handle.title());
    title.getStyleClass().add("status-title");
    title.setMaxWidth(ROW_WIDTH);
    Label step = new Label();
    step.textProperty().bind(handle.messageProperty());
    step.getStyleClass().add("content-note");
    step.setMaxWidth(ROW_WIDTH);
    ProgressBar progress = new ProgressBar();
    progress.progressProperty().bind(handle.progressProperty());
    progress.setMaxWidth(Double.MAX_VALUE);
    progress.setAccessibleText("Progress of " + handle.title());
    HBox.setHgrow(progress, Priority.ALWAYS);

    Button cancel = new Button(null, new FontIcon(Feather.X_CIRCLE));
    cancel.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    cancel.setTooltip(new Tooltip("Cancel " + handle.title()));
    cancel.setAccessibleText("Cancel " + handle.title());
    cancel.getStyleClass().add("task-cancel");
    cancel.setOnAction(event -> tasks.cancel(handle));
    cancel.disableProperty().bind(handle.runningProperty().not());

    HBox bar = new HBox(8, progress, cancel);
    bar.setAlignment(Pos.CENTER_LEFT);
    VBox row = new VBox(2, title, step, bar);
    row.setPrefWidth(ROW_WIDTH);
    row.getStyleClass().add("task-row");
    return row;
  }
}
