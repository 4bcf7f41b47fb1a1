package io.hullscope.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntryNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "", "61", "c3a9", "e282ac", "f09f9880", // valid: empty, a, é, €, 😀
      "ff", "e9", "c3", "80", "c0af", "eda080", "f4908080", "61ff62", "e282", "f09f98c3a9"
  })
  void encodeRestoresDecodedBytes(String hex) {
    byte[] raw = HexFormat.of().parseHex(hex);

    assertThat(EntryNames.encode(EntryNames.decode(raw))).isEqualTo(raw);
  }

  @Test
  void decodeReadsValidUtf8AsText() {
    byte[] raw = "caf\u00e9/\u20ac".getBytes(StandardCharsets.UTF_8);

    assertThat(EntryNames.decode(raw)).isEqualTo("caf\u00e9/\u20ac");
  }

  @ParameterizedTest
  @CsvSource({
      "61e962, a\\xe9b",
      "c0af, \\xc0\\xaf",
      "eda080, \\xed\\xa0\\x80",
      "e282, \\xe2\\x82"
  })
  void decodeEscapesEachInvalidByte(String hex, String shown) {
    String decoded = EntryNames.decode(HexFormat.of().parseHex(hex));

    assertThat(EntryNames.display(decoded)).isEqualTo(shown);
  }

  @Test
  void displayEscapesControlCharacters() {
    assertThat(EntryNames.display("a\nb")).isEqualTo("a\\x0ab");
  }

  @ParameterizedTest
  @CsvSource({
      "a/b, a/b",
      "./a//b/, a/b",
      "/etc/passwd, etc/passwd",
      "./, ''",
      "/, ''",
      "a/./b/../c, a/c",
      "/../etc, etc",
      "a/.., ''",
      "..a/b.., ..a/b.."
  })
  void normalizeCleansPathsLikeDocker(String raw, String expected) {
    assertThat(EntryNames.normalize(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "../etc", "a/../../b", "./.."})
  void normalizeRejectsEscapeFromRoot(String raw) {
    assertThatThrownBy(() -> EntryNames.normalize(raw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leaves the root");
  }
}
