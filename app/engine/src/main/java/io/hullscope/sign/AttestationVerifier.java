package io.hullscope.sign;

import com.fasterxml.jackson.databind.JsonNode;
import io.hullscope.image.Digest;
import java.io.IOException;
import java.util.Base64;
import java.util.List;

/**
 * Lists and verifies cosign attestations ({@code sha256-<hex>.att}): each layer is a DSSE envelope
 * with an in-toto statement, signed with a key. The statement's subject must be the image digest
 * and the DSSE signature must verify with a trusted key.
 */
final class AttestationVerifier {

  static final String DSSE_MEDIA_TYPE = "application/vnd.dsse.envelope.v1+json";

  private final TrustPolicy policy;
  private final int maxEnvelope;

  AttestationVerifier(TrustPolicy policy, int maxEnvelope) {
    this.policy = policy;
    this.maxEnvelope = maxEnvelope;
  }

  SignatureResult verify(byte[] envelopeBytes, Digest imageDigest, String location) {
    if (envelopeBytes.length > maxEnvelope) {
      return result(null, Verdict.rejected(Verdict.Reason.MALFORMED, "the envelope has " + envelopeBytes.length
          + " bytes, more than " + maxEnvelope), location);
    }
    JsonNode envelope;
    JsonNode statement;
    try {
      envelope = CosignVerifier.JSON.readTree(envelopeBytes);
      if (envelope == null || !envelope.isObject()) {
        throw new IllegalArgumentException("the envelope is not a JSON object");
      }
      statement = Dsse.statement(envelope);
    } catch (IOException | IllegalArgumentException e) {
      return result(null, Verdict.rejected(Verdict.Reason.MALFORMED, "the DSSE envelope is invalid: " + e.getMessage()),
          location);
    }
    String predicateType = statement.path("predicateType").asText(null);
    if (!Dsse.subjectMatches(statement, imageDigest)) {
      return result(predicateType, Verdict.rejected(Verdict.Reason.WRONG_DIGEST,
          "the in-toto statement has no subject with digest " + imageDigest), location);
    }
    if (policy.keys().isEmpty()) {
      return result(predicateType, Verdict.rejected(Verdict.Reason.NO_TRUSTED_KEY,
          "the attestation is signed with a key, and no public key is trusted"), location);
    }
    byte[] pae = Dsse.pae(envelope.path("payloadType").asText(), Dsse.payload(envelope));
    for (JsonNode signature : envelope.path("signatures")) {
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(signature.path("sig").asText(""));
      } catch (IllegalArgumentException e) {
        continue;
      }
      for (TrustedKey key : policy.keys()) {
        if (Signatures.verify(key.key(), pae, bytes)) {
          return new SignatureResult(SignatureKind.ATTESTATION, location, key.fingerprint(), null, predicateType,
              Verdict.verified(key.describe(), "the DSSE signature verifies with a trusted key"), List.of());
        }
      }
    }
    return result(predicateType, Verdict.rejected(Verdict.Reason.BAD_SIGNATURE,
        "no DSSE signature verifies with any of the " + policy.keys().size() + " trusted keys"), location);
  }

  private static SignatureResult result(String predicateType, Verdict verdict, String location) {
    return new SignatureResult(SignatureKind.ATTESTATION, location, null, null, predicateType, verdict, List.of());
  }
}
