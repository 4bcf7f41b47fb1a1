package io.hullscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.sbom.ImagePackage;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.ui.layers.LayersViewModel;
import io.hullscope.ui.layers.TreeMode;
import io.hullscope.ui.sbom.EcosystemCount;
import io.hullscope.ui.sbom.SbomFormat;
import io.hullscope.ui.sources.FolderSourceEntry;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.task.SameThreadTaskExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opens the committed hygiene-bad sample and checks what the SBOM tab gets from the open. */
class MainViewModelSbomTest {

  private static final String BAD_SAMPLE = "hullscope-samples/hygiene-bad:latest";

  private final SameThreadTaskExecutor executor = new SameThreadTaskExecutor();
  private final Preferences preferences =
      Preferences.userRoot().node("io/hullscope/test/main-sbom-" + System.nanoTime());
  private MainViewModel viewModel;

  @BeforeEach
  void openSample() {
    viewModel = TestViewModels.mainViewModel(executor, preferences,
        List.of(new FolderSourceEntry("Samples", samplesFolder())));
    viewModel.start();
    ImageRow bad = viewModel.images().stream()
        .filter(row -> row.reference().equals(BAD_SAMPLE))
        .findFirst()
        .orElseThrow();
    viewModel.selectedImageProperty().set(bad);
  }

  @AfterEach
  void close() throws BackingStoreException {
    viewModel.close();
    preferences.removeNode();
  }

  /** Returns the folder of the committed training samples. */
  static Path samplesFolder() {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    return root.resolve("samples/images");
  }

  @Test
  void openingSampleShowsItsPackages() {
    ImageSbom sbom = viewModel.sbom().sbomProperty().get();

    assertThat(sbom).isNotNull();
    assertThat(sbom.packages()).extracting(found -> found.pkg().name())
        .contains("libc6", "openssh-server", "sudo", "gcc-10");
    assertThat(viewModel.sbom().counts()).containsExactly(new EcosystemCount("deb", 14, 14));
    assertThat(viewModel.sbom().summaryProperty().get()).isEqualTo("14 packages");
  }

  @Test
  void packagesHaveLayerOfTheirImage() {
    ImageSbom sbom = viewModel.sbom().sbomProperty().get();
    int layers = viewModel.analysisProperty().get().layers().size();

    assertThat(sbom.packages()).allSatisfy(found -> {
      assertThat(found.addedLayer()).isBetween(0, layers - 1);
      assertThat(found.changedLayer()).isBetween(found.addedLayer(), layers - 1);
    });
  }

  @Test
  void revealingEvidenceSelectsFileInLayersTab() {
    ImagePackage sudo = viewModel.sbom().sbomProperty().get().packages().stream()
        .filter(found -> found.pkg().name().equals("sudo"))
        .findFirst()
        .orElseThrow();

    viewModel.sbom().revealEvidence(sudo);

    LayersViewModel layers = viewModel.layers();
    assertThat(viewModel.selectedTabProperty().get()).isEqualTo(ImageTab.LAYERS);
    assertThat(layers.modeProperty().get()).isEqualTo(TreeMode.SQUASHED);
    assertThat(layers.selectedLayerProperty().get()).isEqualTo(sudo.changedLayer());
    assertThat(layers.selectedNodeProperty().get().path()).isEqualTo(sudo.pkg().evidencePath());
  }

  @Test
  void importOfOwnExportMatchesLayersAndPackages(@TempDir Path folder) {
    ImageSbom ours = viewModel.sbom().sbomProperty().get();
    Path document = folder.resolve("hygiene-bad.cdx.json");
    viewModel.sbom().export(SbomFormat.CYCLONEDX_JSON, document);

    viewModel.sbom().importSbom(document);

    ImageSbom imported = viewModel.sbom().sbomProperty().get();
    assertThat(viewModel.error().visibleProperty().get()).isFalse();
    assertThat(viewModel.sbom().comparisonProperty().get()).isEqualTo(
        "Compared with the image's SBOM: 14 identical, 0 with another version, 0 only in the image's, 0 only in the import");
    assertThat(imported.packages()).extracting(found -> found.pkg().name() + "@" + found.addedLayer())
        .containsExactlyInAnyOrderElementsOf(
            ours.packages().stream().map(found -> found.pkg().name() + "@" + found.addedLayer()).toList());
  }

  @Test
  void closingImageClearsSbomTab() {
    viewModel.selectedImageProperty().set(null);

    assertThat(viewModel.sbom().sbomProperty().get()).isNull();
    assertThat(viewModel.sbom().rootsProperty().get()).isEmpty();
  }
}
