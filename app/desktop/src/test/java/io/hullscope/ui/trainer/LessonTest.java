package io.hullscope.ui.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LessonTest {

  @TempDir Path folder;

  @Test
  void parseReadsKeysAndJoinsLines() throws LessonFormatException {
    Lesson lesson = Lesson.parse("bad.md", """
        title: A careless image
        hardenedVersion: good.tar

        First line
        continues here.

        Second paragraph.
        """);

    assertThat(lesson.title()).isEqualTo("A careless image");
    assertThat(lesson.hardenedVersion()).isEqualTo("good.tar");
    assertThat(lesson.text()).isEqualTo("First line continues here.\n\nSecond paragraph.");
  }

  @Test
  void hardenedVersionIsOptional() throws LessonFormatException {
    Lesson lesson = Lesson.parse("good.md", "title: Clean\n\nText.\n");

    assertThat(lesson.hardenedVersion()).isNull();
  }

  @Test
  void unknownKeyIsRejectedWithLine() {
    assertThatThrownBy(() -> Lesson.parse("bad.md", "title: T\nhardendVersion: good.tar\n\nText.\n"))
        .isInstanceOf(LessonFormatException.class)
        .hasMessageContaining("bad.md line 2")
        .hasMessageContaining("unknown key 'hardendVersion'");
  }

  @Test
  void repeatedKeyIsRejected() {
    assertThatThrownBy(() -> Lesson.parse("bad.md", "title: T\ntitle: U\n\nText.\n"))
        .isInstanceOf(LessonFormatException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("set twice");
  }

  @Test
  void missingTitleIsRejected() {
    assertThatThrownBy(() -> Lesson.parse("bad.md", "hardenedVersion: good.tar\n\nText.\n"))
        .isInstanceOf(LessonFormatException.class)
        .hasMessageContaining("bad.md: missing 'title");
  }

  @Test
  void missingTextIsRejected() {
    assertThatThrownBy(() -> Lesson.parse("bad.md", "title: T\n\n\n"))
        .isInstanceOf(LessonFormatException.class)
        .hasMessageContaining("missing lesson text");
  }

  @Test
  void emptyFileIsRejected() {
    assertThatThrownBy(() -> Lesson.parse("empty.md", ""))
        .isInstanceOf(LessonFormatException.class)
        .hasMessageContaining("empty.md: missing 'title");
  }

  @Test
  void textWithoutHeaderIsRejected() {
    assertThatThrownBy(() -> Lesson.parse("plain.md", "Just a paragraph without keys.\n"))
        .isInstanceOf(LessonFormatException.class)
        .hasMessageContaining("plain.md line 1: expected 'key: value'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../secret.tar", "/etc/passwd", "sub/good.tar", "..", ".", "C:good.tar", "a\\\\b.tar"})
  void hardenedVersionMustBePlainFileName(String name) {
    assertThatThrownBy(() -> Lesson.parse("bad.md", "title: T\nhardenedVersion: " + name + "\n\nText.\n"))
        .isInstanceOf(LessonFormatException.class)
        .hasMessageContaining("not a plain file name");
  }

  @Test
  void bundledLessonsParse() throws LessonFormatException {
    Lessons lessons = new Lessons();

    Optional<Lesson> bad = lessons.forSample(Path.of("samples", "hygiene-bad.tar"));
    Optional<Lesson> good = lessons.forSample(Path.of("samples", "hygiene-good.tar"));

    assertThat(bad).isPresent();
    assertThat(bad.get().hardenedVersion()).isEqualTo("hygiene-good.tar");
    assertThat(good).isPresent();
    assertThat(good.get().hardenedVersion()).isNull();
  }

  @Test
  void sampleWithoutLessonHasNone() throws LessonFormatException {
    assertThat(new Lessons().forSample(folder.resolve("unknown.tar"))).isEmpty();
  }

  @Test
  void lessonBesideSampleWins() throws IOException {
    Files.writeString(folder.resolve("hygiene-bad.lesson.md"), "title: Our own lesson\n\nText.\n");

    Optional<Lesson> lesson = new Lessons().forSample(folder.resolve("hygiene-bad.tar"));

    assertThat(lesson).map(Lesson::title).contains("Our own lesson");
  }

  @Test
  void missingLessonFileIsReported() {
    Path missing = folder.resolve("gone.lesson.md");

    assertThatThrownBy(() -> new Lessons().read(missing))
        .isInstanceOf(LessonFormatException.class)
        .hasMessageContaining("Reading the lesson " + missing + " failed");
  }

  @Test
  void oversizedLessonIsRejected() throws IOException {
    Path big = folder.resolve("big.lesson.md");
    Files.writeString(big, "title: T\n\n" + "word ".repeat(100));

    assertThatThrownBy(() -> new Lessons(64).read(big))
        .isInstanceOf(LessonFormatException.class)
        .hasMessageContaining(big + " is larger than 64 bytes");
  }

  @Test
  void binaryLessonIsRejected() throws IOException {
    Path binary = folder.resolve("binary.lesson.md");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3, 0x28});

    assertThatThrownBy(() -> new Lessons().read(binary))
        .isInstanceOf(LessonFormatException.class)
        .hasMessageContaining("is not UTF-8 text");
  }

  @Test
  void windowsLineEndsParse() throws IOException {
    Path file = folder.resolve("crlf.lesson.md");
    Files.write(file, "title: T\r\n\r\nLine one\r\nline two.\r\n".getBytes(StandardCharsets.UTF_8));

    Lesson lesson = new Lessons().read(file);

    assertThat(lesson.title()).isEqualTo("T");
    assertThat(lesson.text()).isEqualTo("Line one line two.");
  }
}
