package io.hullscope.cli;

import io.hullscope.sbom.CycloneDxExporter;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Output helpers shared by the commands that render a whole document before writing it. */
final class RenderedOutput {

  private RenderedOutput() {}

  /** Returns the tool name and version that reports record, for example {@code Hullscope 0.1.0}. */
  static String toolName() {
    String version = RenderedOutput.class.getPackage().getImplementationVersion();
    return CycloneDxExporter.TOOL_NAME + " " + (version == null ? CycloneDxExporter.TOOL_VERSION : version);
  }

  /**
   * Prints {@code rendered} to {@code out} when {@code file} is null, otherwise writes it to the file.
   * The document is complete before the file is opened, so a failure never leaves half of it behind.
   *
   * @param what names the document in the error, for example {@code report}
   * @return true when the document went to the file, so the caller can say so
   * @throws IOException naming the file and what to check when it cannot be written
   */
  static boolean write(ByteArrayOutputStream rendered, Path file, PrintWriter out, String what) throws IOException {
    if (file == null) {
      out.print(rendered.toString(StandardCharsets.UTF_8));
      out.flush();
      return false;
    }
    try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file))) {
      rendered.writeTo(stream);
    } catch (IOException e) {
      throw new IOException("Failed to write the " + what + " to " + file + " (" + FailurePrinter.describe(e)
          + "). Check that the folder exists and is writable.", e);
    }
    return true;
  }
}
