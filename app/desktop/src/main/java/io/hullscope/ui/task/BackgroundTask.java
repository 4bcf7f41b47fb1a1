package io.hullscope.ui.task;

import io.hullscope.image.ProgressListener;
import java.util.function.Consumer;

/**
 * A long step of the UI, such as opening an image: a title for the status bar, the work itself, and
 * what to do with its result. The work reports progress and checks for cancellation through the
 * engine's {@link ProgressListener}.
 *
 * @param title short text for the status bar, for example {@code Opening nginx:1.27}
 * @param onSuccess receives the result on the UI thread
 * @param onFailure receives the failure on the UI thread, including cancellation
 */
public record BackgroundTask<T>(String title, Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {

  /** The work of a task; runs on a worker thread and must not touch JavaFX nodes or properties. */
  @FunctionalInterface
  public interface Work<T> {
    T call(ProgressListener progress) throws Exception;
  }
}
