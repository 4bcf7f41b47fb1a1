package io.hullscope.source.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.image.Digest;
import io.hullscope.image.MediaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small JSON files of one pass over a save stream, and the layer locations their manifests
 * give for one image. A manifest counts only when its config's {@code rootfs.diff_ids} equal the
 * image's diff ids, so other images in the same stream and attestation manifests are ignored.
 * Both the legacy {@code manifest.json} and OCI image manifests stored as blobs are read.
 */
final class SaveManifests {

  static final Pattern BLOB = Pattern.compile("blobs/(sha256|sha512)/([0-9a-f]{64}|[0-9a-f]{128})");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Digest> diffIds;
  private final Map<String, byte[]> files = new HashMap<>();
  private final Set<String> manifests = new LinkedHashSet<>();

  SaveManifests(List<Digest> diffIds) {
    this.diffIds = List.copyOf(diffIds);
  }

  /**
   * One layer blob a manifest names.
   *
   * @param entry the tar entry of the blob
   * @param digest the blob digest; the diff id for a legacy {@code layer.tar}
   * @param mediaType the declared media type, or null when the manifest does not give one
   * @param size the blob size from the manifest, or -1
   */
  record LocatedBlob(String entry, int layerIndex, Digest digest, String mediaType, long size) {}

  /** Adds one parsed JSON file of the stream. */
  void add(String name, byte[] bytes, JsonNode json) {
    files.put(name, bytes);
    boolean ociManifest = json.path("layers").isArray() && json.path("config").path("digest").isTextual();
    if (ociManifest || name.equals("manifest.json")) {
      manifests.add(name);
    }
  }

  /** Returns true when {@code config} is an image config with exactly these diff ids. */
  boolean isConfigOfImage(JsonNode config) {
    JsonNode ids = config.path("rootfs").path("diff_ids");
    if (!ids.isArray() || ids.size() != diffIds.size()) {
      return false;
    }
    for (int i = 0; i < ids.size(); i++) {
      if (!diffIds.get(i).toString().equals(ids.get(i).asText())) {
        return false;
      }
    }
    return true;
  }

  /** Returns the layer blobs that the manifests added so far name for this image. */
  List<LocatedBlob> locate() {
    List<LocatedBlob> located = new ArrayList<>();
    for (String name : manifests) {
      JsonNode manifest = parse(files.get(name));
      if (name.equals("manifest.json")) {
        locateLegacy(manifest, located);
      } else {
        locateOci(manifest, located);
      }
    }
    return located;
  }

  private void locateLegacy(JsonNode dockerManifest, List<LocatedBlob> located) {
    for (JsonNode item : dockerManifest) {
      JsonNode layers = item.path("Layers");
      if (layers.size() != diffIds.size() || !isConfigOfImage(parse(files.get(item.path("Config").asText(""))))) {
        continue;
      }
      for (int i = 0; i < layers.size(); i++) {
        String entry = normalize(layers.get(i).asText(""));
        Matcher blob = BLOB.matcher(entry);
        // A legacy layer.tar is the uncompressed layer, so its digest is the diff id.
        Digest digest = blob.matches() ? new Digest(blob.group(1), blob.group(2)) : diffIds.get(i);
        String mediaType = digest.equals(diffIds.get(i)) ? MediaType.OCI_LAYER : null;
        located.add(new LocatedBlob(entry, i, digest, mediaType, -1));
      }
    }
  }

  private void locateOci(JsonNode manifest, List<LocatedBlob> located) {
    JsonNode layers = manifest.path("layers");
    Digest configDigest = digestOrNull(manifest.path("config").path("digest").asText(null));
    if (configDigest == null || layers.size() != diffIds.size()
        || !isConfigOfImage(parse(files.get(blobName(configDigest))))) {
      return;
    }
    for (int i = 0; i < layers.size(); i++) {
      JsonNode descriptor = layers.get(i);
      Digest digest = digestOrNull(descriptor.path("digest").asText(null));
      if (digest != null) {
        located.add(new LocatedBlob(blobName(digest), i, digest, descriptor.path("mediaType").asText(null),
            descriptor.path("size").asLong(-1)));
      }
    }
  }

  /** Parses JSON, returning a missing node for absent or invalid input. */
  static JsonNode parse(byte[] bytes) {
    if (bytes == null) {
      return JSON.missingNode();
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      return node == null ? JSON.missingNode() : node;
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  /** Strips leading {@code ./} from a tar entry name. */
  static String normalize(String name) {
    String result = name;
    while (result.startsWith("./")) {
      result = result.substring(2);
    }
    return result;
  }

  private static Digest digestOrNull(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Digest.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String blobName(Digest digest) {
    return "blobs/" + digest.algorithm() + "/" + digest.hex();
  }
}
