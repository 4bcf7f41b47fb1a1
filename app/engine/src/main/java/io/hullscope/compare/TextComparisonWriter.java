package io.hullscope.compare;

import java.io.PrintWriter;
import java.util.List;

/** Renders comparison blocks as plain text for a terminal, with tab-separated table rows. */
final class TextComparisonWriter {

  private TextComparisonWriter() {}

  static void write(List<ComparisonDocument.Block> blocks, PrintWriter out) {
    for (ComparisonDocument.Block block : blocks) {
      if (block instanceof ComparisonDocument.Heading heading) {
        out.println(clean(heading.text()));
        out.println((heading.level() == 1 ? "=" : "-").repeat(Math.min(80, heading.text().length())));
      } else if (block instanceof ComparisonDocument.Paragraph paragraph) {
        out.println(clean(paragraph.text()));
      } else if (block instanceof ComparisonDocument.Cards cards) {
        for (ComparisonSummary.Card card : cards.cards()) {
          String detail = card.detail().isEmpty() ? "" : " (" + clean(card.detail()) + ")";
          out.println("  " + card.label() + ": " + clean(card.value()) + detail);
        }
      } else if (block instanceof ComparisonDocument.Table table) {
        out.println("  " + String.join("\t", table.headers()));
        for (List<String> row : table.rows()) {
          out.println("  " + String.join("\t", row.stream().map(TextComparisonWriter::clean).toList()));
        }
      }
      out.println();
    }
  }

  /** Replaces control characters, so a hostile name cannot move the terminal's cursor or split a row. */
  static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }
}
