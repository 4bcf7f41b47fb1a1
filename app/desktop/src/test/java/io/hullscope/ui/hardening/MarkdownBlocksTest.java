package io.hullscope.ui.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.ui.hardening.MarkdownBlocks.Block;
import io.hullscope.ui.hardening.MarkdownBlocks.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownBlocksTest {

  @Test
  void headingsParagraphsAndBullets() {
    List<Block> blocks = MarkdownBlocks.parse("# Harbor settings\n\nTurn on **content trust**\nfor the project.\n\n"
        + "## Scanning\n- Scan on `push`\n* Block critical\n");

    assertThat(blocks).containsExactly(
        new Block(Kind.HEADING_1, "Harbor settings"),
        new Block(Kind.PARAGRAPH, "Turn on content trust for the project."),
        new Block(Kind.HEADING_2, "Scanning"),
        new Block(Kind.BULLET, "Scan on push"),
        new Block(Kind.BULLET, "Block critical"));
  }

  @Test
  void codeBlockKeepsLinesAndMarkers() {
    List<Block> blocks = MarkdownBlocks.parse("```yaml\nkey: `x`\n  indented: **y**\n```\nafter");

    assertThat(blocks).containsExactly(
        new Block(Kind.CODE, "key: `x`\n  indented: **y**"),
        new Block(Kind.PARAGRAPH, "after"));
  }

  @Test
  void tableRowsWithoutSeparator() {
    List<Block> blocks = MarkdownBlocks.parse("| Setting | Value |\n| --- | :---: |\n| Scan | on |\n");

    assertThat(blocks).containsExactly(
        new Block(Kind.TABLE_ROW, "| Setting | Value |"),
        new Block(Kind.TABLE_ROW, "| Scan | on |"));
  }

  @Test
  void unclosedFenceKeepsCode() {
    assertThat(MarkdownBlocks.parse("```\nline one\nline two"))
        .containsExactly(new Block(Kind.CODE, "line one\nline two"));
  }

  @Test
  void emptyAndGarbageInput() {
    assertThat(MarkdownBlocks.parse("")).isEmpty();
    assertThat(MarkdownBlocks.parse("\u0000###\u00ff")).containsExactly(new Block(Kind.PARAGRAPH, "\u0000###\u00ff"));
    assertThat(MarkdownBlocks.parse("#nospace")).containsExactly(new Block(Kind.PARAGRAPH, "#nospace"));
  }
}
