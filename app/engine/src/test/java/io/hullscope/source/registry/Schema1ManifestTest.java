package io.hullscope.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.image.Digest;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Schema1ManifestTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One fsLayers entry with its history entry. */
  record Entry(Digest blob, String v1Compatibility) {}

  static Entry entry(Digest blob, String v1Compatibility) {
    return new Entry(blob, v1Compatibility);
  }

  /** Builds an unsigned schema 1 manifest; entries are given top layer first, as the format lists them. */
  static byte[] schema1(List<Entry> entries) throws java.io.IOException {
    List<Map<String, String>> fsLayers = new ArrayList<>();
    List<Map<String, String>> history = new ArrayList<>();
    for (Entry item : entries) {
      fsLayers.add(Map.of("blobSum", item.blob().toString()));
      history.add(Map.of("v1Compatibility", item.v1Compatibility()));
    }
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 1);
    manifest.put("name", "team/old");
    manifest.put("tag", "1");
    manifest.put("architecture", "amd64");
    manifest.put("fsLayers", fsLayers);
    manifest.put("history", history);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
  }

  @Test
  void signedManifestDigestIsThatOfItsPayload() throws Exception {
    Digest blob = Digest.sha256Of(new byte[] {1});
    byte[] payload = schema1(List.of(entry(blob, "{\"id\":\"a\"}")));
    String text = new String(payload, StandardCharsets.UTF_8);
    int formatLength = text.lastIndexOf('}');
    // The pretty-printed JWS form puts the signatures before the closing brace of the payload.
    String tail = text.substring(formatLength);
    String protectedHeader = base64Url("{\"formatLength\":" + formatLength + ",\"formatTail\":\"" + base64Url(tail)
        + "\",\"time\":\"2020-01-01T00:00:00Z\"}");
    String signed = text.substring(0, formatLength) + ",\"signatures\":[{\"header\":{\"alg\":\"ES256\"},\"signature\":\"c2ln\","
        + "\"protected\":\"" + protectedHeader + "\"}]" + tail;
    byte[] signedBytes = signed.getBytes(StandardCharsets.UTF_8);

    assertThat(Schema1Manifest.signedPayload(signedBytes)).isEqualTo(payload);
    assertThat(Schema1Manifest.matchesDigest(signedBytes, Digest.sha256Of(payload))).isTrue();
    assertThat(Schema1Manifest.matchesDigest(signedBytes, Digest.sha256Of(new byte[] {2}))).isFalse();
  }

  @Test
  void unsignedManifestHasNoPayload() throws Exception {
    byte[] manifest = schema1(List.of(entry(Digest.sha256Of(new byte[] {1}), "{\"id\":\"a\"}")));

    assertThat(Schema1Manifest.signedPayload(manifest)).isNull();
    assertThat(Schema1Manifest.matchesDigest(manifest, Digest.sha256Of(manifest))).isTrue();
  }

  @Test
  void detectsSchema1ByMediaTypeOrVersion() throws Exception {
    byte[] manifest = schema1(List.of(entry(Digest.sha256Of(new byte[] {1}), "{}")));

    assertThat(Schema1Manifest.isSchema1(MediaType.DOCKER_MANIFEST_V1_SIGNED, new byte[0])).isTrue();
    assertThat(Schema1Manifest.isSchema1("application/json", manifest)).isTrue();
    assertThat(Schema1Manifest.isSchema1(MediaType.OCI_MANIFEST, "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(Schema1Manifest.isSchema1(null, new byte[] {0, 1, 2})).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"schemaVersion\":1}",
      "{\"schemaVersion\":1,\"fsLayers\":[],\"history\":[]}",
      "{\"schemaVersion\":1,\"fsLayers\":[{\"blobSum\":\"sha256:00\"}],\"history\":[{\"v1Compatibility\":\"{}\"}]}",
      "{\"schemaVersion\":1,\"fsLayers\":[{}],\"history\":[{\"v1Compatibility\":\"not json\"}]}",
      "{\"schemaVersion\":1,\"fsLayers\":[{}],\"history\":[{\"v1Compatibility\":{}}]}",
      "{\"schemaVersion\":1,\"fsLayers\":[{},{}],\"history\":[{\"v1Compatibility\":\"{}\"}]}",
      "[1,2,3]",
      "{\"schemaVersion\":1,\"fsLayers\":[{\"blobSum\":\"sha256:0"})
  void malformedManifestIsRejectedWithEntryName(String json) {
    assertThatThrownBy(() -> Schema1Manifest.parse(json.getBytes(StandardCharsets.UTF_8), "team/old:1", "manifest 1"))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("team/old:1")
        .hasMessageContaining("manifest 1");
  }

  @Test
  void throwawayEntriesAreNotLayers() throws Exception {
    Digest top = Digest.sha256Of(new byte[] {1});
    Digest empty = Digest.sha256Of(new byte[] {2});
    byte[] manifest = schema1(List.of(entry(top, "{\"id\":\"b\",\"config\":{\"User\":\"x\"}}"),
        entry(empty, "{\"id\":\"a\",\"throwaway\":true}")));

    Schema1Manifest parsed = Schema1Manifest.parse(manifest, "img", "manifest");
    String config = new String(parsed.config(List.of(Digest.sha256Of(new byte[] {3}))), StandardCharsets.UTF_8);

    assertThat(parsed.layers()).containsExactly(top);
    assertThat(config).contains("\"empty_layer\":true").contains("\"User\":\"x\"").doesNotContain("\"id\"");
  }

  private static String base64Url(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
