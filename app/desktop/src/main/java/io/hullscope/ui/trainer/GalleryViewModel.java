package io.hullscope.ui.trainer;

import io.hullscope.check.HygieneGrade;
import io.hullscope.ui.ErrorViewModel;
import io.hullscope.ui.task.BackgroundTask;
import io.hullscope.ui.task.TaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The samples gallery: one card per {@code *.tar} archive in the samples folder, with its lesson,
 * and the grade of each sample, computed in the background one sample after the other.
 */
public final class GalleryViewModel {

  private static final Logger LOG = LoggerFactory.getLogger(GalleryViewModel.class);

  /** Default maximum number of cards. A samples folder usually contains a handful of archives. */
  public static final int DEFAULT_MAX_SAMPLES = 50;

  /** A sample as read on the worker thread, before its card exists. */
  private record SampleInfo(Path path, Lesson lesson, String lessonProblem) {}

  /** A grade remembered for an archive of a given size and modification time. */
  private record GradeKey(Path path, long size, long modified) {}

  private final TaskExecutor executor;
  private final Path folder;
  private final Lessons lessons;
  private final SampleGrader grader;
  private final int maxSamples;
  private final ObservableList<SampleCard> cards = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final Map<GradeKey, HygieneGrade> grades = new HashMap<>();
  private Consumer<SampleCard> openAction = card -> {};
  private Consumer<SampleCard> walkThroughAction = card -> {};
  private int loadRequest;

  public GalleryViewModel(TaskExecutor executor, Path folder, Lessons lessons, SampleGrader grader) {
    this(executor, folder, lessons, grader, DEFAULT_MAX_SAMPLES);
  }

  /** @param maxSamples maximum number of cards; further archives are left out and logged */
  public GalleryViewModel(TaskExecutor executor, Path folder, Lessons lessons, SampleGrader grader, int maxSamples) {
    this.executor = executor;
    this.folder = folder;
    this.lessons = lessons;
    this.grader = grader;
    this.maxSamples = maxSamples;
  }

  /** Lists the samples folder again, reads the lessons and grades the samples not graded before. */
  public void load() {
    int request = ++loadRequest;
    status.set("Reading the samples in " + folder + "...");
    executor.submit(new BackgroundTask<>(
        "Reading the samples gallery",
        progress -> readSamples(),
        infos -> {
          if (request == loadRequest) {
            showSamples(request, infos);
          }
        },
        failure -> {
          if (request == loadRequest) {
            cards.clear();
            status.set(ErrorViewModel.summary(failure));
          }
        }));
  }

  private List<SampleInfo> readSamples() throws IOException {
    if (folder == null || !Files.isDirectory(folder)) {
      throw new IOException("Samples folder not found: " + folder
          + ". Start Hullscope with -Dhullscope.samples=FOLDER to choose another one.");
    }
    List<Path> archives;
    try (Stream<Path> children = Files.list(folder)) {
      archives = children.filter(path -> path.getFileName().toString().endsWith(".tar") && Files.isRegularFile(path))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new IOException("Listing the samples folder " + folder + " failed: " + e.getMessage(), e);
    }
    List<SampleInfo> result = new ArrayList<>();
    for (Path archive : archives.subList(0, Math.min(archives.size(), maxSamples))) {
      try {
        result.add(new SampleInfo(archive, lessons.forSample(archive).orElse(null), null));
      } catch (LessonFormatException e) {
        LOG.warn("Showing sample {} without its lesson", archive, e);
        result.add(new SampleInfo(archive, null, e.getMessage()));
      }
    }
    if (archives.size() > maxSamples) {
      LOG.warn("The samples folder {} has {} archives; the gallery shows the first {}", folder, archives.size(),
          maxSamples);
    }
    return result;
  }

  private void showSamples(int request, List<SampleInfo> infos) {
    List<SampleCard> result = infos.stream()
        .map(info -> new SampleCard(info.path(), info.lesson(), info.lessonProblem()))
        .toList();
    cards.setAll(result);
    status.set(result.isEmpty()
        ? "No sample archive (*.tar) in " + folder + "."
        : (result.size() == 1 ? "1 sample" : result.size() + " samples") + " in " + folder + ".");
    gradeAll(request, result);
  }

  /** Grades the cards one task at a time, so grading never takes both worker threads from an opening image. */
  private void gradeAll(int request, List<SampleCard> toGrade) {
    List<SampleCard> pending = new ArrayList<>();
    for (SampleCard card : toGrade) {
      HygieneGrade known = grades.get(keyOf(card.path()));
      if (known != null) {
        card.showGrade(known);
      } else {
        card.showAnalysing();
        pending.add(card);
      }
    }
    if (pending.isEmpty()) {
      return;
    }
    gradeNext(request, pending, 0);
  }

  private void gradeNext(int request, List<SampleCard> pending, int index) {
    if (index >= pending.size() || request != loadRequest) {
      return;
    }
    SampleCard card = pending.get(index);
    GradeKey key = keyOf(card.path());
    executor.submit(new BackgroundTask<>(
        "Grading sample " + card.fileName(),
        progress -> grader.grade(card.path(), progress),
        grade -> {
          grades.put(key, grade);
          card.showGrade(grade);
          gradeNext(request, pending, index + 1);
        },
        failure -> {
          if (!ErrorViewModel.isCancellation(failure)) {
            LOG.warn("Grading sample {} failed", card.path(), failure);
          }
          card.showGradeFailure(ErrorViewModel.summary(failure));
          gradeNext(request, pending, index + 1);
        }));
  }

  private static GradeKey keyOf(Path path) {
    try {
      return new GradeKey(path, Files.size(path), Files.getLastModifiedTime(path).toMillis());
    } catch (IOException e) {
      // A key that matches nothing grades the archive again, which then reports the real failure.
      return new GradeKey(path, -1, System.nanoTime());
    }
  }

  /** Opens a sample in the main window. */
  public void open(SampleCard card) {
    openAction.accept(card);
  }

  /** Opens a sample and steps through its findings. */
  public void walkThrough(SampleCard card) {
    walkThroughAction.accept(card);
  }

  void setOpenAction(Consumer<SampleCard> action) {
    openAction = action;
  }

  void setWalkThroughAction(Consumer<SampleCard> action) {
    walkThroughAction = action;
  }

  /** Returns the cards, in file name order. */
  public ObservableList<SampleCard> cards() {
    return cards;
  }

  /** Returns the line above the cards: how many samples and where, or why there are none. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public Path folder() {
    return folder;
  }
}
