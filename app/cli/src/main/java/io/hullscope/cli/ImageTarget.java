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
import java.util.stream.Collectors;

/**
 * The image argument of the command line: an existing file or folder (a docker save archive or an
 * OCI layout), or otherwise an image reference that the Docker daemon resolves.
 */
final class ImageTarget {

  private final String text;

  ImageTarget(String text) {
    this.text = text;
  }

  /** Returns true when the text names a file or folder rather than an image reference. */
  boolean isPath() {
    return Files.exists(Path.of(text)) || looksLikePath(text);
  }

  /**
   * Opens the source behind this target. The caller closes it after the image it opened.
   *
   * @param dockerHost the daemon address, or null for the environment's default
   */
  ImageSource openSource(String dockerHost) throws IOException {
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

  private static boolean looksLikePath(String text) {
    return text.startsWith("/") || text.startsWith("./") || text.startsWith("../") || text.startsWith("~")
        || text.endsWith(".tar") || text.endsWith(".tar.gz") || text.contains("\\");
  }
}
