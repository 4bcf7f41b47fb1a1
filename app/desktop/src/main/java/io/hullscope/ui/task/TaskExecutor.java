package io.hullscope.ui.task;

/**
 * Runs {@link BackgroundTask}s off the JavaFX thread. View models receive one instance; the app
 * injects {@link FxTaskExecutor}, tests inject an executor that runs tasks on the calling thread.
 */
public interface TaskExecutor extends AutoCloseable {

  /**
   * Starts the task. Its success or failure handler runs on the JavaFX thread (on the calling
   * thread in tests); a cancelled task ends in its failure handler with an
   * {@link io.hullscope.image.OperationCancelledException}.
   */
  <T> TaskHandle submit(BackgroundTask<T> task);

  /** Cancels running tasks and stops the worker threads. */
  @Override
  void close();
}
