package io.hullscope.ui.hardening;

import io.hullscope.check.HardeningReport;
import java.io.IOException;
import java.io.OutputStream;

/** Writes hardening reports through the engine's report writers, the same code the CLI uses. */
public final class ReportWritersExporter implements ReportExporter {

  @Override
  public void write(HardeningReport report, ExportFormat format, OutputStream out) throws IOException {
    // TODO: call io.hullscope.report.ReportWriters once the engine has it; until then export fails with this message.
    throw new IOException("This build has no report writers yet, so " + format.displayName() + " cannot be written");
  }
}
