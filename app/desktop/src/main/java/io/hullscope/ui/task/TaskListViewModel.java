package io.hullscope.ui.task;

import java.util.function.LongSupplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Every background task that is still running, for the status bar's task list, and a notice for each
 * task that ends after running long enough for the user to have looked away.
 */
public final class TaskListViewModel {

  /** Tasks shorter than this end without a notice, because the user saw them end. */
  public static final long DEFAULT_NOTICE_AFTER_MILLIS = 2000;

  private final ObservableList<TaskHandle> running = FXCollections.observableArrayList();
  private final ObservableList<TaskHandle> runningView = FXCollections.unmodifiableObservableList(running);
  private final ReadOnlyObjectWrapper<TaskNotice> latestNotice = new ReadOnlyObjectWrapper<>();
  private final StringBinding summary = Bindings.createStringBinding(this::describeCount, running);
  private final LongSupplier clockMillis;
  private final long noticeAfterMillis;

  public TaskListViewModel() {
    this(System::currentTimeMillis, DEFAULT_NOTICE_AFTER_MILLIS);
  }

  /**
   * @param clockMillis the current time in milliseconds; tests pass a clock they move
   * @param noticeAfterMillis minimum running time for a notice when the task ends
   */
  public TaskListViewModel(LongSupplier clockMillis, long noticeAfterMillis) {
    this.clockMillis = clockMillis;
    this.noticeAfterMillis = noticeAfterMillis;
  }

  /** Returns the current time of this list's clock, which {@link #ended} compares with. */
  long now() {
    return clockMillis.getAsLong();
  }

  /** Adds a task that was just submitted; it leaves the list by itself when it stops running. */
  void add(TaskHandle handle) {
    if (!handle.runningProperty().get()) {
      return;
    }
    running.add(handle);
    handle.runningProperty().addListener((observable, before, after) -> {
      if (!after) {
        running.remove(handle);
      }
    });
  }

  /**
   * Records that a task ended. Posts a notice when it ran at least the notice threshold. A task the
   * user cancelled gets none, because the user started the cancel.
   */
  void ended(String title, long startedMillis, Outcome outcome) {
    if (outcome == Outcome.CANCELLED || now() - startedMillis < noticeAfterMillis) {
      return;
    }
    latestNotice.set(outcome == Outcome.SUCCEEDED
        ? new TaskNotice(title + " finished", false)
        : new TaskNotice(title + " failed", true));
  }

  /** Cancels one task of the list, if it still runs. */
  public void cancel(TaskHandle handle) {
    if (handle.runningProperty().get()) {
      handle.cancel();
    }
  }

  /** The running tasks, oldest first. */
  public ObservableList<TaskHandle> running() {
    return runningView;
  }

  /** The text of the task list button, for example {@code 2 tasks running}, or empty when none run. */
  public StringBinding summary() {
    return summary;
  }

  /** The last notice posted; the view shows each new one for a few seconds. */
  public ReadOnlyObjectProperty<TaskNotice> latestNoticeProperty() {
    return latestNotice.getReadOnlyProperty();
  }

  private String describeCount() {
    int count = running.size();
    return switch (count) {
      case 0 -> "";
      case 1 -> "1 task running";
      default -> count + " tasks running";
    };
  }

  /** The outcome of a finished task. */
  enum Outcome {
    SUCCEEDED,
    FAILED,
    CANCELLED
  }
}
