package io.hullscope.report;

import io.hullscope.check.HardeningReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link HardeningReport} in one of the {@link ReportFormat}s. The CLI and the desktop's
 * Export dialog call this, so both write the same files.
 *
 * <p>Every format writes UTF-8. Texts from the findings pass through a redaction step that masks
 * secret-looking values a check may have missed. The stream is flushed but not closed.
 */
public final class ReportWriters {

  private ReportWriters() {}

  /**
   * Writes the report to {@code out}.
   *
   * @throws IOException when writing to the stream fails
   */
  public static void write(HardeningReport report, ReportFormat format, OutputStream out) throws IOException {
    ReportModel model = new ReportModel(report);
    switch (format) {
      case MARKDOWN -> writeText(out, writer -> new MarkdownReportWriter(writer).write(model));
      case HTML -> writeText(out, writer -> new HtmlReportWriter(writer).write(model));
      case JSON -> new JsonReportWriter().write(model, out);
      case SARIF -> new SarifReportWriter().write(model, out);
    }
    out.flush();
  }

  private interface TextBody {
    void write(PrintWriter writer);
  }

  private static void writeText(OutputStream out, TextBody body) throws IOException {
    PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
    body.write(writer);
    writer.flush();
    if (writer.checkError()) {
      throw new IOException("failed to write the report: the output stream reported an error");
    }
  }
}
