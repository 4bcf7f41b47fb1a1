package io.hullscope.ui.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import io.hullscope.source.ImageSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StartupImagesTest {

  private static final String ID = "4f2a9c1d8e7b6a5f4e3d2c1b0a99887766554433221100ffeeddccbbaa998877";

  @TempDir Path folder;

  @Test
  void existingFileIsPath() throws IOException {
    Path archive = Files.createFile(folder.resolve("app.tar"));

    assertThat(StartupImages.kind(archive.toString())).isEqualTo(StartupImages.Kind.PATH);
  }

  @ParameterizedTest
  @CsvSource({
    "docker://127.0.0.1:5000/app:1.0, REGISTRY",
    "nginx:1.27, DAEMON",
    "registry.example.com/team/app, DAEMON",
    "/no/such/image.tar, MISSING_PATH",
    "missing.tar, MISSING_PATH",
    "./build/layout, MISSING_PATH",
  })
  void argumentKind(String argument, StartupImages.Kind expected) {
    assertThat(StartupImages.kind(argument)).isEqualTo(expected);
  }

  private static ImageSummary image(String... references) {
    return new ImageSummary("key", List.of(references), Digest.sha256(ID), 1, null, 1, "", List.of());
  }

  @Test
  void daemonNameMatchesReference() {
    assertThat(DaemonImageNames.matches(image("nginx:1.27"), "nginx:1.27")).isTrue();
    assertThat(DaemonImageNames.matches(image("nginx:1.27"), "nginx:1.26")).isFalse();
  }

  @Test
  void daemonNameWithoutTagMeansLatest() {
    assertThat(DaemonImageNames.matches(image("app:latest"), "app")).isTrue();
    assertThat(DaemonImageNames.matches(image("app:1.0"), "app")).isFalse();
  }

  @Test
  void daemonIdPrefixMatches() {
    assertThat(DaemonImageNames.matches(image(), ID.substring(0, 12))).isTrue();
    assertThat(DaemonImageNames.matches(image(), "sha256:" + ID)).isTrue();
    assertThat(DaemonImageNames.matches(image(), ID.substring(0, 6))).isFalse();
  }
}
