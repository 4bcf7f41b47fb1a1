package io.hullscope.source.docker;

import com.fasterxml.jackson.databind.JsonNode;
import io.hullscope.image.ConfigParser;
import io.hullscope.image.Digest;
import io.hullscope.image.HistoryEntry;
import io.hullscope.image.Image;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.Limits;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.ImageSource;
import io.hullscope.source.ImageSummary;
import io.hullscope.source.docker.DockerHostResolver.DockerEndpoint;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images of a local or remote Docker daemon (or a Docker-compatible one such as Podman), read
 * through docker-java. No docker-java type leaves this package.
 *
 * <p>The endpoint is resolved as {@link DockerHostResolver} describes, and the API version is
 * negotiated on the first call ({@link ApiVersions}). The connection is made lazily and kept
 * until {@link #close()}; after a failed connection the next call tries again, so a daemon
 * started later is found.
 */
public final class DockerDaemonSource implements ImageSource {

  private static final Logger LOG = LoggerFactory.getLogger(DockerDaemonSource.class);

  /** Images inspected while listing to fill in layer count and user; the rest show "unknown". */
  static final int MAX_INSPECTS_PER_LIST = 50;

  private final String explicitHost;
  private final Limits limits;
  private final DockerHostResolver resolver;
  private DaemonClient client;

  /** Uses the host from the environment, the Docker context or the platform default. */
  public DockerDaemonSource() {
    this(null, Limits.DEFAULT);
  }

  /**
   * @param explicitHost a daemon URI such as {@code unix:///run/user/1000/docker.sock} or
   *     {@code tcp://127.0.0.1:2375}; null or blank to resolve it like the Docker CLI
   */
  public DockerDaemonSource(String explicitHost, Limits limits) {
    this(explicitHost, limits, DockerHostResolver.system());
  }

  DockerDaemonSource(String explicitHost, Limits limits, DockerHostResolver resolver) {
    this.explicitHost = explicitHost;
    this.limits = limits;
    this.resolver = resolver;
  }

  @Override
  public String displayName() {
    return "Local Docker";
  }

  /**
   * Connects if needed and returns the connection state. Connection and protocol failures are
   * returned in the status rather than thrown, so the UI can show the message as it is.
   */
  public DaemonStatus status() {
    String host = explicitHost;
    try {
      host = resolver.resolve(explicitHost).host();
      DaemonClient connected = client();
      return new DaemonStatus(true, connected.endpoint().host(), connected.engineVersion(), connected.apiVersion(),
          "Connected to " + connected.engineName() + " " + connected.engineVersion() + " at "
              + connected.endpoint().host() + " (API " + connected.apiVersion() + ").");
    } catch (IOException | RuntimeException e) {
      LOG.info("Docker daemon not available: {}", e.getMessage());
      return new DaemonStatus(false, host, null, null, e.getMessage());
    }
  }

  /** Checks the connection like {@link #status()}; returns true when the daemon is usable. */
  public boolean ping() {
    return status().reachable();
  }

  /**
   * Lists the daemon's images, newest first as the daemon returns them. The first
   * {@value #MAX_INSPECTS_PER_LIST} images are inspected for their layer count, user and
   * platform; later ones report those as unknown until opened.
   */
  @Override
  public List<ImageSummary> listImages() throws IOException {
    DaemonClient connected = client();
    List<com.github.dockerjava.api.model.Image> images;
    try {
      images = connected.docker().listImagesCmd().exec();
    } catch (RuntimeException e) {
      throw DaemonUnreachableException.from(connected.endpoint(), e);
    }
    List<ImageSummary> summaries = new ArrayList<>();
    for (com.github.dockerjava.api.model.Image image : images) {
      Digest id = Digest.parse(image.getId());
      List<String> references = references(image.getRepoTags() == null ? List.of() : List.of(image.getRepoTags()));
      long created = image.getCreated() == null ? 0 : image.getCreated();
      int layerCount = -1;
      String user = null;
      List<Platform> platforms = List.of();
      if (summaries.size() < MAX_INSPECTS_PER_LIST) {
        try {
          JsonNode inspect = connected.getJson("/images/" + DaemonClient.encodePathPart(id.toString()) + "/json");
          layerCount = inspect.path("RootFS").path("Layers").size();
          user = inspect.path("Config").path("User").asText("");
          Platform platform = DaemonMetadata.platform(inspect);
          platforms = platform == null ? List.of() : List.of(platform);
        } catch (DaemonClient.DaemonNotFoundException removedMeanwhile) {
          continue;
        }
      }
      long size = image.getSize() == null ? -1 : image.getSize();
      summaries.add(new ImageSummary(id.toString(), references, id, size,
          created > 0 ? Instant.ofEpochSecond(created) : null, layerCount, user, platforms));
    }
    return summaries;
  }

  /**
   * Opens an image by id, short id or reference. The progress listener also cancels the later
   * {@link Image#streamLayers} passes over the daemon's save stream.
   *
   * @param platform the wanted platform, or null; the daemon has one platform per image id here,
   *     so any other platform is rejected
   */
  @Override
  public Image open(String key, Platform platform, ProgressListener progress) throws IOException {
    DaemonClient connected = client();
    progress.step("Inspecting " + key + " in the Docker daemon");
    String encoded = DaemonClient.encodePathPart(key);
    JsonNode inspect;
    JsonNode apiHistory;
    try {
      inspect = connected.getJson("/images/" + encoded + "/json");
      apiHistory = connected.getJson("/images/" + encoded + "/history");
    } catch (DaemonClient.DaemonNotFoundException e) {
      throw new ImageReadException(key, null, null,
          "not found in the Docker daemon at " + connected.endpoint().host() + " (" + e.getMessage()
              + "); check the name with 'docker images'", e);
    }
    progress.checkCancelled();

    Digest id = Digest.parse(inspect.path("Id").asText());
    List<Digest> diffIds = DaemonMetadata.diffIds(inspect);
    Platform imagePlatform = DaemonMetadata.platform(inspect);
    if (platform != null && imagePlatform != null && !imagePlatform.satisfies(platform)) {
      throw new ImageReadException(key, null, null, "the daemon has this image only for " + imagePlatform
          + ", not " + platform + "; pull or build it for " + platform + " first");
    }

    SaveStreamScanner scanner = new SaveStreamScanner(key, diffIds, limits);
    List<HistoryEntry> history = DaemonMetadata.historyFromApi(apiHistory, diffIds.size());
    ImageConfig provisional = DaemonMetadata.config(inspect, history == null ? List.of() : history);
    DaemonImage image = new DaemonImage(connected, key, references(inspect.path("RepoTags")), id, provisional,
        inspect.path("Size").asLong(-1), scanner, progress);
    // Podman 4.3 reports Healthcheck in neither inspect response (Docker-compatible or libpod),
    // so an image whose history has a HEALTHCHECK step takes its config from the config blob.
    // That costs a pass over Podman's save stream, which Podman exports in full first: 40 s for
    // a 560 MB image (vfs storage, 2 cores), as long as indexing it, so other images skip it.
    // NOTE: a Podman image that sets Healthcheck without such a history step shows none.
    boolean healthcheckHidden = connected.isPodman() && DaemonMetadata.historyMentions(apiHistory, "HEALTHCHECK");
    if (history != null && !healthcheckHidden) {
      return image;
    }

    // The history API cannot tell which steps made layers, or the inspect response lacks Healthcheck.
    progress.step("Reading the config of " + key + " from the " + connected.engineName() + " save stream");
    byte[] configBlob = image.readConfigBlob(progress);
    if (configBlob == null) {
      throw new ImageReadException(key, null, null,
          "the daemon's save stream has no config with this image's diff ids; the image may have changed while it was read");
    }
    ImageConfig exact = ConfigParser.parse(configBlob, key, "config " + Digest.sha256Of(configBlob));
    return new DaemonImage(connected, key, references(inspect.path("RepoTags")), id, exact,
        inspect.path("Size").asLong(-1), scanner, progress);
  }

  /**
   * Returns the image's repo digests ({@code REGISTRY/REPOSITORY@sha256:...}), the manifest
   * digests the daemon recorded when it pulled or pushed the image; empty for an image that was
   * only built locally.
   *
   * @throws ImageReadException when the daemon no longer has the image
   */
  public List<String> repoDigests(String key) throws IOException {
    DaemonClient connected = client();
    JsonNode inspect;
    try {
      inspect = connected.getJson("/images/" + DaemonClient.encodePathPart(key) + "/json");
    } catch (DaemonClient.DaemonNotFoundException e) {
      throw new ImageReadException(key, null, null, "not found in the Docker daemon (" + e.getMessage() + ")", e);
    }
    List<String> digests = new ArrayList<>();
    for (JsonNode digest : inspect.path("RepoDigests")) {
      if (digest.isTextual() && !digest.asText().isBlank()) {
        digests.add(digest.asText());
      }
    }
    return digests;
  }

  @Override
  public synchronized void close() throws IOException {
    if (client != null) {
      DaemonClient closing = client;
      client = null;
      closing.close();
    }
  }

  private synchronized DaemonClient client() throws IOException {
    if (client == null) {
      DockerEndpoint endpoint = resolver.resolve(explicitHost);
      try {
        client = DaemonClient.connect(endpoint);
      } catch (IllegalArgumentException e) {
        throw new IOException("Invalid Docker host '" + endpoint.host() + "' (from " + endpoint.origin()
            + "): " + e.getMessage() + ". Use unix://, tcp:// or npipe://.", e);
      }
    }
    return client;
  }

  private static List<String> references(JsonNode repoTags) {
    List<String> tags = new ArrayList<>();
    repoTags.forEach(tag -> tags.add(tag.asText()));
    return references(tags);
  }

  private static List<String> references(List<String> repoTags) {
    List<String> references = new ArrayList<>();
    for (String text : repoTags) {
      if (!text.isBlank() && !text.equals("<none>:<none>")) {
        references.add(text);
      }
    }
    return references;
  }
}
