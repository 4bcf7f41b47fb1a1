package io.hullscope.ui.task;

import io.hullscope.image.OperationCancelledException;
import io.hullscope.image.ProgressListener;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each {@link BackgroundTask} as a {@link javafx.concurrent.Task} on a small pool of daemon
 * threads. JavaFX throttles the task's message and progress updates, so the engine may report as
 * often as it likes.
 */
public final class FxTaskExecutor implements TaskExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(FxTaskExecutor.class);

  private final ExecutorService workers;

  public FxTaskExecutor(int threads) {
    this.workers = Executors.newFixedThreadPool(threads, new WorkerThreads());
  }

  @Override
  public <T> TaskHandle submit(BackgroundTask<T> backgroundTask) {
    FxTask<T> task = new FxTask<>(backgroundTask);
    SimpleTaskHandle handle = new SimpleTaskHandle(backgroundTask.title(), () -> task.cancel(true));
    handle.bindTo(task.messageProperty(), task.progressProperty());
    task.setOnSucceeded(event -> {
      handle.finish();
      backgroundTask.onSuccess().accept(task.getValue());
    });
    task.setOnFailed(event -> {
      handle.finish();
      LOG.warn("{} failed", backgroundTask.title(), task.getException());
      backgroundTask.onFailure().accept(task.getException());
    });
    task.setOnCancelled(event -> {
      handle.finish();
      LOG.info("{} was cancelled", backgroundTask.title());
      backgroundTask.onFailure().accept(new OperationCancelledException());
    });
    try {
      workers.execute(task);
    } catch (RejectedExecutionException e) {
      if (!workers.isShutdown()) {
        throw e;
      }
      // A task that finishes while the window closes may start a follow-up; there is nothing to run it for.
      LOG.debug("{} was not started because the window is closing", backgroundTask.title());
      handle.finish();
    }
    return handle;
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }

  private static final class FxTask<T> extends Task<T> {

    private final BackgroundTask<T> backgroundTask;

    FxTask(BackgroundTask<T> backgroundTask) {
      this.backgroundTask = backgroundTask;
      updateTitle(backgroundTask.title());
    }

    @Override
    protected T call() throws Exception {
      return backgroundTask.work().call(new ProgressListener() {
        @Override
        public void step(String message) {
          updateMessage(message);
        }

        @Override
        public void progress(long done, long total) {
          updateProgress(done, total);
        }

        @Override
        public boolean isCancelled() {
          return FxTask.this.isCancelled();
        }
      });
    }

  }

  private static final class WorkerThreads implements ThreadFactory {

    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, "hullscope-worker-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
