package io.hullscope.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import io.hullscope.image.Digest;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies Notary Project signatures: JWS envelopes with nimbus-jose-jwt against the trust store's
 * certificates, and COSE_Sign1 envelopes with {@link NotationCoseVerifier}.
 *
 * <p>Envelope rules: https://github.com/notaryproject/specifications/blob/main/specs/signature-envelope-jws.md
 * and signature-envelope-cose.md in the same folder.
 */
public final class NotationVerifier {

  public static final String ARTIFACT_TYPE = "application/vnd.cncf.notary.signature";
  public static final String JWS_MEDIA_TYPE = "application/jose+json";
  public static final String COSE_MEDIA_TYPE = "application/cose";

  /** Maximum envelope size read; real ones are a few KiB with their certificate chain. */
  public static final int DEFAULT_MAX_ENVELOPE = 1024 * 1024;

  static final String SIGNING_SCHEME = "io.cncf.notary.signingScheme";
  static final String SIGNING_TIME = "io.cncf.notary.signingTime";
  static final String EXPIRY = "io.cncf.notary.expiry";
  static final String PAYLOAD_TYPE = "application/vnd.cncf.notary.payload.v1+json";

  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.PS256, JWSAlgorithm.PS384,
      JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
  private static final Set<String> KNOWN_CRITICAL = Set.of(SIGNING_SCHEME, EXPIRY,
      "io.cncf.notary.authenticSigningTime", "io.cncf.notary.verificationPlugin",
      "io.cncf.notary.verificationPluginMinVersion");

  private final TrustPolicy policy;
  private final int maxEnvelope;
  private final java.time.Clock clock;

  NotationVerifier(TrustPolicy policy, int maxEnvelope, java.time.Clock clock) {
    this.policy = policy;
    this.maxEnvelope = maxEnvelope;
    this.clock = clock;
  }

  /** Verifies a COSE_Sign1 envelope against the image manifest digest. */
  public SignatureResult verifyCose(byte[] envelope, Digest imageDigest, String location) {
    return new NotationCoseVerifier(this, maxEnvelope).verify(envelope, imageDigest, location);
  }

  /** Verifies a JWS envelope (flattened JSON serialization) against the image manifest digest. */
  public SignatureResult verifyJws(byte[] envelope, Digest imageDigest, String location) {
    List<String> notes = new ArrayList<>();
    if (envelope.length > maxEnvelope) {
      return result(null, null, Verdict.rejected(Verdict.Reason.MALFORMED,
          "the envelope has " + envelope.length + " bytes, more than " + maxEnvelope), location, notes);
    }
    JWSObject jws;
    List<X509Certificate> chain;
    JsonNode unprotected;
    try {
      JsonNode root = CosignVerifier.JSON.readTree(envelope);
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("the envelope is not a JSON object");
      }
      jws = JWSObject.parse(text(root, "protected") + "." + text(root, "payload") + "." + text(root, "signature"));
      unprotected = root.path("header");
      chain = certificateChain(unprotected.path("x5c"));
    } catch (IOException | ParseException | GeneralSecurityException | IllegalArgumentException e) {
      return result(null, null, Verdict.rejected(Verdict.Reason.MALFORMED,
          "the JWS envelope is invalid: " + e.getMessage()), location, notes);
    }

    X509Certificate leaf = chain.get(0);
    String signer = leaf.getSubjectX500Principal().getName() + " " + TrustedKey.fingerprint(leaf.getPublicKey());
    Claims claims;
    try {
      claims = claims(jws);
    } catch (IllegalArgumentException | IOException e) {
      return result(signer, null, Verdict.rejected(Verdict.Reason.MALFORMED, e.getMessage()), location, notes);
    }

