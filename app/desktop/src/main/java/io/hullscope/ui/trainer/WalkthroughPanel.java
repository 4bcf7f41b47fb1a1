package io.hullscope.ui.trainer;

import atlantafx.base.theme.Styles;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The walk-through beside the image tabs: one finding per step with why it matters, what to
 * change and its evidence, then the grade and the comparison with the hardened version.
 */
public final class WalkthroughPanel {

  private final TrainerViewModel viewModel;
  private final VBox root = new VBox(12);
  private final VBox evidence = new VBox(4);
  private final Label severity = new Label();

  public WalkthroughPanel(TrainerViewModel viewModel) {
    this.viewModel = viewModel;

    Label heading = new Label();
    heading.textProperty().bind(viewModel.headingProperty());
    heading.getStyleClass().add(Styles.TITLE_4);
    heading.setWrapText(true);
    heading.setMinHeight(Region.USE_PREF_SIZE);
    Button close = new Button(null, new FontIcon(Feather.X));
    close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
    close.setId("walkthroughClose");
    close.setTooltip(new Tooltip("End the walk-through"));
    close.setAccessibleText("End the walk-through");
    close.setOnAction(event -> viewModel.close());
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox.setHgrow(heading, Priority.SOMETIMES);
    HBox top = new HBox(8, heading, spacer, close);
    top.setAlignment(Pos.TOP_LEFT);

    Label position = new Label();
    position.setId("walkthroughPosition");
    position.textProperty().bind(viewModel.positionProperty());
    position.getStyleClass().addAll(Styles.TEXT_MUTED, "walkthrough-position");

    ScrollPane scroll = new ScrollPane(new VBox(16, stepBox(), endBox()));
    scroll.setFitToWidth(true);
    scroll.getStyleClass().add("edge-to-edge");
    VBox.setVgrow(scroll, Priority.ALWAYS);
    // Only the scrolling part shrinks, so the step buttons stay on screen with large fonts too.
    scroll.setMinHeight(0);

    root.getChildren().addAll(top, position, scroll, buttons());
    root.setPadding(new Insets(12));
    root.setPrefWidth(380);
    root.setMinWidth(300);
    root.setMinHeight(0);
    root.setId("walkthroughPanel");
    root.getStyleClass().add("walkthrough-panel");
    root.visibleProperty().bind(viewModel.activeProperty());
    root.managedProperty().bind(root.visibleProperty());

    viewModel.stepProperty().addListener((observable, before, after) -> fillEvidence(after));
  }

