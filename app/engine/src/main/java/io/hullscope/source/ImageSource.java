package io.hullscope.source;

import io.hullscope.image.Image;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import java.io.IOException;
import java.util.List;

/**
 * A place images come from: a docker save archive, an OCI layout, the Docker daemon, a registry.
 *
 * <p>Implementations are thread-safe for {@link #listImages()} and {@link #open}; each opened
 * {@link Image} is used by one thread at a time.
 */
public interface ImageSource extends AutoCloseable {

  /** Short name for the sidebar, for example {@code Local Docker} or a file name. */
  String displayName();

  /** Lists the images this source holds; for a file, the images inside it. */
  List<ImageSummary> listImages() throws IOException;

  /**
   * Opens one image.
   *
   * @param key the {@link ImageSummary#key()} of a listed image, or a reference the source resolves
   * @param platform platform to pick from a multi-platform index; null picks the host platform,
   *     or the first image platform when the host's is missing
   */
  Image open(String key, Platform platform, ProgressListener progress) throws IOException;

  @Override
  default void close() throws IOException {}
}
