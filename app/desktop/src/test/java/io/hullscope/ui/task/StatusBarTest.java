package io.hullscope.ui.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The status bar's task list button and popover, and the notice after long work. */
@ExtendWith(ApplicationExtension.class)
class StatusBarTest {

  private final QueuedTaskExecutor queue = new QueuedTaskExecutor();
  private final long[] clock = {0};
  private final TaskListViewModel tasks = new TaskListViewModel(() -> clock[0], 2_000);
  private final TrackingTaskExecutor executor = new TrackingTaskExecutor(queue, tasks);
  private final List<String> outcomes = new java.util.ArrayList<>();

  @Start
  void start(Stage stage) {
    StatusBar bar = new StatusBar(new TaskStatusViewModel(), tasks, new SimpleStringProperty("idle"), () -> {});
    BorderPane root = new BorderPane();
    root.setBottom(bar.node());
    stage.setScene(new Scene(root, 900, 400));
    stage.show();
  }

  private void submit(String title) {
    executor.submit(new BackgroundTask<>(title, progress -> title, result -> outcomes.add("ok " + result),
        failure -> outcomes.add("failed " + title)));
  }

  @Test
  void popupCancelsOneOfTwoTasks(FxRobot robot) throws TimeoutException {
    robot.interact(() -> {
      submit("Opening a:1");
      submit("Opening b:1");
    });
    Button button = robot.lookup("#taskListButton").queryButton();
    assertThat(button.getText()).isEqualTo("2 tasks running");
    assertThat(button.isVisible()).isTrue();

    robot.clickOn(button);
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(".task-row").queryAll().size() == 2);
    assertThat(robot.lookup(".task-cancel").queryAllAs(Button.class))
        .extracting(Button::getAccessibleText)
        .containsExactly("Cancel Opening a:1", "Cancel Opening b:1");

    robot.clickOn(robot.lookup(".task-cancel").queryAllAs(Button.class).iterator().next());
    robot.interact(queue::runAll);

    assertThat(outcomes).containsExactly("failed Opening a:1", "ok Opening b:1");
    assertThat(tasks.running()).isEmpty();
    assertThat(button.isVisible()).isFalse();
  }

  @Test
  void longTaskShowsNotice(FxRobot robot) {
    robot.interact(() -> submit("Indexing layers"));
    clock[0] = 3_000;
    robot.interact(queue::runAll);

    Label notice = robot.lookup("#taskNotice").queryAs(Label.class);
    assertThat(notice.isVisible()).isTrue();
    assertThat(notice.getText()).isEqualTo("Indexing layers finished");
  }
}
