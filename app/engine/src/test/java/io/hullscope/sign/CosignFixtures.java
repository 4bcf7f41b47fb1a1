package io.hullscope.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.image.Digest;
import io.hullscope.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Reads the cosign signature fixtures that containers/image stores as {@code \0sigstore-json\n} + JSON. */
final class CosignFixtures {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PREFIX = "\0sigstore-json\n".length();

  private CosignFixtures() {}

  record Layer(byte[] payload, Map<String, String> annotations) {}

  static Layer layer(String relative) throws IOException {
    byte[] bytes = Files.readAllBytes(TestData.file("signatures/cosign-legacy/" + relative));
    JsonNode root = JSON.readTree(java.util.Arrays.copyOfRange(bytes, PREFIX, bytes.length));
    Map<String, String> annotations = new HashMap<>();
    root.path("annotations").fields().forEachRemaining(field -> annotations.put(field.getKey(), field.getValue().asText()));
    return new Layer(Base64.getDecoder().decode(root.path("payload").asText()), annotations);
  }

  static Digest manifestDigest(String relative) throws IOException {
    return Digest.sha256Of(Files.readAllBytes(TestData.file("signatures/cosign-legacy/" + relative)));
  }

  static PublicKey key(String relative) throws Exception {
    return PemFiles.publicKey(Files.readString(TestData.file("signatures/cosign-legacy/" + relative)));
  }

  static Path path(String relative) {
    return TestData.file("signatures/" + relative);
  }
}
