package io.hullscope.source.docker;

import io.hullscope.image.Limits;
import io.hullscope.testing.Ci;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the {@code podman} CLI in remote mode against the Podman API service named by
 * {@code HULLSCOPE_PODMAN_HOST} ({@code .ci/run} starts one on a private socket), to load and
 * save the images that integration tests read.
 */
final class PodmanFixture {

  static final String HOST_VARIABLE = "HULLSCOPE_PODMAN_HOST";

  private PodmanFixture() {}

  static final String SERVICE = "Podman's API service (set " + HOST_VARIABLE + ", as .ci/run does)";

  /**
   * Returns the Podman service's host, or null when it is unusable; fails under CI in that case.
   * Call from {@code @BeforeAll}, and {@link #requirePodman(String)} from {@code @BeforeEach}.
   */
  static String podmanHost() {
    String host = usableHost();
    return Ci.checkServiceForClass(host != null, SERVICE) ? host : null;
  }

  /** Skips the test (or fails it under CI) when {@link #podmanHost()} found no service. */
  static void requirePodman(String host) {
    Ci.requireService(host != null, SERVICE);
  }

  /** Returns the Podman service's host when it responds through the Docker-compatible API, otherwise null. */
  static String usableHost() {
    String host = System.getenv(HOST_VARIABLE);
    if (host == null || host.isBlank()) {
      return null;
    }
    try (DockerDaemonSource source = new DockerDaemonSource(host, Limits.DEFAULT)) {
      return source.ping() ? host : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Loads an archive (docker save or OCI) into Podman. */
  static void load(String host, Path archive) throws IOException {
    podman(host, "load", "--input", archive.toString());
  }

  /**
   * Saves an image with {@code podman save}.
   *
   * @param format {@code docker-archive}, {@code oci-archive}, {@code oci-dir} or {@code docker-dir}
   */
  static void save(String host, String reference, String format, Path output) throws IOException {
    podman(host, "save", "--format", format, "--output", output.toString(), reference);
  }

  /** Removes images; images that are already gone are ignored. */
  static void remove(String host, String... references) throws IOException {
    List<String> args = new ArrayList<>(List.of("rmi", "--force", "--ignore"));
    args.addAll(List.of(references));
    podman(host, args.toArray(String[]::new));
  }

  private static String podman(String host, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("podman", "--remote", "--url", host));
    command.addAll(List.of(args));
    return ToolCommand.run(command);
  }
}
