package io.hullscope.sign;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** Checks that a Rekor entry body records the signature being verified. */
final class LogEntries {

  private LogEntries() {}

  /**
   * Returns null when the body is a {@code hashedrekord} entry for {@code signature} over
   * {@code payload}, otherwise a sentence saying what differs. Other entry kinds are rejected
   * because classic cosign signatures are always logged as {@code hashedrekord}.
   */
  static String hashedRekordMismatch(String bodyBase64, byte[] payload, byte[] signature) {
    JsonNode body;
    try {
      body = CosignVerifier.JSON.readTree(Base64.getDecoder().decode(bodyBase64));
    } catch (java.io.IOException | IllegalArgumentException e) {
      return "the Rekor entry body is not valid base64 JSON";
    }
    if (body == null || !"hashedrekord".equals(body.path("kind").asText())) {
      return "the Rekor entry is not a hashedrekord entry";
    }
    JsonNode spec = body.path("spec");
    String hash = spec.path("data").path("hash").path("value").asText("");
    String algorithm = spec.path("data").path("hash").path("algorithm").asText("");
    if (!"sha256".equals(algorithm) || !hash.equalsIgnoreCase(sha256Hex(payload))) {
      return "the Rekor entry records another payload (hash " + hash + ")";
    }
    byte[] logged;
    try {
      logged = Base64.getDecoder().decode(spec.path("signature").path("content").asText(""));
    } catch (IllegalArgumentException e) {
      return "the Rekor entry's signature is not valid base64";
    }
    if (!Arrays.equals(logged, signature)) {
      return "the Rekor entry records another signature";
    }
    return null;
  }

  static String sha256Hex(byte[] data) {
    try {
      return CosignVerifier.hex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
