package io.hullscope.source.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from the Docker CLI's {@code config.json}: {@code credHelpers} per registry first,
 * then the {@code credsStore} helper, then the {@code auths} entry with its base64
 * {@code user:password} in {@code auth} and an optional {@code identitytoken}. Keys of
 * {@code auths} may carry a scheme and a path ({@code https://index.docker.io/v1/}); they match
 * by host. The file is read on each lookup, so a {@code docker login} made meanwhile counts.
 */
public final class DockerConfigCredentials implements CredentialStore {

  /** The server address Docker uses for Docker Hub in {@code auths} and with helpers. */
  static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";

  private static final int MAX_CONFIG_BYTES = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path configFile;
  private final CredentialHelpers helpers;

  public DockerConfigCredentials(Path configFile, CredentialHelpers helpers) {
    this.configFile = configFile;
    this.helpers = helpers;
  }

  /**
   * Uses {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}, with helpers
   * found on {@code PATH}.
   */
  public static DockerConfigCredentials fromEnvironment() {
    String dockerConfig = System.getenv("DOCKER_CONFIG");
    Path folder = dockerConfig != null && !dockerConfig.isBlank()
        ? Path.of(dockerConfig)
        : Path.of(System.getProperty("user.home"), ".docker");
    return new DockerConfigCredentials(folder.resolve("config.json"), CredentialHelpers.fromSystemPath());
  }

  @Override
  public Optional<Credentials> lookup(String registry) throws IOException {
    JsonNode config = readConfig();
    if (config == null) {
      return Optional.empty();
    }
    String server = serverAddress(registry);
    String helper = helperFor(config.path("credHelpers"), registry);
    if (helper != null) {
      return helpers.get(helper, server);
    }
    String store = config.path("credsStore").asText("");
    if (!store.isEmpty()) {
      Optional<Credentials> stored = helpers.get(store, server);
      if (stored.isPresent()) {
        return stored;
      }
    }
    return fromAuths(config.path("auths"), registry);
  }

  /** Returns the address Docker stores credentials under: the host, or Docker Hub's v1 URL. */
  static String serverAddress(String registry) {
    return isDockerHub(registry) ? DOCKER_HUB_SERVER : registry;
  }

  private JsonNode readConfig() throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(configFile)) {
      bytes = in.readNBytes(MAX_CONFIG_BYTES + 1);
    } catch (NoSuchFileException e) {
      return null;
    }
    if (bytes.length > MAX_CONFIG_BYTES) {
      throw new IOException("the Docker config " + configFile + " is larger than " + MAX_CONFIG_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      // Jackson quotes the input in its messages, and the input contains secrets.
      throw new IOException("the Docker config " + configFile + " is not valid JSON; fix or remove it");
    }
    if (root == null || !root.isObject()) {
      throw new IOException("the Docker config " + configFile + " is not a JSON object");
    }
    return root;
  }

  private static String helperFor(JsonNode credHelpers, String registry) {
    if (!credHelpers.isObject()) {
      return null;
    }
    for (Map.Entry<String, JsonNode> entry : credHelpers.properties()) {
      if (sameRegistry(entry.getKey(), registry) && entry.getValue().isTextual()) {
        return entry.getValue().asText();
      }
    }
    return null;
  }

  private Optional<Credentials> fromAuths(JsonNode auths, String registry) throws IOException {
    if (!auths.isObject()) {
      return Optional.empty();
    }
    for (Map.Entry<String, JsonNode> entry : auths.properties()) {
      if (sameRegistry(entry.getKey(), registry)) {
        return decode(entry.getValue(), entry.getKey());
      }
    }
    return Optional.empty();
  }

  private Optional<Credentials> decode(JsonNode entry, String key) throws IOException {
    String username = entry.path("username").asText("");
    String password = entry.path("password").asText("");
    String auth = entry.path("auth").asText("");
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IOException("the 'auth' value for " + key + " in " + configFile + " is not valid base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new IOException("the 'auth' value for " + key + " in " + configFile
            + " does not decode to user:password");
      }
      username = decoded.substring(0, colon);
      password = decoded.substring(colon + 1);
    }
    String identityToken = entry.path("identitytoken").asText("");
    if (!identityToken.isEmpty()) {
      return Optional.of(Credentials.identityToken(username.isEmpty() ? null : username, identityToken));
    }
    if (username.isEmpty() || password.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Credentials.basic(username, password));
  }

  /** Compares a config key such as {@code https://host:5000/v1/} with a registry host. */
  static boolean sameRegistry(String key, String registry) {
    String host = key.strip().toLowerCase(Locale.ROOT);
    int scheme = host.indexOf("://");
    if (scheme >= 0) {
      host = host.substring(scheme + 3);
    }
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    String wanted = registry.toLowerCase(Locale.ROOT);
    if (isDockerHub(wanted)) {
      return isDockerHub(host);
    }
    return host.equals(wanted);
  }

  private static boolean isDockerHub(String host) {
    return host.equals("docker.io") || host.equals("index.docker.io") || host.equals("registry-1.docker.io");
  }
}
