package io.hullscope.image;

/**
 * Receives progress of long engine operations. Plain callbacks, no UI types: the desktop wraps
 * them in a JavaFX task, the CLI prints them. Implementations must be cheap and thread-safe;
 * the engine calls them from worker threads.
 */
public interface ProgressListener {

  ProgressListener NONE = new ProgressListener() {};

  /** A new step starts, for example {@code Indexing layer 3 of 12}. */
  default void step(String message) {}

  /** Work done so far, in the unit of {@code total} (usually bytes); total is -1 when unknown. */
  default void progress(long done, long total) {}

  /** Returns true when the user asked to stop; the engine then throws {@link OperationCancelledException}. */
  default boolean isCancelled() {
    return false;
  }

  /** Throws when {@link #isCancelled()} is true; called between units of work. */
  default void checkCancelled() throws OperationCancelledException {
    if (isCancelled()) {
      throw new OperationCancelledException();
    }
  }
}
