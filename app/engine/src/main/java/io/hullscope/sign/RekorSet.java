package io.hullscope.sign;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * A Rekor signed entry timestamp (SET) as cosign stores it in the {@code dev.sigstore.cosign/bundle}
 * annotation: {@code {"SignedEntryTimestamp": b64, "Payload": {body, integratedTime, logIndex, logID}}}.
 * The SET is an ECDSA signature by the log over the canonical JSON of the payload (keys sorted, no
 * spaces), so a valid SET proves the log saw the entry at {@code integratedTime}.
 */
record RekorSet(byte[] signedEntryTimestamp, String body, long integratedTime, long logIndex, String logId) {

  static RekorSet parse(JsonNode bundle) {
    JsonNode payload = bundle.path("Payload");
    String set = bundle.path("SignedEntryTimestamp").asText("");
    if (set.isEmpty() || !payload.isObject() || !payload.path("body").isTextual()
        || !payload.path("integratedTime").canConvertToLong() || !payload.path("logIndex").canConvertToLong()
        || !payload.path("logID").isTextual()) {
      throw new IllegalArgumentException("the Rekor bundle lacks SignedEntryTimestamp, body, integratedTime, logIndex or logID");
    }
    return new RekorSet(Base64.getDecoder().decode(set), payload.path("body").asText(),
        payload.path("integratedTime").asLong(), payload.path("logIndex").asLong(), payload.path("logID").asText());
  }

  Instant time() {
    return Instant.ofEpochSecond(integratedTime);
  }

  /** Returns the exact bytes the log signed. */
  byte[] canonicalPayload() {
    // Keys in sorted order: body, integratedTime, logID, logIndex. Values need JSON escaping only
    // for body (base64) and logID (hex), which contain no characters that need it.
    String json = "{\"body\":\"" + body + "\",\"integratedTime\":" + integratedTime + ",\"logID\":\"" + logId
        + "\",\"logIndex\":" + logIndex + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** Returns true when one of {@code logKeys} signed this SET. */
  boolean verify(List<PublicKey> logKeys) {
    if (!body.matches("[A-Za-z0-9+/=]*") || !logId.matches("[0-9a-fA-F]*")) {
      return false;
    }
    for (PublicKey key : logKeys) {
      if (Signatures.verify(key, canonicalPayload(), signedEntryTimestamp)) {
        return true;
      }
    }
    return false;
  }
}
