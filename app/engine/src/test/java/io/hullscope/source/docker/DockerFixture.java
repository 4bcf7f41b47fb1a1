package io.hullscope.source.docker;

import io.hullscope.image.Limits;
import io.hullscope.testing.Ci;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code docker} CLI against the test daemon named by {@code HULLSCOPE_DOCKER_HOST},
 * to build and load the images that integration tests then read through
 * {@link DockerDaemonSource}.
 */
final class DockerFixture {

  static final String HOST_VARIABLE = "HULLSCOPE_DOCKER_HOST";

  private DockerFixture() {}

  static final String SERVICE = "dockerd (set " + HOST_VARIABLE + ", as .ci/run does)";

  /**
   * Returns the test daemon's host, or null when it is unusable; fails under CI in that case.
   * Call from {@code @BeforeAll}, and {@link #requireDaemon} from {@code @BeforeEach}.
   */
  static String daemonHost() {
    String host = System.getenv(HOST_VARIABLE);
    boolean usable = false;
    if (host != null && !host.isBlank()) {
      try (DockerDaemonSource source = new DockerDaemonSource(host, Limits.DEFAULT)) {
        usable = source.ping();
      } catch (IOException e) {
        usable = false;
      }
    }
    return Ci.checkServiceForClass(usable, SERVICE) ? host : null;
  }

  /** Skips the test (or fails it under CI) when {@link #daemonHost()} found no daemon. */
  static void requireDaemon(String host) {
    Ci.requireService(host != null, SERVICE);
  }

  /** Builds {@code context} with the classic builder and no network, tagged {@code tag}. */
  static void build(String host, Path context, String tag) throws IOException {
    run(host, null, "build", "--network", "none", "--tag", tag, context.toString());
  }

  /** Loads a {@code docker save} archive into the daemon. */
  static void load(String host, Path archive) throws IOException {
    run(host, null, "load", "--input", archive.toString());
  }

  /** Writes the daemon's save stream of {@code reference} to {@code file}. */
  static void save(String host, String reference, Path file) throws IOException {
    run(host, null, "save", "--output", file.toString(), reference);
  }

  /** Removes images; images that are already gone are ignored. */
  static void remove(String host, String... references) throws IOException {
    List<String> args = new ArrayList<>(List.of("rmi", "--force"));
    args.addAll(List.of(references));
    try {
      run(host, null, args.toArray(String[]::new));
    } catch (AssertionError alreadyGone) {
      // Cleanup is best effort: a failed build leaves nothing to remove.
    }
  }

  private static String run(String host, Path workDir, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("docker", "--host", host));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // The classic builder works without the buildx plugin, which the test machine may lack.
    builder.environment().put("DOCKER_BUILDKIT", "0");
    if (workDir != null) {
      builder.directory(workDir.toFile());
    }
    Process process = builder.start();
    process.getOutputStream().close();
    String output;
    try (InputStream out = process.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish within 5 minutes");
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

  /** Writes a UTF-8 text file, creating parent folders. */
  static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
