package io.hullscope.ui.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentFormatTest {

  @ParameterizedTest
  @CsvSource({
      "'hello\nworld\n', TEXT",
      "'tab\tand ü umlaut', TEXT",
      "'', TEXT",
  })
  void utf8WithoutControlCharactersIsText(String content, ContentKind expected) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);

    assertThat(ContentFormat.classify(bytes, false)).isEqualTo(expected);
  }

  @Test
  void nulByteMakesHex() {
    byte[] bytes = {'E', 'L', 'F', 0, 1, 2};

    assertThat(ContentFormat.classify(bytes, false)).isEqualTo(ContentKind.HEX);
  }

  @Test
  void invalidUtf8MakesHex() {
    byte[] bytes = {'a', (byte) 0xC3, 'b'};

    assertThat(ContentFormat.classify(bytes, false)).isEqualTo(ContentKind.HEX);
  }

  @Test
  void truncatedTextCutInsideCharacterStaysText() {
    byte[] full = "abc ü".getBytes(StandardCharsets.UTF_8);
    byte[] cut = java.util.Arrays.copyOf(full, full.length - 1);

    assertThat(ContentFormat.classify(cut, true)).isEqualTo(ContentKind.TEXT);
  }

  @Test
  void pngMagicMakesImage() {
    byte[] bytes = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    assertThat(ContentFormat.classify(bytes, false)).isEqualTo(ContentKind.IMAGE);
  }

  @Test
  void truncatedImageFallsBackToHex() {
    byte[] bytes = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    assertThat(ContentFormat.classify(bytes, true)).isEqualTo(ContentKind.HEX);
  }

  @Test
  void numberedTextAlignsLineNumbers() {
    String text = "a\n".repeat(10);

    String numbered = ContentFormat.numberedText(text.getBytes(StandardCharsets.UTF_8));

    assertThat(numbered).startsWith(" 1  a\n");
    assertThat(numbered).endsWith("10  a\n");
    assertThat(numbered.lines()).hasSize(10);
  }

  @Test
  void numberedTextKeepsLastLineWithoutNewline() {
    String numbered = ContentFormat.numberedText("one\ntwo".getBytes(StandardCharsets.UTF_8));

    assertThat(numbered).isEqualTo("1  one\n2  two\n");
  }

  @Test
  void hexDumpMatchesHexdumpLayout() {
    byte[] bytes = "ABCDEFGHIJKLMNOPQ".getBytes(StandardCharsets.US_ASCII);

    String dump = ContentFormat.hexDump(bytes);

    assertThat(dump.lines().toList()).containsExactly(
        "00000000  41 42 43 44 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50  |ABCDEFGHIJKLMNOP|",
        "00000010  51                                                |Q|");
  }
}
