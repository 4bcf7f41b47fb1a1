package io.hullscope.ui.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TaskListViewModelTest {

  private final AtomicLong clock = new AtomicLong(1_000);
  private final TaskListViewModel tasks = new TaskListViewModel(clock::get, 2_000);
  private final QueuedTaskExecutor queue = new QueuedTaskExecutor();
  private final TrackingTaskExecutor executor = new TrackingTaskExecutor(queue, tasks);
  private final List<String> outcomes = new ArrayList<>();

  private TaskHandle submit(String title, boolean fails) {
    return executor.submit(new BackgroundTask<String>(
        title,
        progress -> {
          if (fails) {
            throw new IOException("disk full");
          }
          return title;
        },
        result -> outcomes.add("ok " + result),
        failure -> outcomes.add("failed " + title + ": " + failure.getClass().getSimpleName())));
  }

  @Test
  void listsRunningTasksWithCount() {
    submit("Opening a:1", false);
    submit("Opening b:1", false);

    assertThat(tasks.running()).extracting(TaskHandle::title).containsExactly("Opening a:1", "Opening b:1");
    assertThat(tasks.summary().get()).isEqualTo("2 tasks running");
  }

  @Test
  void cancelOneKeepsOther() {
    TaskHandle first = submit("Opening a:1", false);
    submit("Opening b:1", false);

    tasks.cancel(first);
    queue.runAll();

    assertThat(outcomes).containsExactly("failed Opening a:1: OperationCancelledException", "ok Opening b:1");
    assertThat(tasks.running()).isEmpty();
    assertThat(tasks.summary().get()).isEmpty();
  }

  @Test
  void finishedTaskLeavesList() {
    submit("Opening a:1", false);
    queue.runAll();
    submit("Opening b:1", false);

    assertThat(tasks.running()).extracting(TaskHandle::title).containsExactly("Opening b:1");
    assertThat(tasks.summary().get()).isEqualTo("1 task running");
  }

  @Test
  void longTaskPostsNotice() {
    submit("Indexing layers", false);
    clock.addAndGet(2_500);
    queue.runAll();

    assertThat(tasks.latestNoticeProperty().get()).isEqualTo(new TaskNotice("Indexing layers finished", false));
  }

  @Test
  void longFailedTaskPostsFailedNotice() {
    submit("Indexing layers", true);
    clock.addAndGet(2_500);
    queue.runAll();

    assertThat(tasks.latestNoticeProperty().get()).isEqualTo(new TaskNotice("Indexing layers failed", true));
    assertThat(outcomes).containsExactly("failed Indexing layers: IOException");
  }

  @Test
  void shortTaskPostsNoNotice() {
    submit("Listing images", false);
    clock.addAndGet(500);
    queue.runAll();

    assertThat(tasks.latestNoticeProperty().get()).isNull();
  }

  @Test
  void cancelledTaskPostsNoNotice() {
    TaskHandle handle = submit("Indexing layers", false);
    clock.addAndGet(5_000);
    tasks.cancel(handle);
    queue.runAll();

    assertThat(tasks.latestNoticeProperty().get()).isNull();
  }

  @Test
  void taskFinishedInsideSubmitIsNotListed() {
    TrackingTaskExecutor immediate = new TrackingTaskExecutor(new SameThreadTaskExecutor(), tasks);

    immediate.submit(new BackgroundTask<>("Quick", progress -> 1, result -> {}, failure -> {}));

    assertThat(tasks.running()).isEmpty();
  }

  @Test
  void trackingExecutorIsNotWrappedTwice() {
    assertThat(TrackingTaskExecutor.of(executor)).isSameAs(executor);
    assertThat(TrackingTaskExecutor.of(queue)).isNotSameAs(executor);
  }
}
