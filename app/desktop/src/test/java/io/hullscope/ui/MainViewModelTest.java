package io.hullscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.ProgressListener;
import io.hullscope.index.ChangeKind;
import io.hullscope.index.TreeNode;
import io.hullscope.index.WastedFile;
import io.hullscope.ui.content.ContentKind;
import io.hullscope.ui.content.FileContentViewModel;
import io.hullscope.ui.layers.LayersViewModel;
import io.hullscope.ui.layers.TreeMode;
import io.hullscope.ui.overview.ConfigRow;
import io.hullscope.ui.overview.EnvRow;
import io.hullscope.ui.overview.OverviewViewModel;
import io.hullscope.ui.sources.DockerSourceEntry;
import io.hullscope.ui.sources.FolderSourceEntry;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.sources.SourceListing;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.ArchiveFiles;
import io.hullscope.testing.TarBuilder;
import io.hullscope.ui.task.SameThreadTaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainViewModelTest {

  @TempDir Path samples;

  private final SameThreadTaskExecutor executor = new SameThreadTaskExecutor();
  private final Preferences preferences =
      Preferences.userRoot().node("io/hullscope/test/main-" + System.nanoTime());
  private MainViewModel viewModel;

  @BeforeEach
  void createViewModel() {
    TestImages.writeArchive(samples);
    viewModel = TestViewModels.mainViewModel(executor, preferences, List.of(new FolderSourceEntry("Samples", samples)));
  }

  @AfterEach
  void close() throws BackingStoreException {
    viewModel.close();
    preferences.removeNode();
  }

  private void openSample() {
    viewModel.start();
    viewModel.selectedImageProperty().set(viewModel.images().get(0));
  }

  @Test
  void startSelectsSourceWithImages() {
    viewModel.start();

    assertThat(viewModel.selectedSourceProperty().get().name()).isEqualTo("Samples");
  }

  @Test
  void startSkipsUnreachableDaemon() {
    DockerSourceEntry docker = new DockerSourceEntry(() -> {
      throw new IllegalStateException("No Docker daemon at unix:///missing.sock");
    });
    MainViewModel withDocker = TestViewModels.mainViewModel(executor, preferences, List.of(docker, new FolderSourceEntry("Samples", samples)));

    withDocker.start();

    assertThat(withDocker.selectedSourceProperty().get().name()).isEqualTo("Samples");
    assertThat(docker.statusProperty().get()).isEqualTo("Not reachable: No Docker daemon at unix:///missing.sock");
    withDocker.close();
  }

  @Test
  void startListsSamples() {
    viewModel.start();

    assertThat(viewModel.images()).hasSize(1);
    assertThat(viewModel.images().get(0).reference()).isEqualTo(TestImages.REFERENCE);
    assertThat(viewModel.sources().get(0).statusProperty().get()).isEqualTo("1 image");
  }

  @Test
  void openingImageShowsItsLayers() {
    openSample();

    assertThat(viewModel.analysisProperty().get()).isNotNull();
    assertThat(viewModel.layers().layers()).hasSize(2);
    assertThat(viewModel.layers().layers().get(1).shortCommand()).isEqualTo("COPY run.sh /app/");
    assertThat(viewModel.layers().selectedLayerProperty().get()).isEqualTo(1);
    assertThat(viewModel.error().visibleProperty().get()).isFalse();
  }

  @Test
  void statusSummaryNamesOpenedImage() {
    openSample();

    assertThat(viewModel.imageSummaryProperty().get()).startsWith(TestImages.REFERENCE + ": 2 layers, ");
    assertThat(viewModel.imageSummaryProperty().get()).endsWith(" % efficient");
  }

  @Test
  void overviewShowsStoredSizeOfTable() {
    openSample();

    ImageRow row = viewModel.images().get(0);
    assertThat(viewModel.overview().rows()).contains(new ConfigRow("Stored size", row.size()));
    assertThat(viewModel.overview().rows()).extracting(ConfigRow::label)
        .contains("Unpacked size", "Final file system")
        .doesNotContain("Total size");
  }

  @Test
  void statusSummaryNamesSizesAsOverviewDoes() {
    openSample();

    String unpacked = viewModel.overview().rows().stream()
        .filter(row -> row.label().equals("Unpacked size")).findFirst().orElseThrow().value();
    String finalFiles = viewModel.overview().rows().stream()
        .filter(row -> row.label().equals("Final file system")).findFirst().orElseThrow().value();
    assertThat(viewModel.imageSummaryProperty().get())
        .contains(viewModel.images().get(0).size() + " stored, ")
        .contains(unpacked + " unpacked, ")
        .contains(finalFiles + ", ");
  }

  @Test
  void overviewSaysRootWhenUserUnset() {
    openSample();

    assertThat(viewModel.overview().rows()).contains(new ConfigRow("User", "root (unset)"));
    assertThat(viewModel.overview().rows()).contains(new ConfigRow("Exposed ports", "8080/tcp"));
    assertThat(viewModel.overview().rows()).contains(new ConfigRow("Layers", "2"));
  }

  @Test
  void secretEnvMaskedUntilRevealed() {
    openSample();
    OverviewViewModel overview = viewModel.overview();
    EnvRow password = overview.env().stream().filter(row -> row.name().equals("DB_PASSWORD")).findFirst().orElseThrow();
    EnvRow path = overview.env().stream().filter(row -> row.name().equals("PATH")).findFirst().orElseThrow();

    assertThat(overview.displayedValue(password)).isEqualTo("********");
    assertThat(overview.displayedValue(path)).isEqualTo("/usr/bin");

    overview.revealSecretsProperty().set(true);

    assertThat(overview.displayedValue(password)).isEqualTo("hunter2");
  }

  @Test
  void changesModeShowsOnlyLayerChanges() {
    openSample();
    LayersViewModel layers = viewModel.layers();

    layers.modeProperty().set(TreeMode.CHANGES);
    layers.selectedLayerProperty().set(1);

    TreeNode root = layers.treeProperty().get().root();
    assertThat(root.children()).extracting(TreeNode::name).containsExactly("app", "etc");
    assertThat(layers.treeProperty().get().find("etc/os-release").orElseThrow().change())
        .isEqualTo(ChangeKind.MODIFIED);
  }

  @Test
  void squashedModeShowsWholeFileSystem() {
    openSample();
    LayersViewModel layers = viewModel.layers();

    layers.selectedLayerProperty().set(0);
    layers.modeProperty().set(TreeMode.SQUASHED);

    assertThat(layers.treeProperty().get().find("etc/os-release")).isPresent();
    assertThat(layers.treeProperty().get().find("app/run.sh")).isEmpty();
  }

  @Test
  void selectingFileShowsNumberedText() {
    openSample();
    LayersViewModel layers = viewModel.layers();
    layers.modeProperty().set(TreeMode.SQUASHED);

    layers.selectPath("app/run.sh");

    FileContentViewModel content = layers.content();
    assertThat(content.kindProperty().get()).isEqualTo(ContentKind.TEXT);
    assertThat(content.textProperty().get()).isEqualTo("1  #!/bin/sh\n2  echo hello from the app\n");
    assertThat(content.headerProperty().get()).isEqualTo("/app/run.sh");
  }

  @Test
  void deletedFileShowsVersionBelow() {
    Path archive = ImageArchiveBuilder.dockerSave(TestImages.app()
            .layer(new TarBuilder().whiteout("etc/os-release").build())
            .history("RUN rm /etc/os-release"))
        .writeTar(samples.resolve("deleted.tar"));
    viewModel.openPath(archive);
    viewModel.selectedImageProperty().set(viewModel.images().get(0));
    LayersViewModel layers = viewModel.layers();

    layers.selectPath("etc/os-release");

    FileContentViewModel content = layers.content();
    assertThat(layers.selectedLayerProperty().get()).isEqualTo(2);
    assertThat(content.kindProperty().get()).isEqualTo(ContentKind.TEXT);
    assertThat(content.textProperty().get()).isEqualTo("1  ID=t2\n");
    assertThat(content.noteProperty().get()).startsWith("Deleted in layer 2; showing the version below it.");
  }

  @Test
  void wastedFileRevealSwitchesToFileSystem() {
    openSample();
    LayersViewModel layers = viewModel.layers();
    layers.modeProperty().set(TreeMode.CHANGES);
    WastedFile osRelease = layers.wastedFiles().stream()
        .filter(file -> file.path().equals("etc/os-release")).findFirst().orElseThrow();

    layers.revealWastedFile(osRelease);

    assertThat(layers.modeProperty().get()).isEqualTo(TreeMode.SQUASHED);
    assertThat(layers.selectedLayerProperty().get()).isEqualTo(1);
    assertThat(layers.selectedNodeProperty().get().path()).isEqualTo("etc/os-release");
  }

  @Test
  void deletedWastedFileShowsStoringLayer() {
    Path archive = ImageArchiveBuilder.dockerSave(TestImages.app()
            .layer(new TarBuilder().whiteout("etc/os-release").build())
            .history("RUN rm /etc/os-release"))
        .writeTar(samples.resolve("deleted.tar"));
    viewModel.openPath(archive);
    viewModel.selectedImageProperty().set(viewModel.images().get(0));
    LayersViewModel layers = viewModel.layers();
    WastedFile osRelease = layers.wastedFiles().stream()
        .filter(file -> file.path().equals("etc/os-release")).findFirst().orElseThrow();

    layers.revealWastedFile(osRelease);

    assertThat(layers.selectedLayerProperty().get()).isEqualTo(Collections.max(osRelease.layers()));
    assertThat(layers.selectedNodeProperty().get().path()).isEqualTo("etc/os-release");
  }

  @Test
  void corruptLayerShowsErrorBanner() {
    ArchiveFiles files = ImageArchiveBuilder.dockerSave(TestImages.app());
    String layerPath = files.paths().stream().filter(path -> path.endsWith("layer.tar")).findFirst().orElseThrow();
    files.put(layerPath, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    viewModel.openPath(files.writeTar(samples.resolve("corrupt.tar")));

    viewModel.selectedImageProperty().set(viewModel.images().get(0));

    assertThat(viewModel.analysisProperty().get()).isNull();
    assertThat(viewModel.error().visibleProperty().get()).isTrue();
    assertThat(viewModel.error().messageProperty().get()).startsWith("Opening " + TestImages.REFERENCE + " failed: ");
    assertThat(viewModel.error().detailsProperty().get()).doesNotContain("\tat ");
  }

  @Test
  void pngFileShowsAsImage() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
    Path archive = ImageArchiveBuilder.dockerSave(TestImages.app()
            .layer(new TarBuilder().file("app/logo.png", png, 0644).build())
            .history("COPY logo.png /app/"))
        .writeTar(samples.resolve("logo.tar"));
    viewModel.openPath(archive);
    viewModel.selectedImageProperty().set(viewModel.images().get(0));
    LayersViewModel layers = viewModel.layers();

    layers.selectPath("app/logo.png");

    assertThat(layers.content().kindProperty().get()).isEqualTo(ContentKind.IMAGE);
    assertThat(layers.content().imageBytesProperty().get()).isEqualTo(png);
  }

  @Test
  void searchFindsPathsInCurrentTree() {
    openSample();
    LayersViewModel layers = viewModel.layers();
    layers.modeProperty().set(TreeMode.SQUASHED);

    layers.searchProperty().set("run");

    assertThat(layers.searchResults()).extracting(TreeNode::path).containsExactly("app/run.sh");
  }

  @Test
  void overwrittenFileIsListedAsWaste() {
    openSample();

    assertThat(viewModel.layers().wastedFiles()).extracting(file -> file.path()).contains("etc/os-release");
  }

  @Test
  void unreadableArchiveShowsErrorBanner() throws IOException {
    Path broken = Files.writeString(samples.resolve("broken.tar"), "not a tar\n".repeat(100));

    viewModel.openPath(broken);

    assertThat(viewModel.images()).isEmpty();
    assertThat(viewModel.sources().get(1).availableProperty().get()).isFalse();
    assertThat(viewModel.sources().get(1).statusProperty().get()).startsWith("Cannot read image broken.tar: ");
  }

  @Test
  void textFileNamedTarSaysWhatToChoose() throws IOException {
    Path text = Files.writeString(samples.resolve("not-an-image.tar"), "hello\n");

    viewModel.openPath(text);

    assertThat(viewModel.sources().get(1).statusProperty().get())
        .containsOnlyOnce("Cannot read")
        .contains("choose a docker save archive or an OCI layout");
  }

  @Test
  void ociLayoutFolderOpens() {
    Path layout = ImageArchiveBuilder.ociLayout(TestImages.app()).writeDirectory(samples.resolve("layout"));

    viewModel.openPath(layout);

    assertThat(viewModel.selectedSourceProperty().get().name()).isEqualTo("layout");
    assertThat(viewModel.images()).extracting(ImageRow::reference).containsExactly(TestImages.REFERENCE);
  }

  @Test
  void openedFileIsRememberedAsRecent() {
    Path archive = samples.resolve("app.tar");

    viewModel.openPath(archive);

    assertThat(viewModel.recentFiles()).containsExactly(archive.toAbsolutePath());
    assertThat(viewModel.images()).hasSize(1);
  }

  @Test
  void samplesFolderSkipsUnreadableFile() throws IOException {
    Files.writeString(samples.resolve("broken.tar"), "not a tar\n".repeat(100));
    FolderSourceEntry entry = new FolderSourceEntry("Samples", samples);

    SourceListing listing = entry.load(ProgressListener.NONE);

    assertThat(listing.images()).hasSize(1);
    assertThat(listing.status()).startsWith("1 image; skipped broken.tar: ");
  }
}