  private Node stepBox() {
    severity.getStyleClass().add("severity-chip");
    Label id = new Label();
    id.getStyleClass().add(Styles.TEXT_MUTED);
    HBox tags = new HBox(8, severity, id);
    tags.setAlignment(Pos.CENTER_LEFT);

    Label title = wrapped("walkthroughTitle");
    title.getStyleClass().add(Styles.TITLE_3);
    Label why = wrapped("walkthroughWhy");
    Label change = wrapped("walkthroughChange");
    evidence.setId("walkthroughEvidence");

    viewModel.stepProperty().addListener((observable, before, after) -> {
      severity.setText(after == null ? "" : after.severity());
      severity.getStyleClass().removeIf(style -> style.startsWith("severity-") && !style.equals("severity-chip"));
      if (after != null) {
        severity.getStyleClass().add("severity-" + after.finding().severity().name().toLowerCase(Locale.ROOT));
      }
      id.setText(after == null ? "" : after.finding().id());
      title.setText(after == null ? "" : after.finding().title());
      why.setText(after == null ? "" : after.why());
      change.setText(after == null ? "" : after.change());
    });

    Label evidenceHeading = subheading("Evidence");
    evidenceHeading.visibleProperty().bind(Bindings.isNotEmpty(evidence.getChildren()));
    evidenceHeading.managedProperty().bind(evidenceHeading.visibleProperty());
    VBox box = new VBox(8, tags, title, subheading("Why it matters"), why, subheading("What to change"), change,
        evidenceHeading, evidence);
    box.visibleProperty().bind(viewModel.stepProperty().isNotNull());
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  private Node endBox() {
    Label letter = new Label();
    letter.setId("walkthroughGrade");
    letter.getStyleClass().add("grade-letter");
    StackPane badge = new StackPane(letter);
    badge.getStyleClass().add("grade-badge");
    badge.setMaxWidth(Region.USE_PREF_SIZE);
    Label score = new Label();
    score.getStyleClass().add(Styles.TITLE_4);
    Label explanation = wrapped("walkthroughGradeExplanation");
    viewModel.gradeProperty().addListener((observable, before, after) -> {
      letter.setText(after == null ? "" : String.valueOf(after.letter()));
      badge.getStyleClass().removeIf(style -> style.length() == 7 && style.startsWith("grade-"));
      if (after != null) {
        badge.getStyleClass().add("grade-" + Character.toLowerCase(after.letter()));
      }
      score.setText(after == null ? "" : after.score() + " of 100 points");
      explanation.setText(after == null ? "" : after.explanation());
    });
    HBox grade = new HBox(16, badge, score);
    grade.setAlignment(Pos.CENTER_LEFT);

    Button compare = new Button("Compare with the hardened version", new FontIcon(Feather.COLUMNS));
    compare.setId("compareHardened");
    compare.getStyleClass().add(Styles.ACCENT);
    compare.disableProperty().bind(viewModel.compareAvailableProperty().not());
    compare.setOnAction(event -> viewModel.compare());
    // A disabled button shows no tooltip, so the tooltip sits on a wrapper that stays enabled.
    StackPane compareHolder = new StackPane(compare);
    compareHolder.setAlignment(Pos.CENTER_LEFT);
    Tooltip hint = new Tooltip();
    hint.textProperty().bind(viewModel.compareHintProperty());
    hint.setWrapText(true);
    hint.setMaxWidth(360);
    Tooltip.install(compareHolder, hint);
    Label hintLine = wrapped("compareHint");
    hintLine.textProperty().bind(viewModel.compareHintProperty());
    hintLine.getStyleClass().add(Styles.TEXT_MUTED);

    VBox box = new VBox(10, subheading("Grade"), grade, explanation, compareHolder, hintLine);
    box.visibleProperty().bind(viewModel.atEndProperty());
    box.managedProperty().bind(box.visibleProperty());
    return box;
  }

  private Node buttons() {
    Button previous = new Button("Previous", new FontIcon(Feather.CHEVRON_LEFT));
    previous.setId("walkthroughPrevious");
    previous.setTooltip(new Tooltip("Previous finding (Left arrow or P)"));
    previous.disableProperty().bind(viewModel.canPreviousProperty().not());
    previous.setOnAction(event -> viewModel.previous());
    Button next = new Button("Next", new FontIcon(Feather.CHEVRON_RIGHT));
    next.setContentDisplay(ContentDisplay.RIGHT);
    next.setId("walkthroughNext");
    next.getStyleClass().add(Styles.ACCENT);
    next.setTooltip(new Tooltip("Next finding (Right arrow or N)"));
    next.disableProperty().bind(viewModel.canNextProperty().not());
    next.setOnAction(event -> viewModel.next());
    // The buttons take no keyboard focus, so the focus stays where the user left it in the image tabs.
    previous.setFocusTraversable(false);
    next.setFocusTraversable(false);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    HBox bar = new HBox(8, previous, spacer, next);
    bar.setAlignment(Pos.CENTER);
    return bar;
  }

  private void fillEvidence(WalkthroughStep step) {
    evidence.getChildren().clear();
    if (step == null) {
      return;
    }
    for (EvidenceLine line : step.evidence()) {
      if (line.revealable()) {
        Hyperlink link = new Hyperlink(line.text());
        link.setWrapText(true);
        link.setMinHeight(Region.USE_PREF_SIZE);
        link.getStyleClass().add("walkthrough-evidence");
        link.setOnAction(event -> viewModel.reveal(line));
        evidence.getChildren().add(link);
      } else {
        Label label = new Label(line.text());
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.getStyleClass().add("walkthrough-evidence");
        evidence.getChildren().add(label);
      }
    }
  }

  private static Label wrapped(String id) {
    Label label = new Label();
    label.setId(id);
    label.setWrapText(true);
    label.setMinHeight(Region.USE_PREF_SIZE);
    return label;
  }

  private static Label subheading(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("walkthrough-subheading");
    return label;
  }

  public Node node() {
    return root;
  }
}
