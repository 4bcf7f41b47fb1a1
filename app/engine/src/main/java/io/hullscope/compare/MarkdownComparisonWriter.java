package io.hullscope.compare;

import java.io.PrintWriter;
import java.util.List;

/** Renders comparison blocks as GitHub-flavoured Markdown. */
final class MarkdownComparisonWriter {

  private MarkdownComparisonWriter() {}

  static void write(List<ComparisonDocument.Block> blocks, PrintWriter out) {
    for (ComparisonDocument.Block block : blocks) {
      if (block instanceof ComparisonDocument.Heading heading) {
        out.println("#".repeat(heading.level()) + " " + escape(heading.text()));
      } else if (block instanceof ComparisonDocument.Paragraph paragraph) {
        out.println(escape(paragraph.text()));
      } else if (block instanceof ComparisonDocument.Cards cards) {
        out.println("| Summary | Value | Detail |");
        out.println("| --- | --- | --- |");
        cards.cards().forEach(card -> out.println("| " + escape(card.label()) + " | " + escape(card.value()) + " | "
            + escape(card.detail()) + " |"));
      } else if (block instanceof ComparisonDocument.Table table) {
        out.println(row(table.headers()));
        out.println("|" + " --- |".repeat(table.headers().size()));
        table.rows().forEach(row -> out.println(row(row)));
      }
      out.println();
    }
  }

  private static String row(List<String> cells) {
    return "| " + String.join(" | ", cells.stream().map(MarkdownComparisonWriter::escape).toList()) + " |";
  }

  /**
   * Escapes the characters that would start markup, so a hostile file name or label stays text. Line
   * breaks become spaces, because a table cell must stay on one line.
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '!' -> out.append('\\').append(c);
        case '\n', '\r' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
