package io.hullscope.sign;

import io.hullscope.image.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies Notary Project signatures in COSE_Sign1 envelopes (RFC 9052, media type {@code
 * application/cose}): the protected header (algorithm, critical labels, content type, signing
 * scheme {@code notary.x509}, signing time, expiry), the signature over the {@code Sig_structure},
 * the payload's target digest, and the {@code x5chain} certificates against the trust store.
 *
 * <p>Envelope rules: https://github.com/notaryproject/specifications/blob/main/specs/signature-envelope-cose.md
 */
final class NotationCoseVerifier {

  /** CBOR tag of COSE_Sign1 (RFC 9052, section 2). */
  static final long COSE_SIGN1_TAG = 18;
  /** Header labels (RFC 9052, section 3.1, and RFC 9360 for x5chain). */
  static final long ALG = 1;
  static final long CRIT = 2;
  static final long CONTENT_TYPE = 3;
  static final long X5CHAIN = 33;
  /** The unprotected header that carries an RFC 3161 timestamp token. */
  static final String TIMESTAMP_SIGNATURE = "io.cncf.notary.timestampSignature";

  /** Limits that keep a hostile envelope cheap to reject; real envelopes have a few dozen items. */
  static final int MAX_DEPTH = 16;
  static final int MAX_ITEMS = 10_000;

  /** COSE algorithm identifiers the Notary Project allows (IANA COSE Algorithms registry). */
  private enum Algorithm {
    ES256(-7, "SHA256withECDSAinP1363Format", 256),
    ES384(-35, "SHA384withECDSAinP1363Format", 384),
    ES512(-36, "SHA512withECDSAinP1363Format", 521),
    PS256(-37, "SHA-256", 256),
    PS384(-38, "SHA-384", 384),
    PS512(-39, "SHA-512", 512);

    final long id;
    final String digest;
    final int curveBits;

    Algorithm(long id, String digest, int curveBits) {
      this.id = id;
      this.digest = digest;
      this.curveBits = curveBits;
    }

    boolean isEcdsa() {
      return name().startsWith("ES");
    }

    static Algorithm of(Object id) {
      for (Algorithm algorithm : values()) {
        if (Long.valueOf(algorithm.id).equals(id)) {
          return algorithm;
        }
      }
      return null;
    }
  }

  private static final Set<String> KNOWN_CRITICAL = Set.of(NotationVerifier.SIGNING_SCHEME, NotationVerifier.EXPIRY,
      "io.cncf.notary.authenticSigningTime");

  private final NotationVerifier notation;
  private final int maxEnvelope;

  NotationCoseVerifier(NotationVerifier notation, int maxEnvelope) {
    this.notation = notation;
    this.maxEnvelope = maxEnvelope;
  }

  /** The parts of a COSE_Sign1 message. */
  private record Envelope(byte[] protectedBytes, Map<Object, Object> protectedHeader, Map<Object, Object> unprotected,
      byte[] payload, byte[] signature) {}

  SignatureResult verify(byte[] bytes, Digest imageDigest, String location) {
    List<String> notes = new ArrayList<>();
    if (bytes.length > maxEnvelope) {
      return result(null, null, Verdict.rejected(Verdict.Reason.MALFORMED,
          "the envelope has " + bytes.length + " bytes, more than " + maxEnvelope), location, notes);
    }
    Envelope envelope;
    List<X509Certificate> chain;
    try {
      envelope = envelope(bytes);
      chain = chain(envelope);
    } catch (Cbor.CborException | GeneralSecurityException | IllegalArgumentException e) {
      return result(null, null, Verdict.rejected(Verdict.Reason.MALFORMED,
          "the COSE envelope is invalid: " + e.getMessage()), location, notes);
    }
    X509Certificate leaf = chain.get(0);
    String signer = leaf.getSubjectX500Principal().getName() + " " + TrustedKey.fingerprint(leaf.getPublicKey());
    Instant signingTime;
    Instant expiry;
    try {
      signingTime = time(envelope.protectedHeader(), NotationVerifier.SIGNING_TIME, true);
      expiry = time(envelope.protectedHeader(), NotationVerifier.EXPIRY, false);
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      return result(signer, null, Verdict.rejected(Verdict.Reason.MALFORMED, e.getMessage()), location, notes);
    }
    Timestamps.describe(envelope.unprotected().get(TIMESTAMP_SIGNATURE), notes);
    Verdict verdict = judge(envelope, chain, signingTime, expiry, imageDigest, notes);
    return result(signer, signingTime, verdict, location, notes);
  }

