package io.hullscope.source.archive;

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

  /** Returns the error for a requested platform that the image does not offer. */
  static ImageReadException platformMissing(String image, Platform requested, List<Platform> available) {
    return new ImageReadException(image, null, null,
        "platform " + requested + " is not available; the image offers " + available
            + ". Choose one of these platforms.");
  }
}
