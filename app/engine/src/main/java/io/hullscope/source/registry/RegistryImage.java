package io.hullscope.source.registry;

import io.hullscope.image.Digest;
import io.hullscope.image.Image;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.Layer;
import io.hullscope.image.Platform;
import java.util.List;

/**
 * An image read from a registry. Its manifest and config are in memory; its layers download when
 * opened. It keeps no connection open, so closing it frees nothing.
 *
 * @param digest the digest of the manifest or index the reference names
 */
record RegistryImage(
    List<String> references,
    Digest digest,
    Digest configDigest,
    ImageConfig config,
    List<Layer> layers,
    List<Platform> availablePlatforms,
    String sourceDescription)
    implements Image {

  RegistryImage {
    references = List.copyOf(references);
    layers = List.copyOf(layers);
    availablePlatforms = List.copyOf(availablePlatforms);
  }
}
