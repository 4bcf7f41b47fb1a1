package io.hullscope.source.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the Docker daemon endpoint the way the {@code docker} CLI does, in this order:
 *
 * <ol>
 *   <li>the host given explicitly (for example from the settings or a command-line option);
 *   <li>the {@code DOCKER_HOST} environment variable;
 *   <li>the current Docker context: {@code DOCKER_CONTEXT}, else {@code currentContext} in
 *       {@code config.json} of the Docker config folder ({@code DOCKER_CONFIG}, default
 *       {@code ~/.docker}); its endpoint is read from
 *       {@code contexts/meta/<sha256 of the context name>/meta.json}. The context
 *       {@code default} means "no context";
 *   <li>the platform default: {@code npipe:////./pipe/docker_engine} on Windows, otherwise
 *       {@code unix:///var/run/docker.sock}, or Podman's {@code $XDG_RUNTIME_DIR/podman/podman.sock}
 *       when that socket exists and Docker's does not.
 * </ol>
 *
 * <p>TCP hosts use TLS when {@code DOCKER_TLS_VERIFY} is set (certificates from
 * {@code DOCKER_CERT_PATH} or the config folder) or when their context has certificates.
 *
 * <p>The environment, home folder, OS name and the Docker socket path are inputs, so tests can
 * resolve against temp folders.
 */
final class DockerHostResolver {

  static final String DEFAULT_UNIX_HOST = "unix:///var/run/docker.sock";
  static final String DEFAULT_WINDOWS_HOST = "npipe:////./pipe/docker_engine";

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Larger Docker CLI config files are not plausible; bounds what a hostile file can cost. */
  private static final long MAX_CONFIG_FILE_SIZE = 1L << 20;

  private final Map<String, String> environment;
  private final Path home;
  private final boolean windows;
  private final Path dockerSocket;

  DockerHostResolver(Map<String, String> environment, Path home, String osName, Path dockerSocket) {
    this.environment = Map.copyOf(environment);
    this.home = home;
    this.windows = osName.toLowerCase(Locale.ROOT).startsWith("windows");
    this.dockerSocket = dockerSocket;
  }

  /** Returns a resolver over this process's environment, home folder and OS. */
  static DockerHostResolver system() {
    return new DockerHostResolver(
        System.getenv(),
        Path.of(System.getProperty("user.home")),
        System.getProperty("os.name", ""),
        Path.of("/var/run/docker.sock"));
  }

  /**
   * Resolves the endpoint.
   *
   * @param explicitHost a host URI such as {@code unix:///run/docker.sock}, or null
   * @throws IOException when the selected Docker context does not exist or its metadata is invalid
   */
  DockerEndpoint resolve(String explicitHost) throws IOException {
    if (!isBlank(explicitHost)) {
      return new DockerEndpoint(explicitHost.strip(), "explicit setting", environmentTlsDirectory(explicitHost));
    }
    String fromEnvironment = environment.get("DOCKER_HOST");
    if (!isBlank(fromEnvironment)) {
      return new DockerEndpoint(fromEnvironment.strip(), "DOCKER_HOST", environmentTlsDirectory(fromEnvironment));
    }
    DockerEndpoint fromContext = resolveContext();
    if (fromContext != null) {
      return fromContext;
    }
    return platformDefault();
  }

  private DockerEndpoint resolveContext() throws IOException {
    Path configDir = dockerConfigDir();
    String contextName = environment.get("DOCKER_CONTEXT");
    String origin = "DOCKER_CONTEXT";
    if (isBlank(contextName)) {
      contextName = currentContext(configDir.resolve("config.json"));
      origin = "currentContext in " + configDir.resolve("config.json");
    }
    if (isBlank(contextName) || contextName.equals("default")) {
      return null;
    }

    String hash = Digest.sha256Of(contextName.getBytes(StandardCharsets.UTF_8)).hex();
    Path meta = configDir.resolve("contexts").resolve("meta").resolve(hash).resolve("meta.json");
    if (!Files.isRegularFile(meta)) {
      throw new IOException("Docker context '" + contextName + "' (from " + origin + ") was not found: "
          + meta + " is missing. Run 'docker context ls' or unset the context.");
    }
    JsonNode host = readJson(meta).path("Endpoints").path("docker").path("Host");
    if (!host.isTextual() || host.asText().isBlank()) {
      throw new IOException("Docker context '" + contextName + "' has no docker endpoint host in " + meta);
    }
    // The CLI keeps a context's ca.pem, cert.pem and key.pem under contexts/tls/<hash>/docker.
    Path tls = configDir.resolve("contexts").resolve("tls").resolve(hash).resolve("docker");
    boolean useTls = host.asText().startsWith("tcp://") && Files.isDirectory(tls);
    return new DockerEndpoint(host.asText(), "Docker context '" + contextName + "'", useTls ? tls.toString() : null);
  }

  private String currentContext(Path configFile) throws IOException {
    if (!Files.isRegularFile(configFile)) {
      return null;
    }
    JsonNode current = readJson(configFile).path("currentContext");
    return current.isTextual() ? current.asText() : null;
  }

  private DockerEndpoint platformDefault() {
    if (windows) {
      return new DockerEndpoint(DEFAULT_WINDOWS_HOST, "platform default", null);
    }
    String runtimeDir = environment.get("XDG_RUNTIME_DIR");
    if (!Files.exists(dockerSocket) && !isBlank(runtimeDir)) {
      Path podman = Path.of(runtimeDir, "podman", "podman.sock");
      if (Files.exists(podman)) {
        return new DockerEndpoint("unix://" + podman.toAbsolutePath(), "Podman socket", null);
      }
    }
    return new DockerEndpoint("unix://" + dockerSocket.toAbsolutePath(), "platform default", null);
  }

  /**
   * Returns the certificate folder when {@code DOCKER_TLS_VERIFY} requests TLS for a TCP host:
   * {@code DOCKER_CERT_PATH}, else the Docker config folder, as the CLI does.
   */
  private String environmentTlsDirectory(String host) {
    String verify = environment.get("DOCKER_TLS_VERIFY");
    if (!host.strip().startsWith("tcp://") || isBlank(verify) || verify.equals("0")) {
      return null;
    }
    String certPath = environment.get("DOCKER_CERT_PATH");
    return isBlank(certPath) ? dockerConfigDir().toString() : certPath;
  }

  private Path dockerConfigDir() {
    String configured = environment.get("DOCKER_CONFIG");
    return isBlank(configured) ? home.resolve(".docker") : Path.of(configured);
  }

  private static JsonNode readJson(Path file) throws IOException {
    if (Files.size(file) > MAX_CONFIG_FILE_SIZE) {
      throw new IOException(file + " is larger than " + MAX_CONFIG_FILE_SIZE + " bytes; is it a Docker config file?");
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException("Cannot parse " + file + " as JSON: " + e.getMessage(), e);
    }
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  /**
   * A daemon endpoint and where it came from.
   *
   * @param host URI such as {@code unix:///var/run/docker.sock} or {@code tcp://127.0.0.1:2375}
   * @param origin what selected it, for messages (for example {@code DOCKER_HOST})
   * @param tlsDirectory folder with {@code ca.pem}, {@code cert.pem} and {@code key.pem} for a
   *     TLS connection, or null for a plain one
   */
  record DockerEndpoint(String host, String origin, String tlsDirectory) {}
}
