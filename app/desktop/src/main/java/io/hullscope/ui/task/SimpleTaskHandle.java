package io.hullscope.ui.task;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;

/** A {@link TaskHandle} whose properties the executor sets or binds; used by every executor. */
public final class SimpleTaskHandle implements TaskHandle {

  private final String title;
  private final Runnable canceller;
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(true);

  public SimpleTaskHandle(String title, Runnable canceller) {
    this.title = title;
    this.canceller = canceller;
  }

  /** Follows the message and progress of a running JavaFX task. */
  void bindTo(ObservableValue<String> taskMessage, ObservableValue<Number> taskProgress) {
    message.bind(taskMessage);
    progress.bind(taskProgress);
  }

  /** Sets the current step; for executors that do not bind. */
  public void setMessage(String text) {
    message.set(text);
  }

  /** Sets the progress from 0 to 1, or -1 while unknown; for executors that do not bind. */
  public void setProgress(double value) {
    progress.set(value);
  }

  /** Marks the task as ended and stops following the JavaFX task. */
  public void finish() {
    message.unbind();
    progress.unbind();
    running.set(false);
  }

  @Override
  public String title() {
    return title;
  }

  @Override
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  @Override
  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  @Override
  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  @Override
  public void cancel() {
    canceller.run();
  }
}
