package io.hullscope.ui;

import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.BlobCompression;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.TarBuilder;
import java.nio.file.Path;

/** A small two-layer image shared by the view model and window tests. */
final class TestImages {

  static final String REFERENCE = "example.com/team/app:1.0";
  static final String LONG_LABEL_KEY = "org.opencontainers.image.base.digest";
  static final String RUN_SCRIPT = "#!/bin/sh\necho hello from the app\n";

  private TestImages() {}

  static TestImage app() {
    return ImageArchiveBuilder.image()
        .layer(new TarBuilder().dir("etc").file("etc/os-release", "ID=test\n").build(), BlobCompression.GZIP)
        .layer(new TarBuilder().dir("app").file("app/run.sh", RUN_SCRIPT).file("etc/os-release", "ID=t2\n").build())
        .user("")
        .env("PATH=/usr/bin", "DB_PASSWORD=hunter2")
        .entrypoint("/app/run.sh")
        .label("org.opencontainers.image.title", "app")
        .label(LONG_LABEL_KEY, "sha256:bd6c54f288e5097b24fcebba86b84215f9c0c5c034f5e609968e0ec140b3e9a0")
        .exposedPort("8080/tcp")
        .history("ADD rootfs /")
        .history("COPY run.sh /app/")
        .reference(REFERENCE);
  }

  /** Writes the image as a docker save archive into the folder and returns its path. */
  static Path writeArchive(Path folder) {
    return ImageArchiveBuilder.dockerSave(app()).writeTar(folder.resolve("app.tar"));
  }
}
