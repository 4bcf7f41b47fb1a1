package io.hullscope.source.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.hullscope.source.docker.DockerHostResolver.DockerEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to a Docker daemon: the docker-java transport for raw requests (the
 * unversioned {@code /version}, inspect, history and the save stream) and a docker-java
 * {@link DockerClient} for typed calls, both speaking the negotiated API version.
 */
final class DaemonClient implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(DaemonClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Maximum bytes of an error body read into memory. */
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final DockerEndpoint endpoint;
  private final DockerHttpClient api;
  private final DockerHttpClient streams;
  private final String apiVersion;
  private final String engineName;
  private final String engineVersion;
  private final DockerClient docker;
  private volatile boolean closed;

  private DaemonClient(DockerEndpoint endpoint, DockerHttpClient api, DockerHttpClient streams,
      String engineName, String engineVersion, String apiVersion, DockerClient docker) {
    this.endpoint = endpoint;
    this.api = api;
    this.streams = streams;
    this.engineName = engineName;
    this.engineVersion = engineVersion;
    this.apiVersion = apiVersion;
    this.docker = docker;
  }

  /**
   * Connects, requests the daemon's versions and negotiates the API version.
   *
   * @throws DaemonUnreachableException when no daemon responds at the endpoint
   * @throws IOException when the daemon returns an error or an unsupported API version
   */
  static DaemonClient connect(DockerEndpoint endpoint) throws IOException {
    URI uri = URI.create(endpoint.host());
    String certPath = endpoint.tlsDirectory();
    DockerHttpClient api = transport(uri, certPath, Duration.ofSeconds(60));
    // The save stream can pause for minutes: Docker before 25 writes the export to disk first.
    DockerHttpClient streams = transport(uri, certPath, Duration.ofMinutes(30));
    try {
      JsonNode version = readJson(endpoint, api, "/version");
      String engineName = DaemonMetadata.engineName(version);
      String engineVersion = version.path("Version").asText(null);
      String serverApi = version.path("ApiVersion").asText(null);
      String serverMin = version.path("MinAPIVersion").asText(null);
      if (serverApi == null) {
        throw new IOException("The Docker daemon at " + endpoint.host()
            + " did not report its API version in GET /version; is it a Docker-compatible engine?");
      }
      String apiVersion;
      try {
        apiVersion = ApiVersions.negotiate(serverApi, serverMin);
      } catch (ApiVersions.UnsupportedApiVersionException | IllegalArgumentException e) {
        throw new IOException("Cannot use the Docker daemon at " + endpoint.host() + ": " + e.getMessage(), e);
      }
      DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
          .withDockerHost(endpoint.host())
          .withApiVersion(apiVersion)
          .withDockerTlsVerify(certPath != null)
          .withDockerCertPath(certPath)
          .build();
      DockerClient docker = DockerClientImpl.getInstance(config, api);
      LOG.info("Connected to {} {} at {} ({}), API {}", engineName, engineVersion, endpoint.host(), endpoint.origin(),
          apiVersion);
      return new DaemonClient(endpoint, api, streams, engineName, engineVersion, apiVersion, docker);
    } catch (IOException | RuntimeException e) {
      closeQuietly(api);
      closeQuietly(streams);
      throw e;
    }
  }

  DockerEndpoint endpoint() {
    return endpoint;
  }

  String apiVersion() {
    return apiVersion;
  }

  /** Returns the engine's product name, "Docker" or "Podman", as {@link DaemonMetadata#engineName} detects it. */
  String engineName() {
    return engineName;
  }

  String engineVersion() {
    return engineVersion;
  }

  boolean isPodman() {
    return DaemonMetadata.PODMAN.equals(engineName);
  }

  /** The typed docker-java client; its exceptions are unchecked and must be translated by callers. */
  DockerClient docker() {
    return docker;
  }

  /** Sends {@code GET /v<api><path>} and parses the JSON response. */
  JsonNode getJson(String path) throws IOException {
    checkOpen();
    return readJson(endpoint, api, versioned(path));
  }

  /**
   * Sends {@code GET /v<api><path>} and returns the open response; the caller closes it, which
   * also aborts a stream that was not read to the end.
   */
  Response openStream(String path) throws IOException {
    checkOpen();
    Response response = execute(endpoint, streams, versioned(path));
    try {
      checkStatus(endpoint, response, path);
      return response;
    } catch (IOException | RuntimeException e) {
      response.close();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    try {
      docker.close();
    } finally {
      streams.close();
    }
  }

  /** Percent-encodes an image name or id for use in a request path. */
  static String encodePathPart(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-._~:/@+".indexOf(c) >= 0;
      if (safe) {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("The connection to the Docker daemon at " + endpoint.host()
          + " was closed with its source; open the image again");
    }
  }

  private String versioned(String path) {
    return "/v" + apiVersion + path;
  }

  private static DockerHttpClient transport(URI host, String certPath, Duration responseTimeout) {
    ZerodepDockerHttpClient.Builder builder = new ZerodepDockerHttpClient.Builder()
        .dockerHost(host)
        .connectionTimeout(Duration.ofSeconds(10))
        .responseTimeout(responseTimeout)
        .maxConnections(8);
    if (certPath != null) {
      builder.sslConfig(new LocalDirectorySSLConfig(certPath));
    }
    return builder.build();
  }

  private static JsonNode readJson(DockerEndpoint endpoint, DockerHttpClient client, String path) throws IOException {
    try (Response response = execute(endpoint, client, path)) {
      checkStatus(endpoint, response, path);
      try (InputStream body = response.getBody()) {
        return JSON.readTree(body);
      }
    }
  }

  private static Response execute(DockerEndpoint endpoint, DockerHttpClient client, String path) throws IOException {
    Request request = Request.builder().method(Request.Method.GET).path(path).build();
    try {
      return client.execute(request);
    } catch (RuntimeException e) {
      throw DaemonUnreachableException.from(endpoint, e);
    }
  }

  private static void checkStatus(DockerEndpoint endpoint, Response response, String path) throws IOException {
    int status = response.getStatusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String message = errorMessage(response);
    if (status == 404) {
      throw new DaemonNotFoundException(message);
    }
    String hint = message.contains("HTTP request to an HTTPS server")
        ? ". Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to connect with TLS"
        : "";
    throw new IOException("The Docker daemon at " + endpoint.host() + " returned HTTP " + status + " for GET " + path
        + ": " + message + hint);
  }

  /** Returns the {@code message} of a Docker error body, or the first bytes of the body. */
  private static String errorMessage(Response response) {
    try (InputStream body = response.getBody()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int read;
      while (bytes.size() < MAX_ERROR_BODY && (read = body.read(buffer)) > 0) {
        bytes.write(buffer, 0, Math.min(read, MAX_ERROR_BODY - bytes.size()));
      }
      String text = bytes.toString(StandardCharsets.UTF_8);
      try {
        JsonNode message = JSON.readTree(text).path("message");
        if (message.isTextual()) {
          return message.asText();
        }
      } catch (IOException notJson) {
        // Fall through to the raw text: proxies and old daemons send plain text.
      }
      return text.length() > 500 ? text.substring(0, 500) + "..." : text.strip();
    } catch (IOException | RuntimeException e) {
      return "(no readable error body: " + e.getMessage() + ")";
    }
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      LOG.debug("Closing the Docker transport failed", e);
    }
  }

  /** The daemon returned 404 because no such image exists. */
  static final class DaemonNotFoundException extends IOException {
    DaemonNotFoundException(String message) {
      super(message);
    }
  }
}
