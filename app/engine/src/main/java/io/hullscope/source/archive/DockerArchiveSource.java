package io.hullscope.source.archive;

import io.hullscope.image.ImageReadException;
import io.hullscope.image.Limits;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The images in a {@code docker save} archive. Archives from Docker 25 and later (and from the
 * containerd image store, which keeps layers compressed) carry an OCI layout, which is read through
 * {@code index.json}; older archives are read through {@code manifest.json}.
 *
 * <p>The tar is opened with random access and stays open until {@link #close()}; images opened
 * from this source read their layers from it.
 */
public final class DockerArchiveSource extends CatalogImageSource {

  DockerArchiveSource(TarImageFiles files, Limits limits) throws ImageReadException {
    super(files, catalogFor(files, limits));
  }

  /**
   * Opens a {@code docker save} archive.
   *
   * @throws ImageReadException when the file is not a tar, or has neither {@code manifest.json}
   *     nor an OCI {@code index.json}
   */
  public static DockerArchiveSource open(Path file, Limits limits) throws IOException {
    TarImageFiles files = TarImageFiles.open(file, "docker save archive");
    try {
      return new DockerArchiveSource(files, limits);
    } catch (IOException | RuntimeException e) {
      files.close();
      throw e;
    }
  }

  private static ImageCatalog catalogFor(ImageFiles files, Limits limits) throws ImageReadException {
    if (files.exists("oci-layout") && files.exists("index.json")) {
      return new OciLayoutCatalog(files, limits);
    }
    if (files.exists(DockerSaveCatalog.MANIFEST_JSON)) {
      return new DockerSaveCatalog(files, limits);
    }
    throw new ImageReadException(files.name(), null, null,
        "not a docker save archive: it contains neither manifest.json nor oci-layout and index.json");
  }
}
