package io.hullscope.compare;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Renders comparison blocks as one self-contained HTML page: inline style, no scripts, nothing
 * loaded from elsewhere. Every text is escaped.
 */
final class HtmlComparisonWriter {

  /** System fonts only, so the page loads nothing. */
  private static final String CSS = """
      body { margin: 0 auto; max-width: 1200px; padding: 24px 32px; color: #1d232b;
        font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
      h1 { font-size: 24px; overflow-wrap: anywhere; }
      h2 { margin-top: 28px; font-size: 20px; border-bottom: 1px solid #d9dce1; padding-bottom: 4px; }
      .cards { display: flex; flex-wrap: wrap; gap: 12px; }
      .card { flex: 1 1 160px; border: 1px solid #d9dce1; border-radius: 6px; padding: 8px 12px; }
      .card .label { color: #5b6270; font-size: 13px; }
      .card .value { font-size: 18px; font-weight: 600; }
      .card .detail { color: #5b6270; font-size: 13px; }
      table { border-collapse: collapse; width: 100%; font-size: 14px; }
      th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #d9dce1; vertical-align: top;
        overflow-wrap: anywhere; }
      th { background: #f3f4f6; }
      td.added, td.new, td.upgrade { color: #15803d; font-weight: 600; }
      td.removed, td.fixed, td.resolved { color: #8b1a1a; font-weight: 600; }
      td.changed, td.downgrade { color: #b58100; font-weight: 600; }
      @media print { body { max-width: none; padding: 0; } }
      """;

  private HtmlComparisonWriter() {}

  static void write(List<ComparisonDocument.Block> blocks, PrintWriter out) {
    String title = blocks.isEmpty() || !(blocks.get(0) instanceof ComparisonDocument.Heading heading)
        ? "Image comparison" : heading.text();
    out.println("<!DOCTYPE html>");
    out.println("<html lang=\"en\">");
    out.println("<head>");
    out.println("<meta charset=\"utf-8\">");
    out.println("<title>" + escape(title) + "</title>");
    out.println("<style>");
    out.print(CSS);
    out.println("</style>");
    out.println("</head>");
    out.println("<body>");
    for (ComparisonDocument.Block block : blocks) {
      if (block instanceof ComparisonDocument.Heading heading) {
        out.println("<h" + heading.level() + ">" + escape(heading.text()) + "</h" + heading.level() + ">");
      } else if (block instanceof ComparisonDocument.Paragraph paragraph) {
        out.println("<p>" + escape(paragraph.text()) + "</p>");
      } else if (block instanceof ComparisonDocument.Cards cards) {
        writeCards(cards, out);
      } else if (block instanceof ComparisonDocument.Table table) {
        writeTable(table, out);
      }
    }
    out.println("</body>");
    out.println("</html>");
  }

  private static void writeCards(ComparisonDocument.Cards cards, PrintWriter out) {
    out.println("<div class=\"cards\">");
    for (ComparisonSummary.Card card : cards.cards()) {
      out.println("<div class=\"card\"><div class=\"label\">" + escape(card.label()) + "</div><div class=\"value\">"
          + escape(card.value()) + "</div><div class=\"detail\">" + escape(card.detail()) + "</div></div>");
    }
    out.println("</div>");
  }

  private static void writeTable(ComparisonDocument.Table table, PrintWriter out) {
    out.println("<table>");
    StringBuilder header = new StringBuilder("<thead><tr>");
    table.headers().forEach(name -> header.append("<th>").append(escape(name)).append("</th>"));
    out.println(header.append("</tr></thead>"));
    out.println("<tbody>");
    int changeColumn = Math.max(table.headers().indexOf("Change"), table.headers().indexOf("Status"));
    for (List<String> row : table.rows()) {
      StringBuilder line = new StringBuilder("<tr>");
      for (int column = 0; column < row.size(); column++) {
        String cell = row.get(column);
        // The change word (added, removed, new, fixed...) gets a class that colours it.
        String css = column == changeColumn ? " class=\"" + cssClass(cell) + "\"" : "";
        line.append("<td").append(css).append('>').append(escape(cell)).append("</td>");
      }
      out.println(line.append("</tr>"));
    }
    out.println("</tbody>");
    out.println("</table>");
  }

  private static String cssClass(String word) {
    StringBuilder out = new StringBuilder();
    for (char c : word.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c >= 'a' && c <= 'z') {
        out.append(c);
      }
    }
    return out.toString();
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
