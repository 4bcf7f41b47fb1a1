package io.hullscope.source.archive;

import io.hullscope.image.ImageReadException;
import io.hullscope.image.Limits;
import io.hullscope.source.ImageSource;
import java.io.IOException;
import java.nio.file.Path;

/** Opens a tar file as whichever image archive it is, scanning its headers once. */
public final class ArchiveSources {

  private ArchiveSources() {}

  /**
   * Opens a tar as a {@link DockerArchiveSource} when it has {@code manifest.json}, or as an
   * {@link OciLayoutSource} when it has only {@code oci-layout} and {@code index.json}.
   *
   * @throws ImageReadException starting "not an image archive" when it has neither
   */
  public static ImageSource openTar(Path file, Limits limits) throws IOException {
    TarImageFiles files = TarImageFiles.open(file, "image archive");
    try {
      if (files.exists(DockerSaveCatalog.MANIFEST_JSON)) {
        return new DockerArchiveSource(files.as("docker save archive"), limits);
      }
      if (files.exists("oci-layout") && files.exists("index.json")) {
        return new OciLayoutSource(files.as("OCI layout archive"), limits);
      }
      throw new ImageReadException(files.name(), null, null, "not an image archive: " + file
          + " contains neither manifest.json (docker save) nor oci-layout and index.json (OCI layout)");
    } catch (IOException | RuntimeException e) {
      files.close();
      throw e;
    }
  }
}
