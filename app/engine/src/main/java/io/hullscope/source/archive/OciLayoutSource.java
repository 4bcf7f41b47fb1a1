package io.hullscope.source.archive;

import io.hullscope.image.Image;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.Limits;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.ImageSource;
import io.hullscope.source.ImageSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The images in an OCI image layout, either a folder or a tar of one: {@code oci-layout},
 * {@code index.json} and {@code blobs/<algorithm>/<hex>}. See
 * https://github.com/opencontainers/image-spec/blob/main/image-layout.md.
 */
public final class OciLayoutSource implements ImageSource {

  private final ImageFiles files;
  private final OciLayoutCatalog catalog;

  OciLayoutSource(ImageFiles files, Limits limits) {
    this.files = files;
    this.catalog = new OciLayoutCatalog(files, limits);
  }

  /**
   * Opens a layout folder or a tar that contains one.
   *
   * @throws ImageReadException when {@code oci-layout} or {@code index.json} is missing
   */
  public static OciLayoutSource open(Path path, Limits limits) throws IOException {
    ImageFiles files = Files.isDirectory(path) ? new DirectoryImageFiles(path) : TarImageFiles.open(path, "OCI layout archive");
    try {
      for (String required : List.of("oci-layout", "index.json")) {
        if (!files.exists(required)) {
          throw new ImageReadException(files.name(), null, required,
              "not an OCI image layout: " + required + " is missing from " + files.description());
        }
      }
      return new OciLayoutSource(files, limits);
    } catch (IOException | RuntimeException e) {
      files.close();
      throw e;
    }
  }

  @Override
  public String displayName() {
    return files.name();
  }

  @Override
  public List<ImageSummary> listImages() throws IOException {
    return catalog.listImages();
  }

  @Override
  public Image open(String key, Platform platform, ProgressListener progress) throws IOException {
    return catalog.open(key, platform, progress);
  }

  @Override
  public void close() throws IOException {
    files.close();
  }

  @Override
  public String toString() {
    return files.description();
  }
}
