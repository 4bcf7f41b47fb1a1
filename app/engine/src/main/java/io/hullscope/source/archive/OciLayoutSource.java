package io.hullscope.source.archive;

import io.hullscope.image.ImageReadException;
import io.hullscope.image.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The images in an OCI image layout, either a folder or a tar of one: {@code oci-layout},
 * {@code index.json} and {@code blobs/<algorithm>/<hex>}. See
 * https://github.com/opencontainers/image-spec/blob/main/image-layout.md.
 */
public final class OciLayoutSource extends CatalogImageSource {

  OciLayoutSource(ImageFiles files, Limits limits) {
    super(files, new OciLayoutCatalog(files, limits));
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
}
