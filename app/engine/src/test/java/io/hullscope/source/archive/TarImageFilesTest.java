package io.hullscope.source.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.ImageReadException;
import io.hullscope.image.LimitExceededException;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
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
  void headerScanCountsLongNamesAndPaxOnce() throws IOException {
    String longName = "deep/" + "x".repeat(180) + "/file.txt";
    byte[] tar = new TarBuilder()
        .file(longName, "long")
        .paxFile("pax.txt", java.util.Map.of("comment", "hello"), "pax")
        .symlink("link", "pax.txt")
        .hardlink("hard", "pax.txt")
        .dir("folder")
        .build();
    Path file = Files.write(temp.resolve("mixed.tar"), tar);

    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
      TarHeaderScan scan = TarHeaderScan.scan(channel, 100);

      assertThat(scan.failure()).isNull();
      assertThat(scan.entries()).isEqualTo(5);
      assertThat(scan.lastEntry()).isEqualTo("folder/");
    }
    try (TarImageFiles files = TarImageFiles.open(file, "test archive", 5)) {
      assertThat(files.exists(longName)).isTrue();
    }
  }

  @Test
  void headerScanNamesCutEntry() throws IOException {
    byte[] tar = new TarBuilder().file("first", "1").file("second", "x".repeat(5000)).build();
    Path file = Files.write(temp.resolve("cut.tar"), java.util.Arrays.copyOf(tar, 2048));

    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
      TarHeaderScan scan = TarHeaderScan.scan(channel, 100);

      assertThat(scan.failure()).isNotNull();
      assertThat(scan.lastEntry()).isEqualTo("second");
    }
  }

  @Test
  void textFileIsNotTar() throws IOException {
    Path file = Files.writeString(temp.resolve("notes.txt"), "not a tar\n".repeat(200));

    assertThatThrownBy(() -> TarImageFiles.open(file, "test archive"))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("notes.txt")
        .hasMessageContaining("not a tar archive");
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
        .isInstanceOf(NoSuchFileException.class);
  }
}
