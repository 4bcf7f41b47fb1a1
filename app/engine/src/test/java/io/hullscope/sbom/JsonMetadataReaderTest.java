package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonMetadataReaderTest {

  private static final String PATH = "app/vendor/composer/installed.json";

  private final JsonMetadataReader reader = new JsonMetadataReader(1024 * 1024, 16);

  @Test
  void validDocumentIsParsed() throws IOException {
    JsonNode root = reader.read(PATH, HostileInputs.text("{\"packages\": [{\"name\": \"a/b\"}]}"));

    assertThat(root.path("packages").get(0).path("name").textValue()).isEqualTo("a/b");
  }

  @Test
  void byteOrderMarkIsAccepted() throws IOException {
    byte[] json = "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[json.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(json, 0, withBom, 3, json.length);

    JsonNode root = reader.read(PATH, new ByteArrayInputStream(withBom));

    assertThat(root.path("name").textValue()).isEqualTo("x");
  }

  @Test
  void truncatedDocumentIsRejected() {
    assertThatThrownBy(() -> reader.read(PATH, HostileInputs.truncated("{\"packages\": [{\"name\": \"a/b\"}]}")))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageStartingWith(PATH + " is not valid JSON: ")
        .hasMessageContaining("line 1");
  }

  @Test
  void binaryGarbageIsRejected() {
    assertThatThrownBy(() -> reader.read(PATH, HostileInputs.garbage(4096)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageStartingWith(PATH + " is not valid JSON");
  }

  @Test
  void trailingContentIsRejected() {
    assertThatThrownBy(() -> reader.read(PATH, HostileInputs.text("{\"a\": 1} {\"b\": 2}")))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageStartingWith(PATH + " is not valid JSON");
  }

  @Test
  void emptyFileIsRejected() {
    assertThatThrownBy(() -> reader.read(PATH, HostileInputs.text("  \n")))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(PATH + " is empty, but a JSON document was expected");
  }

  @Test
  void oversizedStreamIsCutAtLimit() {
    HostileInputs.CountingSpaces endless = new HostileInputs.CountingSpaces(64L * 1024 * 1024);

    assertThatThrownBy(() -> reader.read(PATH, endless))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("larger than the limit of 1048576 bytes");
    assertThat(endless.bytesRead()).isEqualTo(1024 * 1024 + 1);
  }

  @Test
  void fileOfExactlyLimitIsRead() throws IOException {
    String json = "{\"a\": \"" + "x".repeat(100 - 9) + "\"}";
    assertThat(json).hasSize(100);

    JsonNode root = new JsonMetadataReader(100, 4).read(PATH, HostileInputs.text(json));

    assertThat(root.path("a").textValue()).hasSize(91);
  }

  @Test
  void nestingAtLimitIsRead() throws IOException {
    JsonNode root = reader.read(PATH, HostileInputs.nestedArrays(16));

    assertThat(root.isArray()).isTrue();
  }

  @Test
  void nestingBeyondLimitIsRejected() {
    assertThatThrownBy(() -> reader.read(PATH, HostileInputs.nestedArrays(17)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageStartingWith(PATH + " exceeds a JSON parser limit (maximum nesting depth 16)");
  }

  @Test
  void deepNestingFailsWithoutStackOverflow() {
    assertThatThrownBy(() -> reader.read(PATH, HostileInputs.nestedArrays(200_000)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("maximum nesting depth 16");
  }

  @Test
  void invalidLimitsAreRejected() {
    assertThatThrownBy(() -> new JsonMetadataReader(0, 16)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JsonMetadataReader(Integer.MAX_VALUE, 16)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JsonMetadataReader(1024, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void controlAndFormatCharactersAreFound() {
    assertThat(JsonMetadataReader.containsControlCharacter("left-pad")).isFalse();
    assertThat(JsonMetadataReader.containsControlCharacter("caf\u00e9")).isFalse();
    assertThat(JsonMetadataReader.containsControlCharacter("a\nb")).isTrue();
    assertThat(JsonMetadataReader.containsControlCharacter("\u001b[31mred")).isTrue();
    assertThat(JsonMetadataReader.containsControlCharacter("abc\u202Egpj.exe")).isTrue();
  }

  @Test
  void quoteEscapesControlCharactersAndCutsLongText() {
    assertThat(JsonMetadataReader.quote("a\u001bb")).isEqualTo("'a\\u001Bb'");
    assertThat(JsonMetadataReader.quote("x".repeat(150))).isEqualTo("'" + "x".repeat(100) + "...'");
  }
}
