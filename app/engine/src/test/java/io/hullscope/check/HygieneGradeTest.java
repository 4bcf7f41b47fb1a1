package io.hullscope.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HygieneGradeTest {

  @ParameterizedTest
  @CsvSource({"CRITICAL, 30", "HIGH, 15", "MEDIUM, 6", "LOW, 2", "INFO, 0"})
  void pricesBySeverity(Severity severity, int points) {
    HygieneGrade grade = HygieneGrade.of(List.of(finding("X", severity, Confidence.HIGH)));

    assertThat(HygieneGrade.price(severity)).isEqualTo(points);
    assertThat(grade.score()).isEqualTo(100 - points);
    assertThat(grade.deductions()).extracting(HygieneGrade.Deduction::points).containsExactly(points);
  }

  @ParameterizedTest
  @CsvSource({
      // findings of one kind: severity, count, score, letter
      "LOW, 5, 94, A",
      "MEDIUM, 2, 91, A",
      "MEDIUM, 3, 88, B",
      "HIGH, 1, 85, B",
      "HIGH, 2, 78, B",
      "HIGH, 3, 71, C",
      "HIGH, 5, 57, D",
      "HIGH, 50, 55, D",
  })
  void repeatsCostHalfUpToThreeTimesThePrice(Severity severity, int count, int score, char letter) {
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      findings.add(finding("SAME", severity, Confidence.HIGH));
    }

    HygieneGrade grade = HygieneGrade.of(findings);

    assertThat(grade.score()).isEqualTo(score);
    assertThat(grade.letter()).isEqualTo(letter);
  }

  @Test
  void differentChecksPayFullPrice() {
    HygieneGrade grade = HygieneGrade.of(List.of(
        finding("A", Severity.HIGH, Confidence.HIGH), finding("B", Severity.HIGH, Confidence.HIGH)));

    assertThat(grade.score()).isEqualTo(70);
  }

  @ParameterizedTest
  @CsvSource({"HIGH, 7", "MEDIUM, 3", "LOW, 1", "CRITICAL, 15"})
  void lowConfidenceCostsHalf(Severity severity, int points) {
    HygieneGrade grade = HygieneGrade.of(List.of(finding("X", severity, Confidence.LOW)));

    assertThat(grade.deductions().get(0).points()).isEqualTo(points);
  }

  @Test
  void mediumConfidenceCostsFullPrice() {
    assertThat(HygieneGrade.of(List.of(finding("X", Severity.HIGH, Confidence.MEDIUM))).score()).isEqualTo(85);
  }

  @ParameterizedTest
  @CsvSource({"100, A", "90, A", "89, B", "75, B", "74, C", "60, C", "59, D", "40, D", "39, F", "0, F"})
  void letterBoundaries(int score, char letter) {
    List<Finding> findings = new ArrayList<>();
    int left = 100 - score;
    // LOW findings of distinct checks cost 2 each, plus one 1-point low-confidence LOW for odd amounts.
    for (int i = 0; i < left / 2; i++) {
      findings.add(finding("L" + i, Severity.LOW, Confidence.HIGH));
    }
    if (left % 2 == 1) {
      findings.add(finding("ODD", Severity.LOW, Confidence.LOW));
    }

    HygieneGrade grade = HygieneGrade.of(findings);

    assertThat(grade.score()).isEqualTo(score);
    assertThat(grade.letter()).isEqualTo(letter);
  }

  @Test
  void criticalCapsGradeAtD() {
    HygieneGrade grade = HygieneGrade.of(List.of(finding("CVE", Severity.CRITICAL, Confidence.HIGH)));

    assertThat(grade.score()).isEqualTo(70);
    assertThat(grade.letter()).isEqualTo('D');
    assertThat(grade.explanation()).isEqualTo("Grade D: 70 of 100 points left after 1 finding; the costliest is"
        + " \"Title of CVE\" (30 points). A critical finding caps the grade at D.");
  }

  @Test
  void lowConfidenceCriticalDoesNotCap() {
    HygieneGrade grade = HygieneGrade.of(List.of(finding("X", Severity.CRITICAL, Confidence.LOW)));

    assertThat(grade.letter()).isEqualTo('B');
    assertThat(grade.explanation()).doesNotContain("caps");
  }

  @Test
  void criticalDoesNotLiftAnF() {
    List<Finding> findings = new ArrayList<>();
    for (String id : List.of("A", "B", "C")) {
      findings.add(finding(id, Severity.CRITICAL, Confidence.HIGH));
    }

    HygieneGrade grade = HygieneGrade.of(findings);

    assertThat(grade.letter()).isEqualTo('F');
    assertThat(grade.score()).isEqualTo(10);
    assertThat(grade.explanation()).doesNotContain("caps");
  }

  @Test
  void scoreNeverGoesBelowZero() {
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      findings.add(finding("C" + i, Severity.CRITICAL, Confidence.HIGH));
    }

    assertThat(HygieneGrade.of(findings).score()).isZero();
  }

  @Test
  void deductionsListLargestFirst() {
    HygieneGrade grade = HygieneGrade.of(List.of(finding("L", Severity.LOW, Confidence.HIGH),
        finding("I", Severity.INFO, Confidence.HIGH), finding("H", Severity.HIGH, Confidence.HIGH)));

    assertThat(grade.deductions()).extracting(d -> d.finding().id()).containsExactly("H", "L", "I");
  }

  @Test
  void explanationWithoutCostlyFindings() {
    assertThat(HygieneGrade.of(List.of()).explanation())
        .isEqualTo("Grade A: no finding cost points, so the image keeps all 100.");
    assertThat(HygieneGrade.of(List.of(finding("I", Severity.INFO, Confidence.HIGH))).explanation())
        .isEqualTo("Grade A: no finding cost points, so the image keeps all 100.");
  }

  @Test
  void explanationCountsCostlyFindings() {
    HygieneGrade grade = HygieneGrade.of(List.of(finding("A", Severity.HIGH, Confidence.HIGH),
        finding("B", Severity.MEDIUM, Confidence.HIGH), finding("I", Severity.INFO, Confidence.HIGH)));

    assertThat(grade.explanation()).isEqualTo("Grade B: 79 of 100 points left after 2 findings; the costliest is"
        + " \"Title of A\" (15 points).");
  }

  private static Finding finding(String id, Severity severity, Confidence confidence) {
    return new Finding(id, "Title of " + id, severity, "", "", "", "", List.of(), confidence);
  }
}
