package io.hullscope.sign;

import com.fasterxml.jackson.databind.JsonNode;
import io.hullscope.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * DSSE envelopes and the in-toto statements inside them.
 *
 * <p>Format: https://github.com/secure-systems-lab/dsse/blob/master/envelope.md
 */
final class Dsse {

  static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

  private Dsse() {}

  /** Returns the in-toto statement of an envelope, rejecting other payload types. */
  static JsonNode statement(JsonNode envelope) throws IOException {
    if (!IN_TOTO_PAYLOAD_TYPE.equals(envelope.path("payloadType").asText())) {
      throw new IllegalArgumentException("the DSSE payload type is '" + envelope.path("payloadType").asText()
          + "', not " + IN_TOTO_PAYLOAD_TYPE);
    }
    JsonNode statement = CosignVerifier.JSON.readTree(payload(envelope));
    if (statement == null || !statement.isObject()) {
      throw new IllegalArgumentException("the DSSE payload is not a JSON object");
    }
    return statement;
  }

  /** Returns the decoded payload bytes. */
  static byte[] payload(JsonNode envelope) {
    return Base64.getDecoder().decode(envelope.path("payload").asText(""));
  }

  /** Returns true when a subject of the statement has the digest. */
  static boolean subjectMatches(JsonNode statement, Digest digest) {
    for (JsonNode subject : statement.path("subject")) {
      if (digest.hex().equalsIgnoreCase(subject.path("digest").path(digest.algorithm()).asText())) {
        return true;
      }
    }
    return false;
  }

  /** Returns the pre-authentication encoding that DSSE signatures sign. */
  static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    byte[] header = ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ")
        .getBytes(StandardCharsets.UTF_8);
    byte[] encoded = new byte[header.length + payload.length];
    System.arraycopy(header, 0, encoded, 0, header.length);
    System.arraycopy(payload, 0, encoded, header.length, payload.length);
    return encoded;
  }
}