  private Verdict judge(Envelope envelope, List<X509Certificate> chain, Instant signingTime, Instant expiry,
      Digest imageDigest, List<String> notes) {
    Map<Object, Object> header = envelope.protectedHeader();
    Object scheme = header.get(NotationVerifier.SIGNING_SCHEME);
    if (!"notary.x509".equals(scheme)) {
      return Verdict.rejected(Verdict.Reason.UNSUPPORTED, "signing scheme " + scheme + " is not verified, only notary.x509");
    }
    Algorithm algorithm = Algorithm.of(header.get(ALG));
    if (algorithm == null) {
      return Verdict.rejected(Verdict.Reason.UNSUPPORTED, "COSE algorithm " + header.get(ALG)
          + " is not allowed by the Notary Project (PS256/384/512, ES256/384/512)");
    }
    String critProblem = critProblem(header);
    if (critProblem != null) {
      return Verdict.rejected(Verdict.Reason.MALFORMED, critProblem);
    }
    if (!NotationVerifier.PAYLOAD_TYPE.equals(header.get(CONTENT_TYPE))) {
      return Verdict.rejected(Verdict.Reason.MALFORMED, "the content type is " + header.get(CONTENT_TYPE) + ", not "
          + NotationVerifier.PAYLOAD_TYPE);
    }
    Digest signed;
    try {
      signed = NotationVerifier.targetDigest(envelope.payload());
    } catch (IOException | IllegalArgumentException e) {
      return Verdict.rejected(Verdict.Reason.MALFORMED, "the payload is invalid: " + e.getMessage());
    }
    if (!signed.equals(imageDigest)) {
      return Verdict.rejected(Verdict.Reason.WRONG_DIGEST, "the signature is for " + signed + ", not for " + imageDigest);
    }
    X509Certificate leaf = chain.get(0);
    String keyProblem = keyProblem(algorithm, leaf.getPublicKey());
    if (keyProblem != null) {
      return Verdict.rejected(Verdict.Reason.BAD_SIGNATURE, keyProblem);
    }
    if (!signatureValid(algorithm, leaf.getPublicKey(), sigStructure(envelope), envelope.signature())) {
      return Verdict.rejected(Verdict.Reason.BAD_SIGNATURE,
          "the COSE signature does not verify with the key of " + leaf.getSubjectX500Principal());
    }
    return notation.checkTrust(chain, signingTime, expiry, notes);
  }

