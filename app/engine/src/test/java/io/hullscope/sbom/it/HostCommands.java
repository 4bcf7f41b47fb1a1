package io.hullscope.sbom.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the host tools that build and check the integration test images: the {@code docker} CLI
 * against the test daemon, {@code dpkg-query}, {@code dpkg-deb} and {@code npm}.
 */
final class HostCommands {

  private HostCommands() {}

  /** Returns true when {@code program} is an executable file on the {@code PATH}. */
  static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String folder : path.split(java.io.File.pathSeparator)) {
      if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs a command and returns its standard output.
   *
   * @param workDir working folder, or null for the current one
   * @param environment variables added to the inherited environment
   * @throws AssertionError when the command fails or runs longer than {@code timeout}, with its
   *     standard error in the message
   */
  static String run(Path workDir, Map<String, String> environment, Duration timeout, List<String> command)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    if (workDir != null) {
      builder.directory(workDir.toFile());
    }
    // Both outputs go to files, so the timeout applies even to a tool that never closes them.
    Path output = Files.createTempFile("hullscope-it-", ".stdout");
    Path errors = Files.createTempFile("hullscope-it-", ".stderr");
    try {
      builder.redirectOutput(output.toFile()).redirectError(errors.toFile());
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " timed out after " + timeout.toSeconds() + " s");
      }
      String standardOutput = Files.readString(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed with exit code " + process.exitValue()
            + ":\n" + Files.readString(errors, StandardCharsets.UTF_8) + standardOutput);
      }
      return standardOutput;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + String.join(" ", command), e);
    } finally {
      Files.deleteIfExists(output);
      Files.deleteIfExists(errors);
    }
  }

  /** Runs a command in the current folder with a timeout of five minutes. */
  static String run(String... command) throws IOException {
    return run(null, Map.of(), Duration.ofMinutes(5), List.of(command));
  }

  /** Runs {@code docker --host HOST ARGS...} with the classic builder. */
  static String docker(String host, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("docker", "--host", host));
    command.addAll(List.of(args));
    // The classic builder works without the buildx plugin, which the test machine may lack.
    return run(null, Map.of("DOCKER_BUILDKIT", "0"), Duration.ofMinutes(5), command);
  }
}
