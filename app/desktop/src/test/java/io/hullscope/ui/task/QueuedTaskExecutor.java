package io.hullscope.ui.task;

import io.hullscope.image.OperationCancelledException;
import io.hullscope.image.ProgressListener;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps submitted tasks in a queue until the test runs them, so a test can replace a request
 * before the first one finishes. Runs tasks on the calling thread; a cancelled task ends in its
 * failure handler without running.
 */
public final class QueuedTaskExecutor implements TaskExecutor {

  private final Deque<Runnable> queue = new ArrayDeque<>();

  @Override
  public <T> TaskHandle submit(BackgroundTask<T> task) {
    boolean[] cancelled = new boolean[1];
    SimpleTaskHandle handle = new SimpleTaskHandle(task.title(), () -> cancelled[0] = true);
    queue.add(() -> {
      handle.finish();
      if (cancelled[0]) {
        task.onFailure().accept(new OperationCancelledException());
        return;
      }
      T result;
      try {
        result = task.work().call(ProgressListener.NONE);
      } catch (Exception e) {
        task.onFailure().accept(e);
        return;
      }
      task.onSuccess().accept(result);
    });
    return handle;
  }

  /** Runs queued tasks, including those they submit, until the queue is empty. */
  public void runAll() {
    while (!queue.isEmpty()) {
      queue.poll().run();
    }
  }

  /** Runs queued tasks newest first, as if the later request had finished before the earlier one. */
  public void runNewestFirst() {
    while (!queue.isEmpty()) {
      queue.pollLast().run();
    }
  }

  @Override
  public void close() {
    queue.clear();
  }
}
