package io.hullscope.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs command-line tools that integration tests rely on, such as skopeo or docker. */
public final class Tools {

  private Tools() {}

  /**
   * Runs a command with no input and discards its output. Returns true when it exits with 0 within
   * 5 minutes, and false when it fails, times out or does not exist.
   */
  public static boolean runs(String... command) {
    try {
      Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      process.getOutputStream().close();
      process.getInputStream().transferTo(OutputStream.nullOutputStream());
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
