package io.hullscope.cli;

import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.source.ImageSummary;
import io.hullscope.source.docker.DockerDaemonSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import io.hullscope.image.ImageReference;
import io.hullscope.source.registry.DockerConfigCredentials;
import io.hullscope.source.registry.RegistryHostSettings;
import io.hullscope.source.registry.RegistryOptions;
import io.hullscope.source.registry.RegistrySource;
import java.util.stream.Collectors;

/**
 * The image argument of the command line: an existing file or folder (a docker save archive or an
 * OCI layout), {@code docker://REFERENCE} for an image read straight from its registry, or
 * otherwise an image reference that the Docker daemon resolves.
 */
final class ImageTarget {

  /** Prefix of a reference read from its registry, as skopeo writes it. */
  static final String REGISTRY_PREFIX = "docker://";

  private final String text;
  private final ImageOptions options;

  ImageTarget(String text) {
    this(text, null);
  }

  ImageTarget(String text, ImageOptions options) {
    this.text = text;
    this.options = options;
  }

  /** Returns true when the image is read from its registry. */
  boolean isRegistry() {
    return text.startsWith(REGISTRY_PREFIX);
  }

  /** Returns true when the text names a file or folder rather than an image reference. */
  boolean isPath() {
    return !isRegistry() && (Files.exists(Path.of(text)) || looksLikePath(text));
  }

  /**
   * Opens the source behind this target. The caller closes it after the image it opened.
   *
   * @param dockerHost the daemon address, or null for the environment's default
   */
  ImageSource openSource(String dockerHost) throws IOException {
    if (isRegistry()) {
      return registrySource();
    }
    if (!isPath()) {
      return new DockerDaemonSource(dockerHost, Limits.DEFAULT);
    }
    Path path = Path.of(text);
    if (!Files.exists(path)) {
      throw new NoSuchFileException(text, null, "file not found; check the path of the image archive or OCI layout");
    }
    return FileSources.open(path);
  }

  /** Opens the image: the only image of a file, or the reference from the daemon. */
  Image open(ImageSource source, Platform platform, ProgressListener progress) throws IOException {
    if (isRegistry()) {
      return source.open(registryReference().toString(), platform, progress);
    }
    if (!isPath()) {
      return source.open(text, platform, progress);
    }
    List<ImageSummary> images = source.listImages();
    if (images.isEmpty()) {
      throw new IOException(text + " contains no image; check that it is a docker save archive or OCI layout");
    }
    if (images.size() > 1) {
      String names = images.stream().map(ImageSummary::displayName).collect(Collectors.joining(", "));
      throw new IOException(
          text + " contains " + images.size() + " images (" + names + "); save one image per archive to inspect it");
    }
    return source.open(images.get(0).key(), platform, progress);
  }

  /** Returns the reference of a {@code docker://} image; only for {@link #isRegistry()} targets. */
  ImageReference registryReference() throws IOException {
    try {
      return ImageReference.parse(text.substring(REGISTRY_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid registry image '" + text + "': " + e.getMessage()
          + "; write docker://REGISTRY/REPOSITORY:TAG", e);
    }
  }

  /** Opens the registry of a docker:// image with the credentials of the Docker config. */
  private ImageSource registrySource() throws IOException {
    ImageReference reference = registryReference();
    String host = reference.registry();
    RegistryHostSettings settings = RegistryHostSettings.DEFAULT;
    if (options != null && options.insecureRegistries.contains(host)) {
      settings = settings.withInsecure(true);
    }
    if (options != null && options.registryCa != null) {
      settings = settings.withCaFile(options.registryCa);
    }
    RegistryOptions registryOptions = RegistryOptions.DEFAULT
        .withCredentialStore(DockerConfigCredentials.fromEnvironment())
        .withHost(host, settings);
    return new RegistrySource(host, List.of(reference.repository()), registryOptions);
  }

  private static boolean looksLikePath(String text) {
    return text.startsWith("/") || text.startsWith("./") || text.startsWith("../") || text.startsWith("~")
        || text.endsWith(".tar") || text.endsWith(".tar.gz") || text.contains("\\");
  }
}
