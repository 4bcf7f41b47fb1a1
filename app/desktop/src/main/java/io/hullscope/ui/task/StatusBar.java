package io.hullscope.ui.task;

import atlantafx.base.theme.Styles;
import javafx.animation.FadeTransition;
import javafx.animation.PauseTransition;
import javafx.animation.SequentialTransition;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The bottom bar: the title, step, progress and Cancel of the task the user waits for, a button
 * listing every running task, and a notice that fades out when long background work ends.
 */
public final class StatusBar {

  private static final String IDLE_TOOLTIP = "Stored: the config and layer blobs as the file stores them "
      + "(in Docker: the daemon's figure). Unpacked: the layer tars after decompression, added up. "
      + "Then the size and number of the files a container sees. The Overview explains each size.";

  /** How long a notice stays fully visible before it fades. */
  private static final Duration NOTICE_VISIBLE = Duration.seconds(4);
  private static final Duration NOTICE_FADE = Duration.millis(800);

  private final HBox bar = new HBox(10);

  /** Creates the bar without a list of other tasks. */
  public StatusBar(TaskStatusViewModel status, ObservableStringValue idleText, Runnable cancel) {
    this(status, new TaskListViewModel(), idleText, cancel);
  }

  /**
   * @param tasks every running task, for the task list button and the notices
   * @param idleText what the bar shows while no task runs, for example a summary of the open image
   */
  public StatusBar(TaskStatusViewModel status, TaskListViewModel tasks, ObservableStringValue idleText,
      Runnable cancel) {
    Label idle = new Label();
    idle.setId("statusSummary");
    idle.textProperty().bind(idleText);
    idle.visibleProperty().bind(status.runningProperty().not());
    idle.managedProperty().bind(idle.visibleProperty());
    Tooltip explanation = new Tooltip(IDLE_TOOLTIP);
    explanation.setWrapText(true);
    explanation.setMaxWidth(480);
    idle.setTooltip(explanation);

    Label title = new Label();
    title.textProperty().bind(status.titleProperty());
    title.getStyleClass().add("status-title");
    Label step = new Label();
    step.setId("taskMessage");
    step.textProperty().bind(status.messageProperty());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);

    ProgressBar progress = new ProgressBar();
    progress.setPrefWidth(220);
    progress.setMinWidth(220);
    progress.progressProperty().bind(status.progressProperty());
    Button cancelButton = new Button("Cancel", new FontIcon(Feather.X_CIRCLE));
    cancelButton.setId("cancelTask");
    cancelButton.setOnAction(event -> cancel.run());
    cancelButton.setTooltip(new Tooltip("Cancel the task shown here"));

    progress.visibleProperty().bind(status.runningProperty());
    cancelButton.visibleProperty().bind(status.runningProperty());
    title.visibleProperty().bind(status.runningProperty());
    title.managedProperty().bind(title.visibleProperty());
    step.visibleProperty().bind(status.runningProperty());
    step.managedProperty().bind(step.visibleProperty());

    bar.getChildren().addAll(idle, title, step, spacer, notice(tasks), progress, cancelButton, taskListButton(tasks));
    bar.getStyleClass().add("status-bar");
  }

  private static Button taskListButton(TaskListViewModel tasks) {
    TaskListPopup popup = new TaskListPopup(tasks);
    Button button = new Button(null, new FontIcon(Feather.LIST));
    button.setId("taskListButton");
    button.textProperty().bind(tasks.summary());
    button.getStyleClass().add(Styles.FLAT);
    button.setTooltip(new Tooltip("Show every running task with its progress and a Cancel button"));
    button.accessibleTextProperty().bind(tasks.summary());
    button.setOnAction(event -> popup.toggle(button));
    button.visibleProperty().bind(tasks.summary().isNotEmpty());
    button.managedProperty().bind(button.visibleProperty());
    return button;
  }

  /** Builds the label that shows each new notice and fades it out again. */
  private static Label notice(TaskListViewModel tasks) {
    Label notice = new Label();
    notice.setId("taskNotice");
    notice.getStyleClass().add("task-notice");
    notice.setVisible(false);
    notice.managedProperty().bind(notice.visibleProperty());
    PauseTransition wait = new PauseTransition(NOTICE_VISIBLE);
    FadeTransition fade = new FadeTransition(NOTICE_FADE, notice);
    fade.setFromValue(1);
    fade.setToValue(0);
    SequentialTransition show = new SequentialTransition(wait, fade);
    show.setOnFinished(event -> notice.setVisible(false));
    tasks.latestNoticeProperty().addListener((observable, before, after) -> {
      if (after == null) {
        return;
      }
      notice.setText(after.text());
      notice.setGraphic(new FontIcon(after.failed() ? Feather.ALERT_TRIANGLE : Feather.CHECK_CIRCLE));
      notice.getStyleClass().remove("task-notice-failed");
      if (after.failed()) {
        notice.getStyleClass().add("task-notice-failed");
      }
      notice.setOpacity(1);
      notice.setVisible(true);
      show.playFromStart();
    });
    return notice;
  }

  public Node node() {
    return bar;
  }
}
