package io.hullscope.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.ImageReadException;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileContentReaderTest {

  private final FileContentReader reader = new FileContentReader(Limits.DEFAULT);

  @Test
  void readsFileFromItsLayerOnly() throws IOException {
    FakeImage image = FakeImage.of(
        new TarBuilder().file("etc/os-release", "ID=debian"),
        new TarBuilder().file("app/run", "#!/bin/sh"));
    ImageAnalysis analysis = analyze(image);

    FileContent content = reader.read(analysis, 1, "/etc/os-release", 100);

    assertThat(text(content)).isEqualTo("ID=debian");
    assertThat(content.layer()).isZero();
    assertThat(content.truncated()).isFalse();
    assertThat(image.layer(0).opens.get()).isEqualTo(2);
    assertThat(image.layer(1).opens.get()).isEqualTo(1);
  }

  @Test
  void returnsAtMostMaxBytes() throws IOException {
    ImageAnalysis analysis = analyze(FakeImage.of(new TarBuilder().file("log", "0123456789")));

    FileContent content = reader.read(analysis, 0, "log", 4);

    assertThat(text(content)).isEqualTo("0123");
    assertThat(content.totalSize()).isEqualTo(10);
    assertThat(content.truncated()).isTrue();
  }

  @Test
  void readsLaterDuplicateInOneLayer() throws IOException {
    ImageAnalysis analysis = analyze(FakeImage.of(new TarBuilder().file("a", "first").file("b", "x").file("a", "second")));

    assertThat(text(reader.read(analysis, 0, "a", 100))).isEqualTo("second");
  }

  @Test
  void readsVersionVisibleAtRequestedLayer() throws IOException {
    ImageAnalysis analysis = analyze(FakeImage.of(new TarBuilder().file("a", "old"), new TarBuilder().file("a", "new")));

    assertThat(text(reader.read(analysis, 0, "a", 100))).isEqualTo("old");
    assertThat(text(reader.read(analysis, 1, "a", 100))).isEqualTo("new");
  }

  @Test
  void followsSymlinkChain() throws IOException {
    ImageAnalysis analysis = analyze(FakeImage.of(
        new TarBuilder().file("usr/lib/os-release", "ID=alpine").symlink("etc/os-release", "../usr/lib/os-release"),
        new TarBuilder().symlink("etc/release", "os-release")));

    FileContent content = reader.read(analysis, 1, "etc/release", 100);

    assertThat(text(content)).isEqualTo("ID=alpine");
    assertThat(content.path()).isEqualTo("usr/lib/os-release");
  }

  @Test
  void followsSymlinkedDirectoryWithAbsoluteTarget() throws IOException {
    ImageAnalysis analysis = analyze(FakeImage.of(
        new TarBuilder().file("usr/bin/tool", "binary").symlink("bin", "/usr/bin")));

    assertThat(text(reader.read(analysis, 0, "bin/tool", 100))).isEqualTo("binary");
  }

  @Test
  void dotDotAfterSymlinkLeavesLinkTarget() throws IOException {
    ImageAnalysis analysis = analyze(FakeImage.of(
        new TarBuilder().file("a/b/x", "physical parent").file("a/x", "lexical parent").symlink("a/link", "b/c").dir("a/b/c")));

    assertThat(text(reader.read(analysis, 0, "a/link/../x", 100))).isEqualTo("physical parent");
  }

  @Test
  void symlinkCannotLeaveRoot() throws IOException {
    ImageAnalysis analysis = analyze(FakeImage.of(
        new TarBuilder().file("etc/passwd", "root").symlink("x/escape", "../../../../etc/passwd")));

    assertThat(text(reader.read(analysis, 0, "x/escape", 100))).isEqualTo("root");
  }

  @Test
  void symlinkLoopIsReported() throws IOException {
    ImageAnalysis analysis = analyze(FakeImage.of(new TarBuilder().symlink("a", "b").symlink("b", "a")));

    assertThatThrownBy(() -> reader.read(analysis, 0, "a", 100))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("loop")
        .hasMessageContaining(FakeImage.NAME);
  }

  @Test
  void danglingSymlinkIsReported() throws IOException {
    ImageAnalysis analysis = analyze(FakeImage.of(new TarBuilder().symlink("a", "missing")));

    assertThatThrownBy(() -> reader.read(analysis, 0, "a", 100))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("'missing' does not exist");
  }

  @Test
  void hardlinkIsReadFromLowerLayer() throws IOException {
    FakeImage image = FakeImage.of(
        new TarBuilder().file("bin/busybox", "BUSYBOX"),
        new TarBuilder().hardlink("bin/sh", "bin/busybox"));
    ImageAnalysis analysis = analyze(image);

    FileContent content = reader.read(analysis, 1, "bin/sh", 100);

    assertThat(text(content)).isEqualTo("BUSYBOX");
    assertThat(content.layer()).isZero();
  }

  @Test
  void hardlinkIsReadFromSameLayer() throws IOException {
    ImageAnalysis analysis = analyze(FakeImage.of(new TarBuilder().file("a", "shared").hardlink("b", "a")));

    assertThat(text(reader.read(analysis, 0, "b", 100))).isEqualTo("shared");
  }

  @Test
  void directoryHasNoContent() throws IOException {
    ImageAnalysis analysis = analyze(FakeImage.of(new TarBuilder().dir("etc").file("etc/x", "")));

    assertThatThrownBy(() -> reader.read(analysis, 0, "etc", 100))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("a directory");
  }

  @Test
  void missingFileIsReported() throws IOException {
    ImageAnalysis analysis = analyze(FakeImage.of(new TarBuilder().file("a", "")));

    assertThatThrownBy(() -> reader.read(analysis, 0, "nope", 100))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("'nope' does not exist");
  }

  @Test
  void nonUtf8NameIsFound() throws IOException {
    byte[] raw = {'n', (byte) 0xe9};
    ImageAnalysis analysis = analyze(FakeImage.of(new TarBuilder().rawNameFile(raw, "latin-1 name")));

    assertThat(text(reader.read(analysis, 0, EntryNames.decode(raw), 100))).isEqualTo("latin-1 name");
  }

  private static ImageAnalysis analyze(FakeImage image) throws IOException {
    return new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(image, ProgressListener.NONE);
  }

  private static String text(FileContent content) {
    return new String(content.bytes(), StandardCharsets.UTF_8);
  }
}
