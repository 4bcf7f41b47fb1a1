package io.hullscope.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A letter from A to F that sums up an image's findings, with the points each one cost.
 *
 * <p>An image starts at 100 points. Each finding costs points by severity: critical 30, high 15,
 * medium 6, low 2, informational 0. A check that fires many times (fifty setuid files, say) costs
 * its full price once and half of it for each further finding, at most three times its price in
 * all, so one noisy check cannot hide every other problem. A finding of low confidence costs half.
 * The letter is A from 90 points, B from 75, C from 60, D from 40, and F below. An image with a
 * critical finding gets at best a D, because one critical problem is enough to stop a release.
 *
 * @param letter the grade, A (best) to F
 * @param score points left, 0 to 100
 * @param deductions what each finding cost, largest first
 */
public record HygieneGrade(char letter, int score, List<Deduction> deductions) {

  /** The points one finding cost; a finding that cost nothing is listed with 0. */
  public record Deduction(Finding finding, int points) {}

  public HygieneGrade {
    deductions = List.copyOf(deductions);
  }

  /** Points a finding of a severity costs the first time its check fires. */
  public static int price(Severity severity) {
    return switch (severity) {
      case CRITICAL -> 30;
      case HIGH -> 15;
      case MEDIUM -> 6;
      case LOW -> 2;
      case INFO -> 0;
    };
  }

  /** Grades a list of findings. */
  public static HygieneGrade of(List<Finding> findings) {
    Map<String, Integer> spentPerCheck = new HashMap<>();
    List<Deduction> deductions = new ArrayList<>();
    int total = 0;
    boolean critical = false;
    for (Finding finding : findings) {
      int price = price(finding.severity());
      if (finding.confidence() == Confidence.LOW) {
        price /= 2;
      }
      int spent = spentPerCheck.getOrDefault(finding.id(), 0);
      int points = spent == 0 ? price : price / 2;
      points = Math.max(0, Math.min(points, 3 * price - spent));
      spentPerCheck.put(finding.id(), spent + points);
      deductions.add(new Deduction(finding, points));
      total += points;
      critical |= finding.severity() == Severity.CRITICAL && finding.confidence() != Confidence.LOW;
    }
    deductions.sort((a, b) -> Integer.compare(b.points(), a.points()));
    int score = Math.max(0, 100 - total);
    char letter = letterFor(score);
    if (critical && letter < 'D') {
      letter = 'D';
    }
    return new HygieneGrade(letter, score, deductions);
  }

  private static char letterFor(int score) {
    if (score >= 90) {
      return 'A';
    }
    if (score >= 75) {
      return 'B';
    }
    if (score >= 60) {
      return 'C';
    }
    return score >= 40 ? 'D' : 'F';
  }

  /** Explains the grade in one or two plain sentences, for the Overview and for trainers. */
  public String explanation() {
    long costly = deductions.stream().filter(d -> d.points() > 0).count();
    if (costly == 0) {
      return "Grade " + letter + ": no finding cost points, so the image keeps all 100.";
    }
    Deduction worst = deductions.get(0);
    boolean critical = deductions.stream()
        .anyMatch(d -> d.finding().severity() == Severity.CRITICAL && d.finding().confidence() != Confidence.LOW);
    String cap = critical && score >= 60 ? " A critical finding caps the grade at D." : "";
    return "Grade " + letter + ": " + score + " of 100 points left after " + costly
        + (costly == 1 ? " finding" : " findings") + "; the costliest is \"" + worst.finding().title() + "\" ("
        + worst.points() + " points)." + cap;
  }
}
