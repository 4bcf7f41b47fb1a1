package io.hullscope.ui.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.OperationCancelledException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The real executor on the JavaFX toolkit (Monocle headless under Surefire). */
class FxTaskExecutorTest {

  /** Upper bound for background work that takes milliseconds; reaching it fails the test. */
  private static final long WAIT_SECONDS = 30;

  private final FxTaskExecutor executor = new FxTaskExecutor(1);

  @BeforeAll
  static void startToolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @AfterEach
  void closeExecutor() {
    executor.close();
  }

  @Test
  void successArrivesOnFxThread() throws Exception {
    CompletableFuture<Boolean> onFxThread = new CompletableFuture<>();
    AtomicReference<String> result = new AtomicReference<>();

    Platform.runLater(() -> executor.submit(new BackgroundTask<>(
        "Counting",
        progress -> "done on " + Thread.currentThread().getName(),
        value -> {
          result.set(value);
          onFxThread.complete(Platform.isFxApplicationThread());
        },
        onFxThread::completeExceptionally)));

    assertThat(onFxThread.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(result.get()).startsWith("done on hullscope-worker-");
  }

  @Test
  void taskSubmittedAfterCloseIsDroppedWithoutRunning() throws Exception {
    FxTaskExecutor closed = new FxTaskExecutor(1);
    closed.close();
    AtomicReference<String> ran = new AtomicReference<>();

    TaskHandle handle = closed.submit(new BackgroundTask<>("Late", progress -> "ran", ran::set, failure -> {}));

    assertThat(handle).isNotNull();
    Thread.sleep(200);
    assertThat(ran.get()).isNull();
  }

  @Test
  void failureKeepsItsCause() throws Exception {
    CompletableFuture<Throwable> failure = new CompletableFuture<>();

    Platform.runLater(() -> executor.submit(new BackgroundTask<String>(
        "Failing",
        progress -> {
          throw new java.io.IOException("layer 3 is truncated");
        },
        value -> failure.complete(null),
        failure::complete)));

    assertThat(failure.get(WAIT_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(java.io.IOException.class)
        .hasMessage("layer 3 is truncated");
  }

  @Test
  void cancelStopsWorkAndReportsCancellation() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Boolean> workSawCancel = new CompletableFuture<>();
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    AtomicReference<TaskHandle> handle = new AtomicReference<>();

    Platform.runLater(() -> handle.set(executor.submit(new BackgroundTask<String>(
        "Waiting for cancel",
        progress -> {
          started.countDown();
          while (!progress.isCancelled()) {
            Thread.onSpinWait();
          }
          workSawCancel.complete(true);
          throw new OperationCancelledException();
        },
        value -> failure.complete(null),
        failure::complete))));
    assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

    Platform.runLater(() -> handle.get().cancel());

    assertThat(failure.get(WAIT_SECONDS, TimeUnit.SECONDS)).isInstanceOf(OperationCancelledException.class);
    assertThat(workSawCancel.get(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Boolean> running = new CompletableFuture<>();
    Platform.runLater(() -> running.complete(handle.get().runningProperty().get()));
    assertThat(running.get(WAIT_SECONDS, TimeUnit.SECONDS)).isFalse();
  }
}
