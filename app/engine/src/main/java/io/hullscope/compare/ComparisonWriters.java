package io.hullscope.compare;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Writes an {@link ImageComparison} as Markdown, self-contained HTML, JSON or plain text. Output
 * depends only on the comparison, so two runs over the same images give the same bytes. Text from
 * the images (paths, labels, commands) is escaped for the format.
 */
public final class ComparisonWriters {

  private ComparisonWriters() {}

  /** Writes every section. */
  public static void write(ImageComparison comparison, ComparisonFormat format, OutputStream out) throws IOException {
    write(comparison, format, EnumSet.allOf(ComparisonSection.class), out);
  }

  /** Writes the chosen sections in UTF-8; the stream is flushed but not closed. */
  public static void write(ImageComparison comparison, ComparisonFormat format, Set<ComparisonSection> sections,
      OutputStream out) throws IOException {
    if (format == ComparisonFormat.JSON) {
      JsonComparisonWriter.write(comparison, sections, out);
      return;
    }
    List<ComparisonDocument.Block> blocks = ComparisonDocument.blocks(comparison, sections);
    PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    switch (format) {
      case MARKDOWN -> MarkdownComparisonWriter.write(blocks, writer);
      case HTML -> HtmlComparisonWriter.write(blocks, writer);
      case TEXT -> TextComparisonWriter.write(blocks, writer);
      default -> throw new IllegalStateException("unhandled format " + format);
    }
    writer.flush();
    if (writer.checkError()) {
      throw new IOException("Failed to write the " + format + " comparison");
    }
  }
}
