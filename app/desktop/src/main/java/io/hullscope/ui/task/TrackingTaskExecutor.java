package io.hullscope.ui.task;

import io.hullscope.image.OperationCancelledException;

/**
 * An executor that passes tasks to another one and lists them in a {@link TaskListViewModel} while
 * they run, so the status bar can show every task, not only the one the user waits for.
 */
public final class TrackingTaskExecutor implements TaskExecutor {

  private final TaskExecutor delegate;
  private final TaskListViewModel tasks;

  public TrackingTaskExecutor(TaskExecutor delegate, TaskListViewModel tasks) {
    this.delegate = delegate;
    this.tasks = tasks;
  }

  /** Returns {@code executor} when it already tracks its tasks, or a new tracking executor around it. */
  public static TrackingTaskExecutor of(TaskExecutor executor) {
    if (executor instanceof TrackingTaskExecutor tracking) {
      return tracking;
    }
    return new TrackingTaskExecutor(executor, new TaskListViewModel());
  }

  @Override
  public <T> TaskHandle submit(BackgroundTask<T> task) {
    long started = tasks.now();
    BackgroundTask<T> reporting = new BackgroundTask<>(
        task.title(),
        task.work(),
        result -> {
          task.onSuccess().accept(result);
          tasks.ended(task.title(), started, TaskListViewModel.Outcome.SUCCEEDED);
        },
        failure -> {
          task.onFailure().accept(failure);
          boolean cancelled = failure instanceof OperationCancelledException;
          tasks.ended(task.title(), started,
              cancelled ? TaskListViewModel.Outcome.CANCELLED : TaskListViewModel.Outcome.FAILED);
        });
    TaskHandle handle = delegate.submit(reporting);
    tasks.add(handle);
    return handle;
  }

  /** The list of running tasks this executor fills. */
  public TaskListViewModel tasks() {
    return tasks;
  }

  @Override
  public void close() {
    delegate.close();
  }
}
