package io.hullscope.report;

import io.hullscope.image.Limits;
import io.hullscope.source.docker.DockerDaemonSource;
import io.hullscope.testing.Ci;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The docker CLI against the test daemon named by {@code HULLSCOPE_DOCKER_HOST}, for the Dockerfile ITs. */
final class DockerfileTestDaemon {

  static final String HOST_VARIABLE = "HULLSCOPE_DOCKER_HOST";
  static final String SERVICE = "dockerd (set " + HOST_VARIABLE + ", as .ci/run does)";

  private final String host;
  private String dockerfile;

  DockerfileTestDaemon(String host) {
    this.host = host;
  }

  /**
   * Returns the daemon's host when it responds to a ping, or null when it does not; fails under CI
   * instead of returning null. Call from {@code @BeforeAll}, then {@link Ci#requireService} per test.
   */
  static String hostOrNull() {
    String candidate = System.getenv(HOST_VARIABLE);
    boolean usable = false;
    if (candidate != null && !candidate.isBlank()) {
      try (DockerDaemonSource probe = new DockerDaemonSource(candidate, Limits.DEFAULT)) {
        usable = probe.ping();
      } catch (IOException e) {
        usable = false;
      }
    }
    return Ci.checkServiceForClass(usable, SERVICE) ? candidate : null;
  }

  /** Sets the Dockerfile shown with a failed command's output. */
  void dockerfile(String text) {
    this.dockerfile = text;
  }

  /** Removes images; images that are already gone are ignored. */
  void remove(String... references) throws IOException {
    List<String> args = new ArrayList<>(List.of("rmi", "--force"));
    args.addAll(List.of(references));
    try {
      run(args.toArray(String[]::new));
    } catch (AssertionError alreadyGone) {
      // Cleanup is best effort: a failed build leaves some images unbuilt.
    }
  }

  /** Runs the docker CLI with the classic builder and returns its output; fails with the output on an error. */
  String run(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("docker", "--host", host));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // The classic builder works without the buildx plugin, which the test machine may lack.
    builder.environment().put("DOCKER_BUILDKIT", "0");
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
      throw new AssertionError(String.join(" ", command) + " failed with exit code " + process.exitValue() + ":\n"
          + output + (dockerfile == null ? "" : "\nDockerfile:\n" + dockerfile));
    }
    return output;
  }
}
