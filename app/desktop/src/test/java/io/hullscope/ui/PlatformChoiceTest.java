package io.hullscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Platform;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.TarBuilder;
import io.hullscope.ui.sources.FolderSourceEntry;
import io.hullscope.ui.task.SameThreadTaskExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the platform of a multi-platform image in the main view model. */
class PlatformChoiceTest {

  private static final Platform AMD64 = Platform.parse("linux/amd64");
  private static final Platform ARM64 = Platform.parse("linux/arm64/v8");
  /** Never this machine's platform, so choosing it must reopen the image. */
  private static final Platform S390X = Platform.parse("linux/s390x");

  @TempDir Path samples;

  private final SameThreadTaskExecutor executor = new SameThreadTaskExecutor();
  private final Preferences preferences =
      Preferences.userRoot().node("io/hullscope/test/platform-" + System.nanoTime());
  private MainViewModel viewModel;

  @BeforeEach
  void createViewModel() {
    ImageArchiveBuilder.ociLayout(
            ImageArchiveBuilder.index(platformImage(AMD64), platformImage(ARM64), platformImage(S390X))
                .reference("example.com/team/multi:2.0"))
        .writeTar(samples.resolve("multi.tar"));
    viewModel = TestViewModels.mainViewModel(executor, preferences, List.of(new FolderSourceEntry("Samples", samples)));
    viewModel.start();
  }

  @AfterEach
  void close() throws BackingStoreException {
    viewModel.close();
    preferences.removeNode();
  }

  /** An image whose only file names its platform, so a test can tell which one was opened. */
  private static ImageArchiveBuilder.TestImage platformImage(Platform platform) {
    byte[] layer = new TarBuilder().file("etc/platform", platform + "\n").build();
    return ImageArchiveBuilder.image().platform(platform.toString()).layer(layer).history("COPY platform /etc/");
  }

  private Platform openedPlatform() {
    return viewModel.analysisProperty().get().image().config().platform();
  }

  @Test
  void multiPlatformImageListsItsPlatforms() {
    viewModel.selectedImageProperty().set(viewModel.images().get(0));

    assertThat(viewModel.platforms()).hasSize(3);
    assertThat(viewModel.platforms()).contains(AMD64, ARM64);
  }

  @Test
  void defaultOpenShowsThePickedPlatform() {
    viewModel.selectedImageProperty().set(viewModel.images().get(0));

    assertThat(viewModel.platformProperty().get()).isEqualTo(openedPlatform());
  }

  @Test
  void choosingPlatformReopensImage() {
    viewModel.selectedImageProperty().set(viewModel.images().get(0));

    viewModel.platformProperty().set(S390X);

    assertThat(openedPlatform()).isEqualTo(S390X);
    assertThat(viewModel.analysisProperty().get().squashed(0).find("etc/platform")).isPresent();
  }

  @Test
  void selectingAnotherImageResetsChoice() {
    viewModel.selectedImageProperty().set(viewModel.images().get(0));
    viewModel.platformProperty().set(ARM64);

    viewModel.selectedImageProperty().set(null);

    assertThat(viewModel.platforms()).isEmpty();
    assertThat(viewModel.platformProperty().get()).isNull();
  }
}
