package io.hullscope.source.archive;

import io.hullscope.image.Digest;
import io.hullscope.image.Image;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.Layer;
import io.hullscope.image.Platform;
import java.util.List;

/**
 * An image read from a docker save archive or an OCI layout. Its layers read from the source's
 * open file, so the image is usable until the source is closed; closing the image itself frees
 * nothing.
 */
record ArchiveImage(
    List<String> references,
    Digest digest,
    Digest configDigest,
    ImageConfig config,
    List<Layer> layers,
    List<Platform> availablePlatforms,
    String sourceDescription)
    implements Image {

  ArchiveImage {
    references = List.copyOf(references);
    layers = List.copyOf(layers);
    availablePlatforms = List.copyOf(availablePlatforms);
  }
}
