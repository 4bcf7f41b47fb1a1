package io.hullscope.source.archive;

import io.hullscope.image.Digest;
import io.hullscope.image.Image;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.Limits;
import io.hullscope.image.MetadataBytes;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.ImageSummary;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Lists and opens the images described by one kind of index file in an archive or folder. */
interface ImageCatalog {

  List<ImageSummary> listImages() throws IOException;

  Image open(String key, Platform platform, ProgressListener progress) throws IOException;

  /** Reads a manifest, index or config file, bounded by {@link Limits#maxMetadataSize()}. */
  static byte[] readMetadata(ImageFiles files, String path, String image, Limits limits) throws IOException {
    long size = files.size(path, image);
    MetadataBytes.checkSize(size, limits, image, path);
    try (InputStream in = files.open(path, image)) {
      return MetadataBytes.read(in, limits, image, path);
    }
  }

  /**
   * Returns true when {@code key} is a short image id such as {@code ee9eff2dba72} or
   * {@code sha256:ee9eff2dba72}: at least 12 hex digits that start the digest's hex.
   */
  static boolean isIdPrefix(String key, Digest digest) {
    String hex = key.startsWith(digest.algorithm() + ":") ? key.substring(digest.algorithm().length() + 1) : key;
    return hex.length() >= 12 && hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))
        && digest.hex().startsWith(hex);
  }

  /** Returns the error for a requested platform that the image does not offer. */
  static ImageReadException platformMissing(String image, Platform requested, List<Platform> available) {
    return new ImageReadException(image, null, null,
        "platform " + requested + " is not available; the image offers " + available
            + ". Choose one of these platforms.");
  }
}
