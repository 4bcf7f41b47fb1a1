package io.hullscope.source.registry;

import io.hullscope.image.Digest;
import io.hullscope.image.Image;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.ImageReference;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.ImageSource;
import io.hullscope.source.ImageSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images stored in OCI distribution registries. {@link #open} takes a reference such as
 * {@code harbor.example.com/team/app:1.0} or {@code ...@sha256:...}; a reference without a
 * registry host is looked up on this source's registry. Layers stream from the registry only when
 * the indexer reads them, so layers it has cached are not downloaded.
 *
 * <p>One {@link RegistryClient} per registry host is kept for the life of the source, so that
 * tokens are reused.
 */
public final class RegistrySource implements ImageSource {

  private static final Logger LOG = LoggerFactory.getLogger(RegistrySource.class);

  /** Default for the most tags that {@link #listImages()} looks up, one HEAD request each. */
  public static final int DEFAULT_MAX_LISTED_IMAGES = 200;

  private final String registry;
  private final List<String> repositories;
  private final RegistryOptions options;
  private final int maxListedImages;
  private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();

  /**
   * @param registry the registry host as written in references, for example {@code 127.0.0.1:5000}
   * @param repositories repositories whose tags {@link #listImages()} lists; empty to list the
   *     registry's catalog, which many registries refuse
   */
  public RegistrySource(String registry, List<String> repositories, RegistryOptions options) {
    this(registry, repositories, options, DEFAULT_MAX_LISTED_IMAGES);
  }

  /** @param maxListedImages the most tags {@link #listImages()} returns; it sends one HEAD request per tag */
  public RegistrySource(String registry, List<String> repositories, RegistryOptions options, int maxListedImages) {
    this.registry = registry;
    this.repositories = List.copyOf(repositories);
    this.options = options;
    this.maxListedImages = maxListedImages;
  }

  @Override
  public String displayName() {
    return registry;
  }

  /**
   * Lists the tags of the repositories (or of the catalog) with their manifest digests, up to the
   * list limit. Size, creation time, layer count and user are unknown until an image is opened.
   * A tag whose digest lookup fails is left out with a warning, so one broken tag does not hide the others.
   */
  @Override
  public List<ImageSummary> listImages() throws IOException {
    RegistryClient client = client(registry);
    List<String> names = repositories.isEmpty() ? client.listRepositories() : repositories;
    List<ImageSummary> summaries = new ArrayList<>();
    for (String repository : names) {
      for (String tag : client.listTags(repository)) {
        if (summaries.size() >= maxListedImages) {
          LOG.info("Listing only the first {} tags of registry {}", maxListedImages, registry);
          return summaries;
        }
        String key = registry + "/" + repository + ":" + tag;
        try {
          Digest digest = client.resolveDigest(repository, tag);
          summaries.add(new ImageSummary(key, List.of(key), digest, -1, null, -1, null, List.of()));
        } catch (RegistryException | ImageReadException e) {
          LOG.warn("Leaving {} out of the list: {}", key, e.getMessage());
        }
      }
    }
    return summaries;
  }

  @Override
  public Image open(String key, Platform platform, ProgressListener progress) throws IOException {
    ImageReference reference = resolve(key);
    return new RegistryImageReader(client(reference.registry()), options.limits(), reference).read(platform, progress);
  }

  /** Returns the client of a registry host, creating it on first use. */
  public RegistryClient client(String host) throws RegistryException {
    RegistryClient client = clients.get(host);
    if (client == null) {
      client = RegistryClient.create(host, options);
      RegistryClient previous = clients.putIfAbsent(host, client);
      if (previous != null) {
        client = previous;
      }
    }
    return client;
  }

  /** Parses a key; one without a registry host refers to this source's registry. */
  ImageReference resolve(String key) {
    ImageReference parsed = ImageReference.parse(key);
    boolean namesHost = !parsed.registry().equals(ImageReference.DOCKER_HUB) || key.strip().startsWith("docker.io/");
    if (namesHost || registry.equals(ImageReference.DOCKER_HUB)) {
      return parsed;
    }
    return ImageReference.parse(registry + "/" + key.strip());
  }
}
