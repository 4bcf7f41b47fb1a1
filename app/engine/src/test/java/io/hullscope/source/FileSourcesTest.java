package io.hullscope.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.Image;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.archive.DockerArchiveSource;
import io.hullscope.source.archive.OciLayoutSource;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileSourcesTest {

  @TempDir Path temp;

  private static TestImage image() {
    return ImageArchiveBuilder.image().layer(new TarBuilder().file("a", "a").build()).reference("app:1");
  }

  @Test
  void classicDockerSaveOpensAsDockerArchive() throws IOException {
    Path tar = ImageArchiveBuilder.dockerSave(image()).writeTar(temp.resolve("classic.tar"));

    try (ImageSource source = FileSources.open(tar)) {
      assertThat(source).isInstanceOf(DockerArchiveSource.class);
      assertThat(source.displayName()).isEqualTo("classic.tar");
      assertThat(source.listImages()).hasSize(1);
    }
  }

  @Test
  void docker25SaveOpensAsDockerArchive() throws IOException {
    Path tar = ImageArchiveBuilder.dockerSaveOci(image()).writeTar(temp.resolve("docker25.tar"));

    try (ImageSource source = FileSources.open(tar)) {
      assertThat(source).isInstanceOf(DockerArchiveSource.class);
      assertThat(source.listImages()).hasSize(1);
    }
  }

  @Test
  void ociLayoutTarOpensAsLayout() throws IOException {
    Path tar = ImageArchiveBuilder.ociLayout(image()).writeTar(temp.resolve("layout.tar"));

    try (ImageSource source = FileSources.open(tar)) {
      assertThat(source).isInstanceOf(OciLayoutSource.class);
      assertThat(source.toString()).contains("OCI layout archive");
      assertThat(source.listImages()).hasSize(1);
    }
  }

  @Test
  void ociLayoutFolderOpensAsLayout() throws IOException {
    Path folder = ImageArchiveBuilder.ociLayout(image()).writeDirectory(temp.resolve("layout"));

    try (ImageSource source = FileSources.open(folder)) {
      assertThat(source).isInstanceOf(OciLayoutSource.class);
      assertThat(source.displayName()).isEqualTo("layout");
      assertThat(source.listImages()).hasSize(1);
    }
  }

  @ParameterizedTest
  @CsvSource({
      "hygiene-bad.tar, hullscope-samples/hygiene-bad:latest, '', 5",
      "hygiene-good.tar, hullscope-samples/hygiene-good:1.4.2, 65532:65532, 2",
  })
  void committedSampleOpens(String file, String reference, String user, int layers) throws IOException {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    Path sample = root.resolve("samples/images").resolve(file);

    try (ImageSource source = FileSources.open(sample)) {
      ImageSummary summary = source.listImages().get(0);
      assertThat(summary.references()).containsExactly(reference);
      assertThat(summary.user()).isEqualTo(user);
      assertThat(summary.layerCount()).isEqualTo(layers);
      try (Image image = source.open(reference, null, ProgressListener.NONE)) {
        assertThat(image.layers()).hasSize(layers);
        assertThat(image.config().diffIds()).hasSize(layers);
      }
    }
  }

  @Test
  void folderWithoutOciLayoutIsRejected() throws IOException {
    Path folder = Files.createDirectory(temp.resolve("plain"));

    assertThatThrownBy(() -> FileSources.open(folder))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("not an image archive: ")
        .hasMessageContaining("plain")
        .hasMessageContaining("oci-layout");
  }

  @Test
  void tarWithoutImageFilesIsRejected() {
    Path tar = new ImageArchiveBuilder.ArchiveFiles()
        .put("etc/passwd", "root:x:0:0::/root:/bin/sh\n")
        .writeTar(temp.resolve("rootfs.tar"));

    assertThatThrownBy(() -> FileSources.open(tar))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not an image archive: ")
        .hasMessageContaining("rootfs.tar")
        .hasMessageContaining("neither manifest.json");
  }

  @Test
  void gzippedArchiveIsRejectedWithHint() throws IOException {
    Path gz = Files.write(temp.resolve("app.tar.gz"), TarBuilder.gzip(ImageArchiveBuilder.dockerSave(image()).toTar()));

    assertThatThrownBy(() -> FileSources.open(gz))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("not an image archive: ")
        .hasMessageContaining("gzip")
        .hasMessageContaining("gunzip");
  }

  @Test
  void textFileIsRejected() throws IOException {
    Path text = Files.writeString(temp.resolve("notes.txt"), "just some notes\n".repeat(100));

    assertThatThrownBy(() -> FileSources.open(text))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("notes.txt")
        .hasMessageContaining("not a tar archive");
  }

  @Test
  void missingPathIsRejected() {
    assertThatThrownBy(() -> FileSources.open(temp.resolve("nowhere.tar")))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("not an image archive: ")
        .hasMessageContaining("does not exist");
  }
}
