package io.hullscope.ui.hardening;

import io.hullscope.check.HardeningReport;
import io.hullscope.check.HygieneGrade;
import io.hullscope.check.Severity;
import io.hullscope.check.UserVerdict;
import java.util.List;

/**
 * The grade card of the Overview: the letter, the score, the plain-words explanation, what each
 * finding cost, and the user the container runs as.
 *
 * @param letter the grade, A to F
 * @param score points left, 0 to 100
 * @param explanation the grade explained in one or two sentences
 * @param deductions every finding that cost points, costliest first
 * @param userLine which UID and GID the container gets and why, or why it does not start
 */
public record GradeSummary(char letter, int score, String explanation, List<Deduction> deductions, String userLine) {

  /**
   * One finding's cost.
   *
   * @param title the finding's title
   * @param severity the finding's severity
   * @param points the points it cost
   */
  public record Deduction(String title, Severity severity, int points) {}

  public GradeSummary {
    deductions = List.copyOf(deductions);
  }

  /** Summarizes a report. Findings that cost nothing, such as informational ones, are left out of the deductions. */
  public static GradeSummary of(HardeningReport report) {
    HygieneGrade grade = report.grade();
    List<Deduction> deductions = grade.deductions().stream()
        .filter(deduction -> deduction.points() > 0)
        .map(deduction -> new Deduction(deduction.finding().title(), deduction.finding().severity(),
            deduction.points()))
        .toList();
    return new GradeSummary(grade.letter(), grade.score(), grade.explanation(), deductions, userLine(report.user()));
  }

  /** Returns the user verdict as one line, for example "Runs as UID 0 (root): User is unset, ...". */
  static String userLine(UserVerdict user) {
    if (user == null) {
      return "";
    }
    return switch (user.outcome()) {
      case RUNS -> "Runs as " + user.explanation();
      case FAILS_TO_START -> "Does not start: " + user.explanation();
      case UNKNOWN -> "User unknown: " + user.explanation();
    };
  }

  /** Returns the style class that colours the grade badge, for example {@code grade-a}. */
  public String styleClass() {
    return "grade-" + Character.toLowerCase(letter);
  }
}
