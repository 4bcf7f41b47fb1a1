package io.hullscope.ui.hardening;

import atlantafx.base.theme.Styles;
import io.hullscope.check.Finding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The details pane of the Hardening tab: title, severity, confidence and cost of the selected
 * finding, then why it matters, the evidence with links to files and history steps, the suggestion
 * and where to make the change.
 */
final class FindingDetailsView {

  private final HardeningViewModel viewModel;
  private final Label title = new Label();
  private final VBox body = new VBox(10);
  private final ScrollPane scroll;

  FindingDetailsView(HardeningViewModel viewModel) {
    this.viewModel = viewModel;
    title.getStyleClass().add(Styles.TITLE_4);
    title.setId("findingTitle");
    title.setWrapText(true);
    title.setMinHeight(Region.USE_PREF_SIZE);
    body.setId("findingDetails");

    VBox box = new VBox(10, title, body);
    box.setPadding(new Insets(8, 12, 12, 12));
    scroll = new ScrollPane(box);
    scroll.setFitToWidth(true);
    viewModel.detailsProperty().addListener((observable, before, after) -> show(after));
    show(viewModel.detailsProperty().get());
  }

  private void show(FindingDetails details) {
    body.getChildren().clear();
    if (details == null) {
      title.setText("Select a finding to see its evidence and how to fix it.");
      if (!title.getStyleClass().contains(Styles.TEXT_MUTED)) {
        title.getStyleClass().add(Styles.TEXT_MUTED);
      }
      return;
    }
    title.getStyleClass().remove(Styles.TEXT_MUTED);
    Finding finding = details.finding();
    title.setText(finding.title());
    body.getChildren().add(badges(details));
    section("Why it matters", finding.rationale(), "findingRationale");
    evidence(details);
    section("Suggestion", finding.suggestion(), "findingSuggestion");
    section("Where to change it", finding.location(), "findingLocation");
  }

  /** Builds the line of chips: severity, confidence, check id and points. */
  private static FlowPane badges(FindingDetails details) {
    Finding finding = details.finding();
    Label severity = chip(Severities.displayName(finding.severity()), "findingSeverity");
    severity.getStyleClass().addAll("severity-chip", Severities.styleClass(finding.severity()));
    Label confidence = chip(Severities.displayName(finding.confidence()) + " confidence", "findingConfidence");
    confidence.setTooltip(wrapped("How sure the check is that the finding is real. Pattern matches on file"
        + " contents may hit examples and test data."));
    Label id = chip(finding.id(), "findingId");
    Label points = chip(details.points() == 1 ? "costs 1 point" : "costs " + details.points() + " points",
        "findingPoints");
    points.setTooltip(wrapped("What this finding takes off the hygiene grade's 100 points"));
    FlowPane pane = new FlowPane(6, 4, severity, confidence, id, points);
    pane.setAlignment(Pos.CENTER_LEFT);
    return pane;
  }

  private static Label chip(String text, String id) {
    Label chip = new Label(text);
    chip.setId(id);
    chip.getStyleClass().add("finding-chip");
    chip.setMinWidth(Region.USE_PREF_SIZE);
    return chip;
  }

  private void section(String heading, String text, String id) {
    if (text == null || text.isBlank()) {
      return;
    }
    body.getChildren().add(new VBox(2, heading(heading), paragraph(text, id)));
  }

  /** Builds the evidence section: the check's text, then one line or link per evidence item. */
  private void evidence(FindingDetails details) {
    String text = details.finding().evidence();
    if ((text == null || text.isBlank()) && details.evidence().isEmpty()) {
      return;
    }
    VBox section = new VBox(2, heading("Evidence"));
    if (text != null && !text.isBlank()) {
      section.getChildren().add(paragraph(text, "findingEvidence"));
    }
    for (EvidenceLink item : details.evidence()) {
      section.getChildren().add(item.target() == EvidenceLink.Target.NONE ? paragraph(item.text(), null) : link(item));
    }
    body.getChildren().add(section);
  }

  private Node link(EvidenceLink item) {
    Hyperlink link = new Hyperlink(item.text());
    link.getStyleClass().add("evidence-link");
    link.setWrapText(true);
    link.setMinHeight(Region.USE_PREF_SIZE);
    link.setTooltip(new Tooltip(item.target() == EvidenceLink.Target.FILE
        ? "Show this file in the Layers tab"
        : "Show this step of the history on the Overview"));
    link.setOnAction(event -> viewModel.reveal(item));
    link.setContextMenu(copyMenu(item.text()));
    // A hyperlink has padding of its own; this lines its text up with the paragraphs.
    link.setPadding(new Insets(2, 0, 2, 0));
    return link;
  }

  private static Label heading(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("finding-heading");
    return label;
  }

  private static Label paragraph(String text, String id) {
    Label label = new Label(text);
    label.setWrapText(true);
    label.setMinHeight(Region.USE_PREF_SIZE);
    label.setMaxWidth(Double.MAX_VALUE);
    label.getStyleClass().add("finding-text");
    label.setContextMenu(copyMenu(text));
    if (id != null) {
      label.setId(id);
    }
    return label;
  }

  private static Tooltip wrapped(String text) {
    Tooltip tooltip = new Tooltip(text);
    tooltip.setWrapText(true);
    tooltip.setMaxWidth(420);
    return tooltip;
  }

  /** Offers Copy on a text, because labels cannot be selected with the mouse. */
  private static ContextMenu copyMenu(String text) {
    MenuItem copy = new MenuItem("Copy");
    copy.setOnAction(event -> {
      ClipboardContent content = new ClipboardContent();
      content.putString(text);
      Clipboard.getSystemClipboard().setContent(content);
    });
    return new ContextMenu(copy);
  }

  Node node() {
    return scroll;
  }
}
