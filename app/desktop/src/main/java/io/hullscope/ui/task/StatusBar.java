package io.hullscope.ui.task;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The bottom bar: the running task's title and step, a progress bar and Cancel. */
public final class StatusBar {

  private static final String IDLE_TOOLTIP = "Stored: the config and layer blobs as the file stores them "
      + "(in Docker: the daemon's figure). Unpacked: the layer tars after decompression, added up. "
      + "Then the size and number of the files a container sees. The Overview explains each size.";

  private final HBox bar = new HBox(10);

  /**
   * @param idleText what the bar shows while no task runs, for example a summary of the open image
   */
  public StatusBar(TaskStatusViewModel status, ObservableStringValue idleText, Runnable cancel) {
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

    progress.visibleProperty().bind(status.runningProperty());
    cancelButton.visibleProperty().bind(status.runningProperty());
    title.visibleProperty().bind(status.runningProperty());
    title.managedProperty().bind(title.visibleProperty());
    step.visibleProperty().bind(status.runningProperty());
    step.managedProperty().bind(step.visibleProperty());

    bar.getChildren().addAll(idle, title, step, spacer, progress, cancelButton);
    bar.getStyleClass().add("status-bar");
  }

  public Node node() {
    return bar;
  }
}
