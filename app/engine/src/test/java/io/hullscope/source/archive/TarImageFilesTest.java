package io.hullscope.source.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.ImageReadException;
import io.hullscope.image.LimitExceededException;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarImageFilesTest {

  @TempDir Path temp;

  private Path tarWithFiles(int count) throws IOException {
    TarBuilder tar = new TarBuilder();
    for (int i = 0; i < count; i++) {
      tar.file("f" + i, "content " + i);
    }
    return Files.write(temp.resolve("many.tar"), tar.build());
  }

  @Test
  void entryCountAboveLimitIsRejected() throws IOException {
    Path tar = tarWithFiles(11);

    assertThatThrownBy(() -> TarImageFiles.open(tar, "test archive", 10))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("many.tar")
        .hasMessageContaining("number of archive entries")
        .hasMessageContaining("10");
  }

  @Test
  void entryCountAtLimitIsAccepted() throws IOException {
    Path tar = tarWithFiles(10);

    try (TarImageFiles files = TarImageFiles.open(tar, "test archive", 10)) {
      assertThat(files.exists("f9")).isTrue();
      try (InputStream in = files.open("f9", "image")) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("content 9");
      }
    }
  }

  @Test
  void dotSlashNamesAreNormalized() throws IOException {
    Path tar = Files.write(temp.resolve("dot.tar"), new TarBuilder().dir("./blobs").file("./manifest.json", "[]").build());

    try (TarImageFiles files = TarImageFiles.open(tar, "test archive")) {
      assertThat(files.exists("manifest.json")).isTrue();
      assertThat(files.size("manifest.json", "image")).isEqualTo(2);
      assertThat(files.exists("blobs")).isTrue();
    }
  }

  @Test
  void directoryEntryIsNotReadable() throws IOException {
    Path tar = Files.write(temp.resolve("dir.tar"), new TarBuilder().dir("blobs").build());

    try (TarImageFiles files = TarImageFiles.open(tar, "test archive")) {
      assertThatThrownBy(() -> files.open("blobs", "app:1"))
          .isInstanceOf(ImageReadException.class)
          .hasMessageContaining("app:1")
          .hasMessageContaining("entry blobs")
          .hasMessageContaining("not a regular file");
    }
  }

  @Test
  void missingFileIsNotFound() {
    assertThatThrownBy(() -> TarImageFiles.open(temp.resolve("absent.tar"), "test archive"))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
  }
}