    JsonNode token = unprotected.path(NotationCoseVerifier.TIMESTAMP_SIGNATURE);
    Timestamps.describe(token.isTextual() ? token.asText() : null, notes);
    Verdict verdict = judge(jws, chain, claims, imageDigest, notes);
    return result(signer, claims.signingTime(), verdict, location, notes);
  }

  /** The protected header fields and payload digest that the checks need. */
  private record Claims(Object signingScheme, Instant signingTime, Instant expiry, Digest signed) {}

  private static Claims claims(JWSObject jws) throws IOException {
    Map<String, Object> header = jws.getHeader().toJSONObject();
    return new Claims(header.get(SIGNING_SCHEME), instant(header.get(SIGNING_TIME), SIGNING_TIME, true),
        instant(header.get(EXPIRY), EXPIRY, false), targetDigest(jws));
  }

  private Verdict judge(JWSObject jws, List<X509Certificate> chain, Claims claims, Digest imageDigest,
      List<String> notes) {
    X509Certificate leaf = chain.get(0);
    if (!"notary.x509".equals(claims.signingScheme())) {
      return Verdict.rejected(Verdict.Reason.UNSUPPORTED,
          "signing scheme " + claims.signingScheme() + " is not verified, only notary.x509");
    }
    if (!ALGORITHMS.contains(jws.getHeader().getAlgorithm())) {
      return Verdict.rejected(Verdict.Reason.UNSUPPORTED,
          "JWS algorithm " + jws.getHeader().getAlgorithm() + " is not allowed by the Notary Project");
    }
    if (!claims.signed().equals(imageDigest)) {
      return Verdict.rejected(Verdict.Reason.WRONG_DIGEST,
          "the signature is for " + claims.signed() + ", not for " + imageDigest);
    }
    try {
      if (!jws.verify(verifier(leaf))) {
        return Verdict.rejected(Verdict.Reason.BAD_SIGNATURE,
            "the JWS signature does not verify with the key of " + leaf.getSubjectX500Principal());
      }
    } catch (JOSEException | IllegalStateException e) {
      return Verdict.rejected(Verdict.Reason.BAD_SIGNATURE, "the JWS signature cannot be checked: " + e.getMessage());
    }

    return checkTrust(chain, claims.signingTime(), claims.expiry(), notes);
  }

  /**
   * Runs the checks that follow a valid signature, the same for JWS and COSE: expiry, the chain to a
   * trusted root now, and the signing time within the leaf's validity.
   */
  Verdict checkTrust(List<X509Certificate> chain, Instant signingTime, Instant expiry, List<String> notes) {
    X509Certificate leaf = chain.get(0);
    Instant now = clock.instant();
    if (expiry != null && now.isAfter(expiry)) {
      return Verdict.rejected(Verdict.Reason.EXPIRED, "the signature expired at " + expiry);
    }
    // Without a verified timestamp the Notary Project requires the chain to be valid now, not only at signing.
    notes.add("signing time " + signingTime + " is the signer's claim, because timestamp countersignatures"
        + " are not verified");
    Certificates.ChainCheck check = Certificates.validate(chain, policy.roots(), now);
    if (!check.trusted()) {
      return Verdict.rejected(check.problem(), check.detail());
    }
    if (signingTime.isBefore(leaf.getNotBefore().toInstant()) || signingTime.isAfter(leaf.getNotAfter().toInstant())) {
      return Verdict.rejected(Verdict.Reason.EXPIRED,
          "the signing time " + signingTime + " is outside the validity of " + leaf.getSubjectX500Principal());
    }
    return Verdict.verified(policy.describeRoot(check.anchor()), check.detail());
  }

  private static JWSVerifier verifier(X509Certificate leaf) throws JOSEException {
    if (leaf.getPublicKey() instanceof RSAPublicKey rsa) {
      return new RSASSAVerifier(rsa, KNOWN_CRITICAL);
    }
    if (leaf.getPublicKey() instanceof ECPublicKey ec) {
      return new ECDSAVerifier(ec, KNOWN_CRITICAL);
    }
    throw new JOSEException("the certificate key is " + leaf.getPublicKey().getAlgorithm() + ", not RSA or EC");
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.path(field);
    if (!node.isTextual() || node.asText().isEmpty()) {
      throw new IllegalArgumentException("the field '" + field + "' is missing or not a string");
    }
    return node.asText();
  }

  private static List<X509Certificate> certificateChain(JsonNode x5c) throws GeneralSecurityException {
    if (!x5c.isArray() || x5c.isEmpty()) {
      throw new IllegalArgumentException("the unprotected header has no x5c certificate chain");
    }
    if (x5c.size() > Certificates.MAX_CHAIN_LENGTH) {
      throw new IllegalArgumentException("the x5c chain has " + x5c.size() + " certificates, more than "
          + Certificates.MAX_CHAIN_LENGTH);
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (JsonNode entry : x5c) {
      List<X509Certificate> parsed = PemFiles.certificates(Base64.getDecoder().decode(entry.asText("")));
      if (parsed.size() != 1) {
        throw new IllegalArgumentException("an x5c entry does not contain exactly one certificate");
      }
      chain.add(parsed.get(0));
    }
    return chain;
  }

  private static Digest targetDigest(JWSObject jws) throws IOException {
    if (!PAYLOAD_TYPE.equals(jws.getHeader().getContentType())) {
      throw new IllegalArgumentException("the content type is " + jws.getHeader().getContentType() + ", not " + PAYLOAD_TYPE);
    }
    return targetDigest(jws.getPayload().toBytes());
  }

  /** Returns {@code targetArtifact.digest} of a Notary Project payload. */
  static Digest targetDigest(byte[] payloadJson) throws IOException {
    JsonNode payload = CosignVerifier.JSON.readTree(payloadJson);
    JsonNode digest = payload == null ? null : payload.path("targetArtifact").path("digest");
    if (digest == null || !digest.isTextual()) {
      throw new IllegalArgumentException("the payload has no targetArtifact.digest");
    }
    return Digest.parse(digest.asText());
  }

  private static Instant instant(Object value, String name, boolean required) {
    if (value == null) {
      if (required) {
        throw new IllegalArgumentException("the protected header has no " + name);
      }
      return null;
    }
    try {
      return OffsetDateTime.parse(value.toString()).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " '" + value + "' is not an RFC 3339 time", e);
    }
  }

  private static SignatureResult result(String signer, Instant time, Verdict verdict, String location, List<String> notes) {
    return new SignatureResult(SignatureKind.NOTATION_JWS, location, signer, time, null, verdict, notes);
  }
}
