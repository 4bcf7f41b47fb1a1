package io.hullscope.ui.task;

import io.hullscope.image.OperationCancelledException;
import io.hullscope.image.ProgressListener;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs each task to the end inside {@code submit}, on the calling thread, so view model tests need
 * neither a JavaFX toolkit nor waiting. Records the titles of submitted tasks.
 */
public final class SameThreadTaskExecutor implements TaskExecutor {

  private final List<String> titles = new ArrayList<>();

  @Override
  public <T> TaskHandle submit(BackgroundTask<T> task) {
    titles.add(task.title());
    boolean[] cancelled = new boolean[1];
    SimpleTaskHandle handle = new SimpleTaskHandle(task.title(), () -> cancelled[0] = true);
    T result;
    try {
      result = task.work().call(new ProgressListener() {
        @Override
        public void step(String message) {
          handle.setMessage(message);
        }

        @Override
        public boolean isCancelled() {
          return cancelled[0];
        }
      });
    } catch (Exception e) {
      handle.finish();
      task.onFailure().accept(e);
      return handle;
    }
    handle.finish();
    if (cancelled[0]) {
      task.onFailure().accept(new OperationCancelledException());
    } else {
      task.onSuccess().accept(result);
    }
    return handle;
  }

  /** Titles of all submitted tasks, in order. */
  public List<String> titles() {
    return titles;
  }

  @Override
  public void close() {}
}
