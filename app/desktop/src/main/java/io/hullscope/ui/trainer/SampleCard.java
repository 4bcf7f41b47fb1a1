package io.hullscope.ui.trainer;

import io.hullscope.check.HygieneGrade;
import java.nio.file.Path;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One sample archive of the gallery: its lesson when it has one, and its hygiene grade once the
 * background analysis has finished.
 */
public final class SampleCard {

  private final Path path;
  private final Lesson lesson;
  private final String lessonProblem;
  private final ReadOnlyObjectWrapper<HygieneGrade> grade = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper gradeText = new ReadOnlyStringWrapper("Grade: not analysed yet");

  /**
   * @param lesson the sample's lesson, or null for an archive without one
   * @param lessonProblem why the lesson could not be read, or null
   */
  public SampleCard(Path path, Lesson lesson, String lessonProblem) {
    this.path = path;
    this.lesson = lesson;
    this.lessonProblem = lessonProblem;
  }

  public Path path() {
    return path;
  }

  public String fileName() {
    return path.getFileName().toString();
  }

  /** Returns the lesson's title, or the file name for a sample without a lesson. */
  public String title() {
    return lesson == null ? fileName() : lesson.title();
  }

  /** Returns the lesson, or null for an archive without one. */
  public Lesson lesson() {
    return lesson;
  }

  /** Returns why the lesson file could not be used, or null. */
  public String lessonProblem() {
    return lessonProblem;
  }

  /**
   * Returns the archive the lesson names as the hardened version of this sample, in the same
   * folder, or null when the lesson names none.
   */
  public Path hardenedVersion() {
    if (lesson == null || lesson.hardenedVersion() == null) {
      return null;
    }
    Path folder = path.toAbsolutePath().getParent();
    return folder == null ? null : folder.resolve(lesson.hardenedVersion());
  }

  void showAnalysing() {
    gradeText.set("Grade: analysing...");
  }

  void showGrade(HygieneGrade value) {
    grade.set(value);
    gradeText.set("Grade " + value.letter() + " (" + value.score() + " of 100)");
  }

  void showGradeFailure(String reason) {
    grade.set(null);
    gradeText.set("Grade: not available, " + reason);
  }

  /** Returns the grade; its value is null until the sample has been analysed. */
  public ReadOnlyObjectProperty<HygieneGrade> gradeProperty() {
    return grade.getReadOnlyProperty();
  }

  /** Returns the grade line of the card, for example "Grade F (12 of 100)". */
  public ReadOnlyStringProperty gradeTextProperty() {
    return gradeText.getReadOnlyProperty();
  }
}
