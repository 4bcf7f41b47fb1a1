package io.hullscope.source.archive;

import io.hullscope.image.Digest;
import io.hullscope.image.Layer;
import java.io.IOException;
import java.io.InputStream;

/**
 * A layer stored as one entry of an archive or one file of a layout folder. The blob digest is
 * not checked here: the index verifies it while it streams the layer.
 *
 * @param blobDigest digest of the stored blob, or null when the archive does not name it
 * @param path the entry that contains the blob
 * @param image the image name used in error messages
 */
record ArchiveLayer(
    int index, Digest blobDigest, Digest diffId, long size, String mediaType, ImageFiles files, String path, String image)
    implements Layer {

  @Override
  public InputStream open() throws IOException {
    return files.open(path, image);
  }

  @Override
  public String toString() {
    return "layer " + index + " (" + path + ")";
  }
}
