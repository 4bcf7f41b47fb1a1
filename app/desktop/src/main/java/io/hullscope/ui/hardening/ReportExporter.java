package io.hullscope.ui.hardening;

import io.hullscope.check.HardeningReport;
import io.hullscope.report.ReportFormat;
import io.hullscope.report.ReportWriters;
import java.io.IOException;
import java.io.OutputStream;

/** Writes a hardening report in a report format; tests replace it to see or fail the write. */
@FunctionalInterface
public interface ReportExporter {

  /** The engine's report writers, the same code the CLI uses. */
  ReportExporter REPORT_WRITERS = ReportWriters::write;

  /** Writes the report to the stream, which the caller closes. */
  void write(HardeningReport report, ReportFormat format, OutputStream out) throws IOException;
}
