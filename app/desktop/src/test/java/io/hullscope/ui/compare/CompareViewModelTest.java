package io.hullscope.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.compare.ComparisonFormat;
import io.hullscope.compare.FileChange;
import io.hullscope.image.Limits;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.ui.ImageAnalyzer;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.task.SameThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Compare window's state, run on the calling thread without a window. */
class CompareViewModelTest {

  @TempDir Path folder;

  private final ObservableList<ImageRow> rows = FXCollections.observableArrayList();
  private final ObservableList<Path> recent = FXCollections.observableArrayList();
  private final CompareViewModel viewModel = new CompareViewModel(new SameThreadTaskExecutor(),
      new ImageAnalyzer(LayerIndexCache.NONE, CatalogCache.NONE, Limits.DEFAULT), rows, recent);

  @Test
  void compareFilesComparesSamples() {
    viewModel.compareFiles(sample("hygiene-bad.tar"), sample("hygiene-good.tar"));

    assertThat(viewModel.showingProperty().get()).isTrue();
    assertThat(viewModel.comparisonProperty().get()).isNotNull();
    assertThat(viewModel.comparisonProperty().get().findings().rightGrade().letter()).isEqualTo('A');
    assertThat(viewModel.choices()).extracting(CompareChoice::label)
        .containsExactly("hygiene-bad.tar (file)", "hygiene-good.tar (file)");
  }

  @Test
  void fileFilterMatchesPathAndKind() {
    viewModel.compareFiles(sample("hygiene-bad.tar"), sample("hygiene-good.tar"));

    viewModel.fileFilterProperty().set("USR/BIN");
    List<FileChange> usrBin = new ArrayList<>(viewModel.fileChanges());
    viewModel.fileKindProperty().set(FileChange.Kind.ADDED);

    assertThat(usrBin).isNotEmpty().allMatch(change -> change.path().startsWith("usr/bin"));
    assertThat(viewModel.fileChanges()).isEmpty();
    viewModel.fileFilterProperty().set("");
    assertThat(viewModel.fileChanges()).isNotEmpty().allMatch(change -> change.kind() == FileChange.Kind.ADDED);
  }

  @Test
  void missingFileReportsFailure() {
    viewModel.compareFiles(folder.resolve("gone.tar"), sample("hygiene-good.tar"));

    assertThat(viewModel.comparisonProperty().get()).isNull();
    assertThat(viewModel.statusProperty().get()).startsWith("Comparing failed: ").contains("gone.tar");
    assertThat(viewModel.runningProperty().get()).isFalse();
  }

  @Test
  void compareWithoutPicksAsksForBoth() {
    viewModel.compare();

    assertThat(viewModel.statusProperty().get()).isEqualTo("Pick an image on each side first.");
  }

  @Test
  void swapExchangesSides() {
    recent.setAll(sample("hygiene-bad.tar"), sample("hygiene-good.tar"));
    viewModel.leftProperty().set(viewModel.choices().get(0));
    viewModel.rightProperty().set(viewModel.choices().get(1));

    viewModel.swap();

    assertThat(viewModel.leftProperty().get().label()).isEqualTo("hygiene-good.tar (file)");
    assertThat(viewModel.rightProperty().get().label()).isEqualTo("hygiene-bad.tar (file)");
  }

  @Test
  void exportWritesMarkdown() throws Exception {
    viewModel.compareFiles(sample("hygiene-bad.tar"), sample("hygiene-good.tar"));
    Path target = folder.resolve("diff.md");
    List<Path> written = new ArrayList<>();

    viewModel.export(target, ComparisonFormat.MARKDOWN, written::add);

    assertThat(written).containsExactly(target);
    assertThat(Files.readString(target)).startsWith("# Comparison: ").contains("| User |  | changed |");
  }

  private static Path sample(String name) {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    return root.resolve("samples/images").resolve(name);
  }
}
