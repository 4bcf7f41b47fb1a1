package io.hullscope.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * An image opened from some source: its identity, config and layers.
 *
 * <p>Implementations exist per source (docker save archive, OCI layout, Docker daemon, registry);
 * all of them pass the same conformance test. An image may hold an open file or connection, so
 * it is closed after use.
 */
public interface Image extends AutoCloseable {

  /** References the image is known by, for example {@code nginx:1.27}; may be empty. */
  List<String> references();

  /**
   * Identity of the image: the manifest digest when the source has a manifest, otherwise the
   * config digest (the Docker image id).
   */
  Digest digest();

  /** Digest of the config blob (the Docker image id). */
  Digest configDigest();

  ImageConfig config();

  /** Layers, bottom first; the list has one layer per config diff id. */
  List<Layer> layers();

  /** Platforms the source offers for this reference; one element for a single-platform image. */
  List<Platform> availablePlatforms();

  /** Human-readable origin, for example {@code docker-save archive /tmp/app.tar}. */
  String sourceDescription();

  /**
   * Streams every requested layer once, in the order that is cheapest for the source, calling the
   * visitor with each layer's stored blob. Sources that can only stream the whole image (the
   * Docker daemon's save endpoint) override this to make one pass; the default opens layers one
   * by one.
   */
  default void streamLayers(LayerVisitor visitor) throws IOException {
    for (Layer layer : layers()) {
      if (!visitor.wants(layer)) {
        continue;
      }
      try (InputStream in = layer.open()) {
        visitor.visit(layer, in);
      }
    }
  }

  @Override
  default void close() throws IOException {}

  /** Receives layer blobs from {@link #streamLayers}. */
  interface LayerVisitor {

    /** Returns false to skip a layer, for example one whose index is already cached. */
    boolean wants(Layer layer);

    /** Reads the layer's stored blob; the stream is closed by the caller. */
    void visit(Layer layer, InputStream blob) throws IOException;
  }
}
