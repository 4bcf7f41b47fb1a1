package io.hullscope.ui.task;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/** A submitted task as the status bar shows it: its title, progress and a way to cancel it. */
public interface TaskHandle {

  String title();

  /** The current step, for example {@code Indexing layer 3 of 12}. */
  ReadOnlyStringProperty messageProperty();

  /** Progress from 0 to 1, or -1 while unknown. */
  ReadOnlyDoubleProperty progressProperty();

  /** True until the task succeeded, failed or was cancelled. */
  ReadOnlyBooleanProperty runningProperty();

  /** Asks the task to stop; its failure handler then receives the cancellation. */
  void cancel();
}
