package io.hullscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.ui.sources.FolderSourceEntry;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.task.QueuedTaskExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Requests the user replaces before they finish: their late results must not win. */
class MainViewModelRaceTest {

  @TempDir Path samples;

  private final QueuedTaskExecutor executor = new QueuedTaskExecutor();
  private final Preferences preferences =
      Preferences.userRoot().node("io/hullscope/test/race-" + System.nanoTime());
  private MainViewModel viewModel;

  @BeforeEach
  void createViewModel() {
    TestImages.writeArchive(samples);
    ImageArchiveBuilder.dockerSave(TestImages.app().reference("example.com/team/other:2.0"))
        .writeTar(samples.resolve("other.tar"));
    viewModel = TestViewModels.mainViewModel(executor, preferences, List.of(new FolderSourceEntry("Samples", samples)));
    viewModel.start();
    executor.runAll();
  }

  @AfterEach
  void close() throws BackingStoreException {
    viewModel.close();
    preferences.removeNode();
  }

  @Test
  void laterImageSelectionWins() {
    ImageRow first = viewModel.images().get(0);
    ImageRow second = viewModel.images().get(1);

    viewModel.selectedImageProperty().set(first);
    viewModel.selectedImageProperty().set(second);
    executor.runAll();

    assertThat(viewModel.analysisProperty().get().image().references())
        .containsExactlyElementsOf(second.summary().references());
    assertThat(viewModel.error().visibleProperty().get()).isFalse();
  }

  @Test
  void replacedImageFinishingLastIsDropped() {
    ImageRow first = viewModel.images().get(0);
    ImageRow second = viewModel.images().get(1);

    viewModel.selectedImageProperty().set(first);
    viewModel.selectedImageProperty().set(second);
    executor.runNewestFirst();

    assertThat(viewModel.analysisProperty().get().image().references())
        .containsExactlyElementsOf(second.summary().references());
  }

  @Test
  void cancelledOpenShowsNoError() {
    viewModel.selectedImageProperty().set(viewModel.images().get(0));

    viewModel.cancelTask();
    executor.runAll();

    assertThat(viewModel.analysisProperty().get()).isNull();
    assertThat(viewModel.error().visibleProperty().get()).isFalse();
  }

  @Test
  void clearedSelectionDropsLateResult() {
    viewModel.selectedImageProperty().set(viewModel.images().get(0));

    viewModel.selectedImageProperty().set(null);
    executor.runAll();

    assertThat(viewModel.analysisProperty().get()).isNull();
  }
}
