package io.hullscope.source.registry;

import io.hullscope.image.Digest;
import io.hullscope.image.Layer;
import java.io.IOException;
import java.io.InputStream;

/**
 * A layer whose blob streams from the registry when opened, and not before: the indexer skips
 * layers it has cached, so a cached layer is never downloaded.
 *
 * @param size the size from the manifest, or -1 for schema 1 manifests, which give none
 * @param image how messages name the image
 */
record RegistryLayer(
    int index, Digest blobDigest, Digest diffId, long size, String mediaType, RegistryClient client,
    String repository, String image)
    implements Layer {

  @Override
  public InputStream open() throws IOException {
    return client.openBlob(repository, blobDigest, size, image, index + " (" + blobDigest + ")");
  }

  @Override
  public String toString() {
    return "layer " + index + " (" + blobDigest + ")";
  }
}
