package io.hullscope.source.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hullscope.image.Digest;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.MediaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A Docker image manifest v2 schema 1, read only: layers from {@code fsLayers} and the config
 * rebuilt from the {@code v1Compatibility} strings of {@code history}. Both arrays list the top
 * layer first. An entry marked {@code throwaway} made no file system change and becomes an
 * empty-layer history entry. Format:
 * https://github.com/distribution/distribution/blob/release/2.8/docs/spec/manifest-v2-1.md.
 *
 * <p>Schema 1 has no diff ids, so the caller computes them from the layer blobs and passes them
 * to {@link #config(List)}. Signatures are not verified; a signed manifest's digest is that of
 * its payload without the {@code signatures} part.
 *
 * @param layers layer blob digests, bottom first, throwaway entries excluded
 */
record Schema1Manifest(String architecture, List<Digest> layers, List<ObjectNode> history) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Keys of a v1Compatibility object that are not part of an image config. */
  private static final List<String> V1_ONLY_KEYS = List.of("id", "parent", "parent_id", "layer_id", "Size", "throwaway");

  /** Returns true for a schema 1 manifest, by media type or by {@code schemaVersion: 1}. */
  static boolean isSchema1(String contentType, byte[] bytes) {
    if (MediaType.DOCKER_MANIFEST_V1.equals(contentType) || MediaType.DOCKER_MANIFEST_V1_SIGNED.equals(contentType)) {
      return true;
    }
    try {
      JsonNode root = JSON.readTree(bytes);
      return root != null && root.path("schemaVersion").asInt(0) == 1;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Returns true when the bytes, or for a signed schema 1 manifest the payload without the
   * signatures, hash to {@code expected}.
   */
  static boolean matchesDigest(byte[] bytes, Digest expected) {
    if (expected.matches(expected.newMessageDigest().digest(bytes))) {
      return true;
    }
    byte[] payload = signedPayload(bytes);
    return payload != null && expected.matches(expected.newMessageDigest().digest(payload));
  }

  /**
   * Returns the signed payload of a pretty-printed JWS manifest: its first {@code formatLength}
   * bytes followed by the decoded {@code formatTail}, both from the first signature's protected
   * header. Returns null when the bytes are not such a manifest.
   */
  static byte[] signedPayload(byte[] bytes) {
    try {
      JsonNode root = JSON.readTree(bytes);
      JsonNode header = root == null ? null : root.path("signatures").path(0).path("protected");
      if (header == null || !header.isTextual()) {
        return null;
      }
      JsonNode format = JSON.readTree(Base64.getUrlDecoder().decode(padded(header.asText())));
      long length = format.path("formatLength").asLong(-1);
      String tail = format.path("formatTail").asText(null);
      if (length < 0 || length > bytes.length || tail == null) {
        return null;
      }
      byte[] tailBytes = Base64.getUrlDecoder().decode(padded(tail));
      byte[] payload = Arrays.copyOf(bytes, (int) length + tailBytes.length);
      System.arraycopy(tailBytes, 0, payload, (int) length, tailBytes.length);
      return payload;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /** Parses the layer list and the history; a wrong type or a missing field names the manifest. */
  static Schema1Manifest parse(byte[] bytes, String image, String entry) throws ImageReadException {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new ImageReadException(image, null, entry, "the schema 1 manifest is not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new ImageReadException(image, null, entry, "the schema 1 manifest is not a JSON object");
    }
    JsonNode fsLayers = root.get("fsLayers");
    JsonNode history = root.get("history");
    if (fsLayers == null || !fsLayers.isArray() || history == null || !history.isArray()) {
      throw new ImageReadException(image, null, entry, "the schema 1 manifest needs the arrays 'fsLayers' and 'history'");
    }
    if (fsLayers.size() != history.size() || fsLayers.isEmpty()) {
      throw new ImageReadException(image, null, entry, "the schema 1 manifest has " + fsLayers.size()
          + " fsLayers but " + history.size() + " history entries; they must match and not be empty");
    }
    List<Digest> layers = new ArrayList<>();
    List<ObjectNode> entries = new ArrayList<>();
    for (int i = fsLayers.size() - 1; i >= 0; i--) {
      ObjectNode v1 = v1Compatibility(history.get(i), i, image, entry);
      entries.add(v1);
      if (v1.path("throwaway").asBoolean(false)) {
        continue;
      }
      String blobSum = fsLayers.get(i).path("blobSum").asText("");
      try {
        layers.add(Digest.parse(blobSum));
      } catch (IllegalArgumentException e) {
        throw new ImageReadException(image, null, entry, "fsLayers[" + i + "].blobSum is invalid: " + e.getMessage());
      }
    }
    return new Schema1Manifest(root.path("architecture").asText(""), layers, entries);
  }

  /**
   * Builds an image config: the top v1Compatibility object without its v1-only keys, with the
   * given diff ids and a history entry per v1Compatibility object.
   */
  byte[] config(List<Digest> diffIds) {
    ObjectNode config = history.get(history.size() - 1).deepCopy();
    for (String key : V1_ONLY_KEYS) {
      config.remove(key);
    }
    if (!config.hasNonNull("architecture") && !architecture.isEmpty()) {
      config.put("architecture", architecture);
    }
    if (!config.hasNonNull("os")) {
      config.put("os", "linux");
    }
    ArrayNode historyJson = config.putArray("history");
    for (ObjectNode v1 : history) {
      ObjectNode item = historyJson.addObject();
      copyText(v1, "created", item, "created");
      copyText(v1, "author", item, "author");
      copyText(v1, "comment", item, "comment");
      JsonNode cmd = v1.path("container_config").path("Cmd");
      if (cmd.isArray()) {
        List<String> parts = new ArrayList<>();
        cmd.forEach(part -> parts.add(part.asText()));
        item.put("created_by", String.join(" ", parts));
      }
      if (v1.path("throwaway").asBoolean(false)) {
        item.put("empty_layer", true);
      }
    }
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode ids = rootfs.putArray("diff_ids");
    diffIds.forEach(id -> ids.add(id.toString()));
    try {
      return JSON.writeValueAsBytes(config);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialize a config built from a JSON tree", e);
    }
  }

  private static ObjectNode v1Compatibility(JsonNode item, int index, String image, String entry) throws ImageReadException {
    JsonNode text = item == null ? null : item.get("v1Compatibility");
    if (text == null || !text.isTextual()) {
      throw new ImageReadException(image, null, entry, "history[" + index + "].v1Compatibility is missing or not a string");
    }
    try {
      JsonNode parsed = JSON.readTree(text.asText());
      if (parsed instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      // Reported below with the index.
    }
    throw new ImageReadException(image, null, entry, "history[" + index + "].v1Compatibility is not a JSON object");
  }

  private static void copyText(JsonNode from, String name, ObjectNode to, String target) {
    JsonNode value = from.get(name);
    if (value != null && value.isTextual()) {
      to.put(target, value.asText());
    }
  }

  private static String padded(String base64) {
    int remainder = base64.length() % 4;
    return remainder == 0 ? base64 : base64 + "=".repeat(4 - remainder);
  }
}
