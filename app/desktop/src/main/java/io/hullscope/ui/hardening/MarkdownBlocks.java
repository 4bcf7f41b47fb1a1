package io.hullscope.ui.hardening;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the small Markdown subset of the generated advice into blocks the Suggestions page shows
 * as formatted text: headings, paragraphs, list items, code blocks and table rows. Inline
 * {@code `code`} and {@code **bold**} markers are dropped, because the text reads well without
 * them. Anything else stays as it is, so no text is lost.
 */
final class MarkdownBlocks {

  /** What a block is, which decides its style. */
  enum Kind {
    HEADING_1,
    HEADING_2,
    HEADING_3,
    PARAGRAPH,
    BULLET,
    CODE,
    TABLE_ROW
  }

  /** One block of text and how to show it. */
  record Block(Kind kind, String text) {}

  private MarkdownBlocks() {}

  static List<Block> parse(String markdown) {
    List<Block> blocks = new ArrayList<>();
    StringBuilder paragraph = new StringBuilder();
    StringBuilder code = null;
    for (String line : markdown.split("\\R", -1)) {
      if (line.strip().startsWith("```")) {
        flush(paragraph, blocks);
        if (code == null) {
          code = new StringBuilder();
        } else {
          blocks.add(new Block(Kind.CODE, stripTrailingNewline(code)));
          code = null;
        }
        continue;
      }
      if (code != null) {
        code.append(line).append('\n');
        continue;
      }
      String stripped = line.strip();
      if (stripped.isEmpty()) {
        flush(paragraph, blocks);
      } else if (stripped.startsWith("### ")) {
        flush(paragraph, blocks);
        blocks.add(new Block(Kind.HEADING_3, inline(stripped.substring(4))));
      } else if (stripped.startsWith("## ")) {
        flush(paragraph, blocks);
        blocks.add(new Block(Kind.HEADING_2, inline(stripped.substring(3))));
      } else if (stripped.startsWith("# ")) {
        flush(paragraph, blocks);
        blocks.add(new Block(Kind.HEADING_1, inline(stripped.substring(2))));
      } else if (stripped.startsWith("- ") || stripped.startsWith("* ")) {
        flush(paragraph, blocks);
        blocks.add(new Block(Kind.BULLET, inline(stripped.substring(2))));
      } else if (stripped.startsWith("|")) {
        flush(paragraph, blocks);
        // The separator row under a table header carries no text.
        if (!stripped.matches("[|:\\- ]+")) {
          blocks.add(new Block(Kind.TABLE_ROW, inline(stripped)));
        }
      } else {
        if (paragraph.length() > 0) {
          paragraph.append(' ');
        }
        paragraph.append(stripped);
      }
    }
    flush(paragraph, blocks);
    if (code != null) {
      // An unclosed fence keeps its lines as code rather than dropping them.
      blocks.add(new Block(Kind.CODE, stripTrailingNewline(code)));
    }
    return blocks;
  }

  private static void flush(StringBuilder paragraph, List<Block> blocks) {
    if (paragraph.length() > 0) {
      blocks.add(new Block(Kind.PARAGRAPH, inline(paragraph.toString())));
      paragraph.setLength(0);
    }
  }

  /** Drops {@code **bold**} and {@code `code`} markers. */
  static String inline(String text) {
    return text.replace("**", "").replace("`", "");
  }

  private static String stripTrailingNewline(StringBuilder code) {
    int length = code.length();
    return length > 0 && code.charAt(length - 1) == '\n' ? code.substring(0, length - 1) : code.toString();
  }
}
