package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsReleaseParserTest {

  @Test
  void debianExampleGivesDistro() throws IOException {
    Distro distro;
    try (InputStream in = Files.newInputStream(TestData.file("os/os-release/debian-example"))) {
      distro = OsReleaseParser.parse("etc/os-release", in);
    }

    assertThat(distro.id()).isEqualTo("debian");
    assertThat(distro.versionId()).isEqualTo("12");
    assertThat(distro.versionCodename()).isEqualTo("bookworm");
    assertThat(distro.prettyName()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(distro.purlQualifier()).isEqualTo("debian-12");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "NAME=plain                      | plain",
        "NAME=\"double quoted\"          | double quoted",
        "NAME='single quoted'            | single quoted",
        "NAME=\"say \\\"hi\\\" \\$HOME\" | say \"hi\" $HOME",
        "NAME='keeps \\\" as is'         | keeps \\\" as is",
        "NAME=\"a \\\\ b\"               | a \\ b",
        "NAME=                           | ~~",
      })
  void valueIsUnquotedAndUnescaped(String line, String expected) {
    Map<String, String> fields = OsReleaseParser.parseFields("os-release", line.strip() + "\n");

    assertThat(fields).containsEntry("NAME", expected == null ? "" : expected);
  }

  @Test
  void commentsAndInvalidLinesAreSkipped() {
    String text = "# comment\n\nnot an assignment\nNAME=\"unclosed\n1BAD=x\nID=alpine\n";

    Map<String, String> fields = OsReleaseParser.parseFields("os-release", text);

    assertThat(fields).containsOnlyKeys("ID");
  }

  @Test
  void alpineVersionKeepsAllParts() throws IOException {
    String text = "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n";

    Distro distro = OsReleaseParser.parse("etc/os-release", stream(text));

    assertThat(distro.purlQualifier()).isEqualTo("alpine-3.19.1");
    assertThat(distro.versionCodename()).isNull();
  }

  @Test
  void oversizedFileIsRejected() {
    byte[] big = new byte[(int) OsReleaseParser.MAX_BYTES + 1];
    Arrays.fill(big, (byte) '#');

    assertThatThrownBy(() -> OsReleaseParser.parse("etc/os-release", new ByteArrayInputStream(big)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("etc/os-release")
        .hasMessageContaining("limit");
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
