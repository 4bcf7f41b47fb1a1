package io.hullscope.ui.hardening;

import atlantafx.base.theme.Styles;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Shows Markdown advice as formatted text: headings, paragraphs, bullets, code and table rows. */
final class MarkdownView {

  private final VBox blocks = new VBox(6);
  private final ScrollPane scroll = new ScrollPane(blocks);

  MarkdownView(ObservableStringValue markdown) {
    blocks.setPadding(new Insets(8, 12, 8, 12));
    blocks.getStyleClass().add("markdown");
    scroll.setFitToWidth(true);
    scroll.setFocusTraversable(true);
    markdown.addListener((observable, before, after) -> fill(after));
    fill(markdown.get());
  }

  private void fill(String markdown) {
    blocks.getChildren().clear();
    if (markdown == null) {
      return;
    }
    for (MarkdownBlocks.Block block : MarkdownBlocks.parse(markdown)) {
      Label label = new Label(block.kind() == MarkdownBlocks.Kind.BULLET ? "\u2022  " + block.text() : block.text());
      label.setWrapText(true);
      label.setMinHeight(Region.USE_PREF_SIZE);
      label.setMaxWidth(Double.MAX_VALUE);
      switch (block.kind()) {
        case HEADING_1 -> label.getStyleClass().add(Styles.TITLE_3);
        case HEADING_2 -> label.getStyleClass().add(Styles.TITLE_4);
        case HEADING_3 -> label.getStyleClass().add(Styles.TEXT_BOLD);
        case BULLET -> label.setPadding(new Insets(0, 0, 0, 12));
        case CODE, TABLE_ROW -> label.getStyleClass().add("markdown-code");
        case PARAGRAPH -> { }
      }
      blocks.getChildren().add(label);
    }
  }

  Node node() {
    return scroll;
  }
}
