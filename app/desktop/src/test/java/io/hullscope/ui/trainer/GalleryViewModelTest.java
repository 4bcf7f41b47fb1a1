package io.hullscope.ui.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.HygieneGrade;
import io.hullscope.ui.task.SameThreadTaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GalleryViewModelTest {

  @TempDir Path folder;

  private final SameThreadTaskExecutor executor = new SameThreadTaskExecutor();
  private final List<Path> graded = new ArrayList<>();

  private GalleryViewModel gallery(Path samples) {
    return new GalleryViewModel(executor, samples, new Lessons(), (sample, progress) -> {
      graded.add(sample);
      if (sample.getFileName().toString().startsWith("broken")) {
        throw new IOException("not an image archive: " + sample.getFileName());
      }
      return HygieneGrade.of(List.of());
    }, 3);
  }

  @Test
  void cardsListTarFilesInNameOrder() throws IOException {
    Files.writeString(folder.resolve("b.tar"), "x");
    Files.writeString(folder.resolve("a.tar"), "x");
    Files.writeString(folder.resolve("notes.txt"), "x");
    Files.createDirectory(folder.resolve("dir.tar"));
    GalleryViewModel gallery = gallery(folder);

    gallery.load();

    assertThat(gallery.cards()).extracting(SampleCard::fileName).containsExactly("a.tar", "b.tar");
    assertThat(gallery.statusProperty().get()).isEqualTo("2 samples in " + folder + ".");
  }

  @Test
  void unknownArchiveGetsFileNameOnly() throws IOException {
    Files.writeString(folder.resolve("custom.tar"), "x");
    GalleryViewModel gallery = gallery(folder);

    gallery.load();

    SampleCard card = gallery.cards().get(0);
    assertThat(card.title()).isEqualTo("custom.tar");
    assertThat(card.lesson()).isNull();
    assertThat(card.lessonProblem()).isNull();
  }

  @Test
  void badLessonKeepsCardAndNamesProblem() throws IOException {
    Files.writeString(folder.resolve("custom.tar"), "x");
    Files.writeString(folder.resolve("custom.lesson.md"), "title: T\nfoo: bar\n\nText.\n");
    Files.writeString(folder.resolve("other.tar"), "x");
    GalleryViewModel gallery = gallery(folder);

    gallery.load();

    assertThat(gallery.cards()).hasSize(2);
    assertThat(gallery.cards().get(0).lessonProblem()).contains("custom.lesson.md line 2: unknown key 'foo'");
    assertThat(gallery.cards().get(0).title()).isEqualTo("custom.tar");
  }

  @Test
  void gradeFailureStaysOnItsCard() throws IOException {
    Files.writeString(folder.resolve("broken.tar"), "x");
    Files.writeString(folder.resolve("fine.tar"), "x");
    GalleryViewModel gallery = gallery(folder);

    gallery.load();

    assertThat(gallery.cards().get(0).gradeTextProperty().get())
        .isEqualTo("Grade: not available, not an image archive: broken.tar");
    assertThat(gallery.cards().get(1).gradeTextProperty().get()).isEqualTo("Grade A (100 of 100)");
  }

  @Test
  void reloadReusesKnownGrades() throws IOException {
    Files.writeString(folder.resolve("a.tar"), "x");
    GalleryViewModel gallery = gallery(folder);

    gallery.load();
    gallery.load();

    assertThat(graded).hasSize(1);
    assertThat(gallery.cards().get(0).gradeProperty().get()).isNotNull();
  }

  @Test
  void cardCountIsBounded() throws IOException {
    for (int i = 0; i < 5; i++) {
      Files.writeString(folder.resolve(i + ".tar"), "x");
    }
    GalleryViewModel gallery = gallery(folder);

    gallery.load();

    assertThat(gallery.cards()).hasSize(3);
  }

  @Test
  void missingFolderIsReported() {
    GalleryViewModel gallery = gallery(folder.resolve("absent"));

    gallery.load();

    assertThat(gallery.cards()).isEmpty();
    assertThat(gallery.statusProperty().get()).startsWith("Samples folder not found: " + folder.resolve("absent"));
  }

  @Test
  void bundledSampleHasLessonAndPairing() throws IOException {
    Files.writeString(folder.resolve("hygiene-bad.tar"), "x");
    Files.writeString(folder.resolve("hygiene-good.tar"), "x");
    GalleryViewModel gallery = gallery(folder);

    gallery.load();

    SampleCard bad = gallery.cards().get(0);
    assertThat(bad.title()).isEqualTo("A careless image");
    assertThat(bad.hardenedVersion()).isEqualTo(folder.resolve("hygiene-good.tar"));
    assertThat(gallery.cards().get(1).hardenedVersion()).isNull();
  }
}
