package io.hullscope.image;

import java.io.IOException;
import java.io.InputStream;

/**
 * One layer of an image, as stored by its source.
 *
 * <p>{@link #open()} returns the blob as stored: gzip, zstd or plain tar. Callers detect the
 * compression from the first bytes (see {@code io.hullscope.index.Compression}) and never trust {@link #mediaType()}.
 */
public interface Layer {

  /** Position in the image, 0 for the bottom layer. */
  int index();

  /** Digest of the blob as stored (compressed or not); null when the source does not know it. */
  Digest blobDigest();

  /** Digest of the uncompressed tar, from the config's {@code rootfs.diff_ids}. */
  Digest diffId();

  /** Size of the blob as stored, or -1 when unknown. */
  long size();

  /** Media type the source declared; informational only. */
  String mediaType();

  /** Opens the stored blob. Each call starts a new stream. */
  InputStream open() throws IOException;
}
