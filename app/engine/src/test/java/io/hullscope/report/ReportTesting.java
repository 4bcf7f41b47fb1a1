package io.hullscope.report;

import io.hullscope.check.HardeningReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes reports to memory for the writer tests. */
final class ReportTesting {

  private ReportTesting() {}

  static byte[] bytes(HardeningReport report, ReportFormat format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ReportWriters.write(report, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String text(HardeningReport report, ReportFormat format) {
    return new String(bytes(report, format), StandardCharsets.UTF_8);
  }
}
