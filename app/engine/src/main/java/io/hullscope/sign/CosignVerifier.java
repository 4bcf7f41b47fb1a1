package io.hullscope.sign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.image.Digest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Verifies one layer of a cosign classic signature manifest ({@code sha256-<hex>.sig}): the
 * simple-signing payload, the signature annotation, an optional certificate and chain, and an
 * optional Rekor SET.
 *
 * <p>Layout: https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md
 */
public final class CosignVerifier {

  public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
  public static final String CERTIFICATE_ANNOTATION = "dev.sigstore.cosign/certificate";
  public static final String CHAIN_ANNOTATION = "dev.sigstore.cosign/chain";
  public static final String BUNDLE_ANNOTATION = "dev.sigstore.cosign/bundle";
  public static final String SIMPLE_SIGNING_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";

  /** Maximum payload size parsed; a simple-signing payload is a few hundred bytes. */
  public static final int DEFAULT_MAX_PAYLOAD = 64 * 1024;

  static final ObjectMapper JSON = new ObjectMapper();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
  }

  private final TrustPolicy policy;
  private final SigstoreTrustedRoot trustedRoot;
  private final int maxPayload;

  /**
   * @param trustedRoot the parsed Sigstore trusted root of the policy, or null when it has none
   */
  CosignVerifier(TrustPolicy policy, SigstoreTrustedRoot trustedRoot, int maxPayload) {
    this.policy = policy;
    this.trustedRoot = trustedRoot;
    this.maxPayload = maxPayload;
  }

  /**
   * Verifies a signature layer against the image's manifest digest.
   *
   * @param payload the layer blob (the simple-signing JSON)
   * @param annotations the layer's annotations
   * @param location how the result names where the signature was found
   */
  public SignatureResult verify(byte[] payload, Map<String, String> annotations, Digest imageDigest, String location) {
    List<String> notes = new ArrayList<>();
    Outcome outcome = check(payload, annotations, imageDigest, notes);
    return new SignatureResult(SignatureKind.COSIGN_SIMPLE_SIGNING, location, outcome.signer, outcome.time, null,
        outcome.verdict, notes);
  }

  private record Outcome(Verdict verdict, String signer, Instant time) {}

  private Outcome check(byte[] payload, Map<String, String> annotations, Digest imageDigest, List<String> notes) {
    if (payload.length > maxPayload) {
      return rejected(Verdict.Reason.MALFORMED, "the payload has " + payload.length + " bytes, more than " + maxPayload);
    }
    Digest signed;
    try {
      signed = signedDigest(payload);
    } catch (IllegalArgumentException | java.io.IOException e) {
      return rejected(Verdict.Reason.MALFORMED, "the simple-signing payload is invalid: " + e.getMessage());
    }
    byte[] signature;
    try {
      signature = Base64.getMimeDecoder().decode(annotations.getOrDefault(SIGNATURE_ANNOTATION, ""));
    } catch (IllegalArgumentException e) {
      return rejected(Verdict.Reason.MALFORMED, "the " + SIGNATURE_ANNOTATION + " annotation is not valid base64");
    }
    if (signature.length == 0) {
      return rejected(Verdict.Reason.MALFORMED, "the " + SIGNATURE_ANNOTATION + " annotation is missing or empty");
    }
    if (!signed.equals(imageDigest)) {
      return rejected(Verdict.Reason.WRONG_DIGEST, "the signature is for " + signed + ", not for " + imageDigest);
    }

    RekorSet set = null;
    String bundle = annotations.get(BUNDLE_ANNOTATION);
    if (bundle != null) {
      try {
        set = RekorSet.parse(JSON.readTree(bundle));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        return rejected(Verdict.Reason.MALFORMED, "the " + BUNDLE_ANNOTATION + " annotation is invalid: " + e.getMessage());
      }
      Verdict.Reason logProblem = checkLogEntry(set, payload, signature, notes);
      if (logProblem != null) {
        return new Outcome(Verdict.rejected(logProblem, notes.remove(notes.size() - 1)), null, set.time());
      }
    }
    Instant time = set == null ? null : set.time();

    String certificatePem = annotations.get(CERTIFICATE_ANNOTATION);
    if (certificatePem != null && !certificatePem.isBlank()) {
      return checkCertificate(certificatePem, annotations.get(CHAIN_ANNOTATION), payload, signature, set, notes);
    }
    return checkKeys(payload, signature, time);
  }

  /** Returns the manifest digest a simple-signing payload signs. */
  static Digest signedDigest(byte[] payload) throws java.io.IOException {
    JsonNode root = JSON.readTree(payload);
    JsonNode digest = root == null ? null : root.path("critical").path("image").path("docker-manifest-digest");
    if (digest == null || !digest.isTextual()) {
      throw new IllegalArgumentException("critical.image.docker-manifest-digest is missing");
    }
    return Digest.parse(digest.asText());
  }

  private Outcome checkKeys(byte[] payload, byte[] signature, Instant time) {
    if (policy.keys().isEmpty()) {
      return new Outcome(Verdict.rejected(Verdict.Reason.NO_TRUSTED_KEY,
          "the signature is made with a key, and no public key is trusted"), null, time);
    }
    for (TrustedKey key : policy.keys()) {
      if (Signatures.verify(key.key(), payload, signature)) {
        return new Outcome(Verdict.verified(key.describe(), "the payload signature verifies with a trusted key"),
            key.fingerprint(), time);
      }
    }
    return new Outcome(Verdict.rejected(Verdict.Reason.BAD_SIGNATURE,
        "the signature does not verify with any of the " + policy.keys().size() + " trusted keys"), null, time);
  }

  private Outcome checkCertificate(String certificatePem, String chainPem, byte[] payload, byte[] signature,
      RekorSet set, List<String> notes) {
    List<X509Certificate> chain = new ArrayList<>();
    try {
      List<X509Certificate> leaf = PemFiles.certificates(certificatePem);
      if (leaf.isEmpty()) {
        return rejected(Verdict.Reason.MALFORMED, "the certificate annotation holds no certificate");
      }
      chain.add(leaf.get(0));
      if (chainPem != null && !chainPem.isBlank()) {
        chain.addAll(PemFiles.certificates(chainPem));
      }
    } catch (GeneralSecurityException e) {
      return rejected(Verdict.Reason.MALFORMED, "the certificate or chain annotation is invalid: " + e.getMessage());
    }
    X509Certificate leaf = chain.get(0);
    PublicKey key = leaf.getPublicKey();
    String identity = Certificates.identity(leaf);
    String issuer = Certificates.oidcIssuer(leaf);
    String signer = issuer != null && identity != null ? identity + " (" + issuer + ")"
        : leaf.getSubjectX500Principal().getName() + " " + TrustedKey.fingerprint(key);
    Instant time = set == null ? null : set.time();
    if (!Signatures.verify(key, payload, signature)) {
      return new Outcome(Verdict.rejected(Verdict.Reason.BAD_SIGNATURE,
          "the signature does not verify with the key of the certificate " + leaf.getSubjectX500Principal()), signer, time);
    }
    for (TrustedKey trusted : policy.keys()) {
      if (trusted.key().equals(key)) {
        return new Outcome(Verdict.verified(trusted.describe(), "the certificate's key is a trusted key"),
            signer, time);
      }
    }

    if (issuer != null) {
      return checkKeyless(chain, identity, issuer, signer, set, notes);
    }
    Certificates.ChainCheck check = Certificates.validate(chain, policy.roots(), time == null ? Instant.now() : time);
    if (!check.trusted()) {
      return new Outcome(Verdict.rejected(check.problem(), check.detail()), signer, time);
    }
    return new Outcome(Verdict.verified(policy.describeRoot(check.anchor()), check.detail()),
        signer, time);
  }

  /** Checks a Fulcio certificate: the chain at the log time, then the expected identity. */
  private Outcome checkKeyless(List<X509Certificate> chain, String identity, String issuer, String signer, RekorSet set,
      List<String> notes) {
    Instant time = set == null ? null : set.time();
    if (trustedRoot == null) {
      return new Outcome(Verdict.rejected(Verdict.Reason.NO_TRUSTED_KEY,
          "the signature is keyless, and no Sigstore trusted root is configured"), signer, time);
    }
    if (set == null) {
      // Fulcio certificates live ten minutes, so only the log time shows they were valid when used.
      return new Outcome(Verdict.rejected(Verdict.Reason.EXPIRED,
          "the keyless signature has no Rekor entry, so nothing shows that its certificate was valid when it signed"),
          signer, null);
    }
    List<X509Certificate> withIntermediates = new ArrayList<>(chain);
    for (X509Certificate intermediate : trustedRoot.fulcioIntermediates()) {
      if (!withIntermediates.contains(intermediate)) {
        withIntermediates.add(intermediate);
      }
    }
    Certificates.ChainCheck check = Certificates.validate(withIntermediates, trustedRoot.fulcioRoots(), time);
    if (!check.trusted()) {
      return new Outcome(Verdict.rejected(check.problem(), check.detail()), signer, time);
    }
    for (IdentityRule rule : policy.identities()) {
      if (rule.matches(identity, issuer)) {
        return new Outcome(Verdict.verified(rule.describe(), "the Fulcio certificate for " + identity
            + " chains to the trusted root at " + time), signer, time);
      }
    }
    if (policy.identities().isEmpty()) {
      return new Outcome(Verdict.rejected(Verdict.Reason.NO_TRUSTED_KEY,
          "the keyless signer " + signer + " is valid, but no expected identity is configured"), signer, time);
    }
    return new Outcome(Verdict.rejected(Verdict.Reason.IDENTITY_MISMATCH,
        "the signer " + signer + " matches none of the " + policy.identities().size() + " expected identities"),
        signer, time);
  }

  /**
   * Checks the Rekor SET and that its entry records this signature over this payload. Returns null
   * when it is fine or cannot be checked (with a note), otherwise a reason with its detail as the last note.
   */
  private Verdict.Reason checkLogEntry(RekorSet set, byte[] payload, byte[] signature, List<String> notes) {
    List<PublicKey> logKeys = new ArrayList<>(policy.rekorKeys());
    if (trustedRoot != null) {
      logKeys.addAll(trustedRoot.rekorKeys());
    }
    if (logKeys.isEmpty()) {
      notes.add("Rekor SET not checked: no Rekor key is trusted");
      return null;
    }
    if (!set.verify(logKeys)) {
      notes.add("the Rekor SET does not verify with any trusted Rekor key");
      return Verdict.Reason.BAD_SIGNATURE;
    }
    String mismatch = LogEntries.hashedRekordMismatch(set.body(), payload, signature);
    if (mismatch != null) {
      notes.add(mismatch);
      return Verdict.Reason.BAD_SIGNATURE;
    }
    notes.add("Rekor SET verified: entry " + set.logIndex() + " integrated at " + set.time());
    return null;
  }

  private static Outcome rejected(Verdict.Reason reason, String detail) {
    return new Outcome(Verdict.rejected(reason, detail), null, null);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
