package io.hullscope.ui.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.image.Descriptor;
import io.hullscope.image.ImageManifest;
import io.hullscope.image.ManifestParser;
import io.hullscope.sbom.SbomImport;
import io.hullscope.sbom.SbomImporter;
import io.hullscope.source.registry.RegistryClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the SBOM inside an attestation again from the registry: the DSSE envelope of a cosign
 * {@code .att} layer or of a Sigstore bundle referrer, its in-toto statement, and the statement's
 * predicate, which is the SPDX or CycloneDX document.
 */
final class AttestedSbom {

  /** Maximum size of an attestation layer read for its SBOM; the same as the largest SBOM the importer reads. */
  static final long MAX_ENVELOPE = SbomImporter.DEFAULT_MAX_BYTES;

  private static final Pattern COSIGN_LOCATION = Pattern.compile("tag (\\S+\\.att) layer (\\d+)");
  private static final Pattern REFERRER_LOCATION = Pattern.compile("referrer (\\S+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private AttestedSbom() {}

  /**
   * Fetches the attestation at {@code location}, as {@link io.hullscope.sign.SignatureFinder}
   * names it, and imports its predicate as an SBOM.
   *
   * @throws IOException when the attestation cannot be fetched or contains no SBOM the importer reads
   */
  static SbomImport read(RegistryClient client, String repository, String location) throws IOException {
    String image = client.registry() + "/" + repository;
    byte[] blob;
    Matcher cosign = COSIGN_LOCATION.matcher(location);
    Matcher referrer = REFERRER_LOCATION.matcher(location);
    if (cosign.matches()) {
      ImageManifest manifest = ManifestParser.parseManifest(
          client.fetchManifest(repository, cosign.group(1)).bytes(), image, "manifest " + cosign.group(1));
      int layer = Integer.parseInt(cosign.group(2));
      if (layer < 1 || layer > manifest.layers().size()) {
        throw new IOException("the attestation " + location + " is no longer in " + image);
      }
      blob = fetch(client, repository, manifest.layers().get(layer - 1), image);
    } else if (referrer.matches()) {
      ImageManifest manifest = ManifestParser.parseManifest(
          client.fetchManifest(repository, referrer.group(1)).bytes(), image, "referrer " + referrer.group(1));
      if (manifest.layers().size() != 1) {
        throw new IOException("the referrer " + referrer.group(1) + " has " + manifest.layers().size()
            + " layers, expected one");
      }
      blob = fetch(client, repository, manifest.layers().get(0), image);
    } else {
      throw new IOException("cannot read an SBOM from the attestation at '" + location + "'");
    }
    return new SbomImporter().read("attested SBOM " + location, predicate(blob, location));
  }

  /** Returns the predicate of the DSSE envelope in {@code blob}, as document bytes. */
  static byte[] predicate(byte[] blob, String location) throws IOException {
    JsonNode root = JSON.readTree(blob);
    if (root == null || !root.isObject()) {
      throw new IOException("the attestation at " + location + " is not a JSON object");
    }
    // A Sigstore bundle wraps the envelope; a cosign .att layer is the envelope itself.
    JsonNode envelope = root.has("dsseEnvelope") ? root.get("dsseEnvelope") : root;
    byte[] payload;
    try {
      payload = Base64.getDecoder().decode(envelope.path("payload").asText(""));
    } catch (IllegalArgumentException e) {
      throw new IOException("the DSSE payload of the attestation at " + location + " is not valid base64", e);
    }
    JsonNode statement = JSON.readTree(payload);
    JsonNode predicate = statement == null ? null : statement.get("predicate");
    if (predicate == null || predicate.isNull()) {
      throw new IOException("the in-toto statement at " + location + " has no predicate");
    }
    // Some tools store the SBOM document as a JSON string instead of an object.
    return predicate.isTextual() ? predicate.asText().getBytes(StandardCharsets.UTF_8)
        : JSON.writeValueAsBytes(predicate);
  }

  private static byte[] fetch(RegistryClient client, String repository, Descriptor layer, String image)
      throws IOException {
    if (layer.size() > MAX_ENVELOPE) {
      throw new IOException("the attestation layer " + layer.digest() + " has " + layer.size() + " bytes, more than "
          + MAX_ENVELOPE);
    }
    return client.fetchBlob(repository, layer, image);
  }
}
