package io.hullscope.ui.hardening;

import atlantafx.base.theme.Styles;
import io.hullscope.ui.help.Abbreviations;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The grade card of the Overview: the letter in its colour, the score, the explanation, the user
 * verdict, and a "Why?" section that lists what each finding cost.
 */
public final class GradeCardView {

  private final Label letter = new Label();
  private final VBox badge = new VBox();
  private final Label score = new Label();
  private final Label explanation = new Label();
  private final Label user = new Label();
  private final GridPane deductions = new GridPane();
  private final TitledPane why = new TitledPane();
  private final Label failure = new Label();
  private final HBox card;

  /**
   * @param grade the card to show; null hides it unless {@code failureText} is set
   * @param failureText why the checks could not run, or an empty string
   * @param openHardening opens the Hardening tab
   */
  public GradeCardView(ReadOnlyObjectProperty<GradeSummary> grade, ReadOnlyStringProperty failureText,
      Runnable openHardening) {
    letter.setId("gradeLetter");
    letter.getStyleClass().add("grade-letter");
    letter.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    score.setId("gradeScore");
    score.getStyleClass().add("grade-score");
    Label title = new Label("Hygiene grade");
    title.getStyleClass().add(Styles.TITLE_4);
    explanation.setId("gradeExplanation");
    explanation.setWrapText(true);
    explanation.setMinHeight(Region.USE_PREF_SIZE);
    user.setId("userVerdict");
    user.setWrapText(true);
    user.setMinHeight(Region.USE_PREF_SIZE);
    user.setTooltip(new Tooltip(Abbreviations.explain("UID GID")));
    user.getStyleClass().add("user-verdict");

    deductions.setId("gradeDeductions");
    deductions.setHgap(12);
    deductions.setVgap(4);
    why.setId("gradeWhy");
    why.setContent(deductions);
    why.setExpanded(false);
    why.setAnimated(false);
    why.getStyleClass().add(Styles.DENSE);

    Hyperlink open = new Hyperlink("Show the findings");
    open.setId("gradeOpenHardening");
    open.setOnAction(event -> openHardening.run());
    HBox heading = new HBox(12, title, open);
    heading.setAlignment(Pos.BASELINE_LEFT);

    failure.setId("gradeFailure");
    failure.setWrapText(true);
    failure.setMinHeight(Region.USE_PREF_SIZE);
    failure.getStyleClass().add(Styles.DANGER);
    failure.textProperty().bind(failureText);

    VBox text = new VBox(6, heading, failure, explanation, user, why);
    HBox.setHgrow(text, Priority.ALWAYS);
    badge.getChildren().addAll(letter, score);
    badge.setId("gradeBadge");
    badge.getStyleClass().add("grade-badge");
    badge.setAlignment(Pos.CENTER);
    badge.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    card = new HBox(16, badge, text);
    card.setId("gradeCard");
    card.getStyleClass().add("grade-card");
    card.setAlignment(Pos.TOP_LEFT);
    // The badge keeps its own height when the "Why?" list makes the card tall.
    card.setFillHeight(false);

    grade.addListener((observable, before, after) -> show(after, failureText.get()));
    failureText.addListener((observable, before, after) -> show(grade.get(), after));
    show(grade.get(), failureText.get());
  }

  private void show(GradeSummary summary, String failureText) {
    boolean failed = summary == null && failureText != null && !failureText.isEmpty();
    showIf(card, summary != null || failed);
    showIf(failure, failed);
    showIf(explanation, summary != null);
    showIf(user, summary != null && !summary.userLine().isEmpty());
    badge.getStyleClass().removeIf(style -> style.startsWith("grade-") && !style.equals("grade-badge"));
    if (summary == null) {
      letter.setText("?");
      score.setText("");
      explanation.setText("");
      user.setText("");
      fillDeductions(List.of());
      return;
    }
    letter.setText(String.valueOf(summary.letter()));
    badge.getStyleClass().add(summary.styleClass());
    score.setText(summary.score() + " / 100");
    explanation.setText(summary.explanation());
    user.setText(summary.userLine());
    fillDeductions(summary.deductions());
  }

  private static void showIf(Node node, boolean shown) {
    node.setVisible(shown);
    node.setManaged(shown);
  }

  private void fillDeductions(List<GradeSummary.Deduction> costs) {
    deductions.getChildren().clear();
    int count = costs.size();
    showIf(why, count > 0);
    why.setText("Why? " + (count == 1 ? "1 finding cost points" : count + " findings cost points"));
    for (int row = 0; row < count; row++) {
      GradeSummary.Deduction deduction = costs.get(row);
      Label points = new Label("-" + deduction.points());
      points.getStyleClass().add("deduction-points");
      points.setMinWidth(Region.USE_PREF_SIZE);
      Label severity = new Label(Severities.displayName(deduction.severity()));
      severity.getStyleClass().addAll("severity-chip", Severities.styleClass(deduction.severity()));
      severity.setMinWidth(Region.USE_PREF_SIZE);
      Label title = new Label(deduction.title());
      title.setWrapText(true);
      title.setMinHeight(Region.USE_PREF_SIZE);
      title.getStyleClass().add("deduction-title");
      GridPane.setHgrow(title, Priority.ALWAYS);
      deductions.addRow(row, points, severity, title);
    }
  }

  public Node node() {
    return card;
  }
}
