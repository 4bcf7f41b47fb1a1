package io.hullscope.ui.hardening;

import io.hullscope.check.HardeningReport;
import java.io.IOException;
import java.io.OutputStream;

/** Writes a hardening report in an export format; tests replace it to fail on purpose. */
@FunctionalInterface
public interface ReportExporter {

  /** Writes the report to the stream, which the caller closes. */
  void write(HardeningReport report, ExportFormat format, OutputStream out) throws IOException;
}
