package io.hullscope.ui.task;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The status bar: the title, step and progress of the task the user waits for, and its Cancel. */
public final class TaskStatusViewModel {

  private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
  private TaskHandle current;

  /** Follows a newly submitted task, replacing the one shown before. */
  public void track(TaskHandle handle) {
    release();
    current = handle;
    title.set(handle.title());
    message.bind(handle.messageProperty());
    progress.bind(handle.progressProperty());
    running.bind(handle.runningProperty());
  }

  /** Cancels the task shown, if it still runs. */
  public void cancel() {
    if (current != null && current.runningProperty().get()) {
      current.cancel();
    }
  }

  /** Returns true when the given task is the one shown; older tasks' results are stale. */
  public boolean isCurrent(TaskHandle handle) {
    return handle == current;
  }

  private void release() {
    message.unbind();
    progress.unbind();
    running.unbind();
    running.set(false);
    message.set("");
  }

  public ReadOnlyStringProperty titleProperty() {
    return title.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }
}
