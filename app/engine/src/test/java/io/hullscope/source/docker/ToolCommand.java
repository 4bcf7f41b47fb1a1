package io.hullscope.source.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external tool (podman, skopeo) for a test fixture and fails the test when the tool fails. */
final class ToolCommand {

  private static final long TIMEOUT_MINUTES = 5;

  private ToolCommand() {}

  /** Returns true when {@code tool} is on the PATH, checked by running {@code tool --version}. */
  static boolean exists(String tool) {
    try {
      Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      process.getOutputStream().close();
      process.getInputStream().transferTo(OutputStream.nullOutputStream());
      return process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Runs the command with standard output and error merged and returns that output.
   *
   * @throws AssertionError when the command exits non-zero or runs longer than 5 minutes
   */
  static String run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output;
    try (InputStream out = process.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT_MINUTES + " minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + String.join(" ", command), e);
    }
    if (process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed with exit code " + process.exitValue()
          + ":\n" + output);
    }
    return output;
  }
}