  private static Envelope envelope(byte[] bytes) throws Cbor.CborException {
    Object decoded = Cbor.decode(bytes, MAX_DEPTH, MAX_ITEMS);
    if (!(decoded instanceof Cbor.Tagged tagged) || tagged.tag() != COSE_SIGN1_TAG) {
      throw new IllegalArgumentException("the envelope is a " + Cbor.typeName(decoded) + ", not a COSE_Sign1 (tag 18)");
    }
    if (!(tagged.value() instanceof List<?> parts) || parts.size() != 4) {
      throw new IllegalArgumentException("COSE_Sign1 must be an array of four elements");
    }
    byte[] protectedBytes = bytes(parts.get(0), "the protected header");
    byte[] payload = bytes(parts.get(2), "the payload (detached payloads are not used by the Notary Project)");
    byte[] signature = bytes(parts.get(3), "the signature");
    if (!(parts.get(1) instanceof Map<?, ?> unprotected)) {
      throw new IllegalArgumentException("the unprotected header is a " + Cbor.typeName(parts.get(1)) + ", not a map");
    }
    Object header = protectedBytes.length == 0 ? Map.of() : Cbor.decode(protectedBytes, MAX_DEPTH, MAX_ITEMS);
    if (!(header instanceof Map<?, ?> protectedHeader)) {
      throw new IllegalArgumentException("the protected header is a " + Cbor.typeName(header) + ", not a map");
    }
    return new Envelope(protectedBytes, cast(protectedHeader), cast(unprotected), payload, signature);
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Object> cast(Map<?, ?> map) {
    return (Map<Object, Object>) map;
  }

  private static byte[] bytes(Object value, String name) {
    if (!(value instanceof byte[] bytes)) {
      throw new IllegalArgumentException(name + " is a " + Cbor.typeName(value) + ", not a byte string");
    }
    return bytes;
  }

  /** Reads {@code x5chain}: one certificate as a byte string, or an array of them, leaf first. */
  private static List<X509Certificate> chain(Envelope envelope) throws GeneralSecurityException {
    Object x5chain = envelope.unprotected().get(X5CHAIN);
    if (x5chain == null) {
      x5chain = envelope.protectedHeader().get(X5CHAIN);
    }
    // RFC 9360 allows one certificate as a byte string or a chain as an array of them.
    List<?> entries = null;
    if (x5chain instanceof byte[]) {
      entries = List.of(x5chain);
    } else if (x5chain instanceof List<?> list) {
      entries = list;
    }
    if (entries == null || entries.isEmpty()) {
      throw new IllegalArgumentException("the header has no x5chain certificate chain");
    }
    if (entries.size() > Certificates.MAX_CHAIN_LENGTH) {
      throw new IllegalArgumentException("the x5chain has " + entries.size() + " certificates, more than "
          + Certificates.MAX_CHAIN_LENGTH);
    }
    List<X509Certificate> chain = new ArrayList<>();
    for (Object entry : entries) {
      List<X509Certificate> parsed = PemFiles.certificates(bytes(entry, "an x5chain entry"));
      if (parsed.size() != 1) {
        throw new IllegalArgumentException("an x5chain entry does not contain exactly one certificate");
      }
      chain.add(parsed.get(0));
    }
    return chain;
  }

  /** Returns why the {@code crit} header is unacceptable, or null (RFC 9052, section 3.1). */
  private static String critProblem(Map<Object, Object> header) {
    if (!(header.get(CRIT) instanceof List<?> crit) || crit.isEmpty()) {
      return "the protected header has no crit list";
    }
    for (Object label : crit) {
      if (!(label instanceof String name) || !KNOWN_CRITICAL.contains(name)) {
        return "the critical header " + label + " is not understood, so the signature must not be accepted";
      }
      if (!header.containsKey(label)) {
        return "the critical header " + label + " is listed in crit but missing";
      }
    }
    if (!crit.contains(NotationVerifier.SIGNING_SCHEME)) {
      return "crit does not list " + NotationVerifier.SIGNING_SCHEME;
    }
    if (header.containsKey(NotationVerifier.EXPIRY) && !crit.contains(NotationVerifier.EXPIRY)) {
      return "crit does not list " + NotationVerifier.EXPIRY + ", which is present";
    }
    return null;
  }

  private static String keyProblem(Algorithm algorithm, PublicKey key) {
    if (algorithm.isEcdsa()) {
      if (!(key instanceof ECPublicKey ec)) {
        return algorithm + " needs an EC key, and the certificate has " + key.getAlgorithm();
      }
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return bits == algorithm.curveBits ? null : algorithm + " needs a " + algorithm.curveBits
          + "-bit curve, and the certificate's key uses " + bits + " bits";
    }
    return key instanceof RSAPublicKey ? null : algorithm + " needs an RSA key, and the certificate has "
        + key.getAlgorithm();
  }

  private static boolean signatureValid(Algorithm algorithm, PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature verifier;
      if (algorithm.isEcdsa()) {
        // COSE carries ECDSA signatures as r || s (RFC 9053, section 2.1), the JDK's P1363 format.
        verifier = Signature.getInstance(algorithm.digest);
      } else {
        // RFC 8230: RSASSA-PSS with MGF1 on the same hash and a salt as long as the hash.
        verifier = Signature.getInstance("RSASSA-PSS");
        int saltLength = Integer.parseInt(algorithm.name().substring(2)) / 8;
        verifier.setParameter(new PSSParameterSpec(algorithm.digest, "MGF1", new MGF1ParameterSpec(algorithm.digest),
            saltLength, 1));
      }
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Builds {@code ["Signature1", body_protected, external_aad (empty), payload]} (RFC 9052, section 4.4). */
  static byte[] sigStructure(byte[] protectedBytes, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Cbor.head(out, 4, 4);
    Cbor.textString(out, "Signature1");
    Cbor.byteString(out, protectedBytes);
    Cbor.byteString(out, new byte[0]);
    Cbor.byteString(out, payload);
    return out.toByteArray();
  }

  private static byte[] sigStructure(Envelope envelope) {
    return sigStructure(envelope.protectedBytes(), envelope.payload());
  }

  /**
   * Reads a time header: a tag 1 epoch time (as notation writes it), a tag 0 RFC 3339 text, or a
   * bare integer of seconds.
   */
  private static Instant time(Map<Object, Object> header, String name, boolean required) {
    Object value = header.get(name);
    if (value == null) {
      if (required) {
        throw new IllegalArgumentException("the protected header has no " + name);
      }
      return null;
    }
    Object content = value instanceof Cbor.Tagged tagged && (tagged.tag() == 0 || tagged.tag() == 1)
        ? tagged.value() : value;
    if (content instanceof Long seconds && !(value instanceof Cbor.Tagged tagged && tagged.tag() == 0)) {
      return Instant.ofEpochSecond(seconds);
    }
    if (content instanceof String text && value instanceof Cbor.Tagged tagged && tagged.tag() == 0) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(name + " '" + text + "' is not an RFC 3339 time", e);
      }
    }
    throw new IllegalArgumentException(name + " is a " + Cbor.typeName(value) + ", not a CBOR date/time");
  }

  private static SignatureResult result(String signer, Instant time, Verdict verdict, String location,
      List<String> notes) {
    return new SignatureResult(SignatureKind.NOTATION_COSE, location, signer, time, null, verdict, notes);
  }
}
