package io.hullscope.sign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sigstore.KeylessVerificationException;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.bundle.BundleParseException;
import io.hullscope.image.Digest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Verifies Sigstore bundles (v0.1 to v0.3), which cosign v3 attaches to images as OCI referrers.
 * sigstore-java checks them against an offline trusted root: the message or DSSE signature, the
 * Fulcio certificate chain at the log time, the signed certificate timestamp and the Rekor entry.
 * Before that, this class checks that the bundle is about the image digest. After it, this class
 * checks that the certificate identity is one the user expects. Bundles signed with a plain public
 * key are verified against the trusted keys by {@link BundleKeyVerifier}.
 */
public final class SigstoreBundleVerifier {

  /** Maximum bundle size read; real bundles are a few KiB, with big DSSE payloads under 1 MiB. */
  public static final int DEFAULT_MAX_BUNDLE = 4 * 1024 * 1024;

  /** The OCI artifact type of Sigstore bundles stored as referrers. */
  public static final String BUNDLE_ARTIFACT_TYPE_PREFIX = "application/vnd.dev.sigstore.bundle";

  private final TrustPolicy policy;
  private final int maxBundle;
  private KeylessVerifier keyless;

  SigstoreBundleVerifier(TrustPolicy policy, int maxBundle) {
    this.policy = policy;
    this.maxBundle = maxBundle;
  }

  /**
   * Verifies a bundle against the digest of the artifact it should sign (for images, the manifest digest).
   *
   * @param location how the result names where the bundle was found
   */
  public SignatureResult verify(byte[] json, Digest subject, String location) {
    List<String> notes = new ArrayList<>();
    if (json.length > maxBundle) {
      return result(null, null, null, Verdict.rejected(Verdict.Reason.MALFORMED,
          "the bundle has " + json.length + " bytes, more than " + maxBundle), location, notes);
    }
    JsonNode root;
    try {
      root = CosignVerifier.JSON.readTree(json);
    } catch (IOException e) {
      return result(null, null, null, Verdict.rejected(Verdict.Reason.MALFORMED,
          "the bundle is not valid JSON: " + e.getMessage()), location, notes);
    }
    if (root == null || !root.isObject()) {
      return result(null, null, null, Verdict.rejected(Verdict.Reason.MALFORMED, "the bundle is not a JSON object"),
          location, notes);
    }
    Instant time = integratedTime(root);
    String predicateType = null;
    Verdict digestProblem;
    try {
      if (root.has("dsseEnvelope")) {
        JsonNode statement = Dsse.statement(root.path("dsseEnvelope"));
        predicateType = statement.path("predicateType").asText(null);
        digestProblem = Dsse.subjectMatches(statement, subject) ? null : Verdict.rejected(Verdict.Reason.WRONG_DIGEST,
            "the in-toto statement has no subject with digest " + subject);
      } else {
        digestProblem = messageDigestProblem(root.path("messageSignature"), subject);
      }
    } catch (IllegalArgumentException | IOException e) {
      return result(null, time, null, Verdict.rejected(Verdict.Reason.MALFORMED,
          "the bundle's signed content is invalid: " + e.getMessage()), location, notes);
    }
    if (digestProblem != null) {
      return result(null, time, predicateType, digestProblem, location, notes);
    }
    if (root.path("verificationMaterial").has("publicKey")) {
      BundleKeyVerifier.Outcome outcome = BundleKeyVerifier.verify(root, policy.keys(), notes);
      return result(outcome.signer(), time, predicateType, outcome.verdict(), location, notes);
    }

    Bundle bundle;
    try {
      bundle = Bundle.from(new StringReader(new String(json, StandardCharsets.UTF_8)));
    } catch (BundleParseException | RuntimeException e) {
      return result(null, time, predicateType, Verdict.rejected(Verdict.Reason.MALFORMED,
          "sigstore-java cannot read the bundle: " + e.getMessage()), location, notes);
    }
    X509Certificate leaf = leaf(bundle);
    if (leaf == null) {
      return result(null, time, predicateType, Verdict.rejected(Verdict.Reason.MALFORMED,
          "the bundle has neither a certificate nor a public key hint"), location, notes);
    }
    String identity = Certificates.identity(leaf);
    String issuer = Certificates.oidcIssuer(leaf);
    String signer = identity + " (" + issuer + ")";
    if (policy.sigstoreTrustedRoot() == null) {
      return result(signer, time, predicateType, Verdict.rejected(Verdict.Reason.NO_TRUSTED_KEY,
          "no Sigstore trusted root is configured"), location, notes);
    }
    try {
      keylessVerifier().verify(HexFormat.of().parseHex(subject.hex()), bundle, VerificationOptions.empty());
    } catch (KeylessVerificationException e) {
      return result(signer, time, predicateType, Verdict.rejected(reasonOf(e), "sigstore-java rejected the bundle: "
          + e.getMessage()), location, notes);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return result(signer, time, predicateType, Verdict.rejected(Verdict.Reason.NO_TRUSTED_KEY,
          "the Sigstore trusted root " + policy.sigstoreTrustedRoot() + " cannot be used: " + e.getMessage()),
          location, notes);
    }
    notes.add("signature, Fulcio chain, certificate timestamp and Rekor entry verified by sigstore-java");
    for (IdentityRule rule : policy.identities()) {
      if (rule.matches(identity, issuer)) {
        return result(signer, time, predicateType, Verdict.verified(rule.describe(),
            "the bundle verifies and its certificate names an expected signer"), location, notes);
      }
    }
    Verdict verdict = policy.identities().isEmpty()
        ? Verdict.rejected(Verdict.Reason.NO_TRUSTED_KEY, "the bundle verifies, but no expected identity is configured")
        : Verdict.rejected(Verdict.Reason.IDENTITY_MISMATCH, "the signer " + signer + " matches none of the "
            + policy.identities().size() + " expected identities");
    return result(signer, time, predicateType, verdict, location, notes);
  }

  private synchronized KeylessVerifier keylessVerifier() throws IOException, GeneralSecurityException {
    if (keyless == null) {
      keyless = KeylessVerifier.builder()
          .trustedRootProvider(TrustedRootProvider.from(policy.sigstoreTrustedRoot()))
          .build();
    }
    return keyless;
  }

  private static Verdict messageDigestProblem(JsonNode messageSignature, Digest subject) {
    JsonNode digest = messageSignature.path("messageDigest");
    if (!messageSignature.isObject() || !digest.isObject()) {
      throw new IllegalArgumentException("neither dsseEnvelope nor messageSignature.messageDigest is present");
    }
    if (!"SHA2_256".equals(digest.path("algorithm").asText()) || !"sha256".equals(subject.algorithm())) {
      return Verdict.rejected(Verdict.Reason.UNSUPPORTED, "the bundle signs a " + digest.path("algorithm").asText()
          + " digest, and only SHA2_256 is compared with the image digest");
    }
    String signed = HexFormat.of().formatHex(Base64.getDecoder().decode(digest.path("digest").asText("")));
    return signed.equals(subject.hex()) ? null : Verdict.rejected(Verdict.Reason.WRONG_DIGEST,
        "the bundle signs sha256:" + signed + ", not " + subject);
  }

  private static Instant integratedTime(JsonNode root) {
    JsonNode entries = root.path("verificationMaterial").path("tlogEntries");
    if (entries.isArray() && !entries.isEmpty()) {
      String text = entries.get(0).path("integratedTime").asText("");
      if (text.matches("[0-9]{1,12}")) {
        return Instant.ofEpochSecond(Long.parseLong(text));
      }
    }
    return null;
  }

  private static X509Certificate leaf(Bundle bundle) {
    try {
      var path = bundle.getCertPath();
      if (path == null || path.getCertificates().isEmpty()) {
        return null;
      }
      return (X509Certificate) path.getCertificates().get(0);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Verdict.Reason reasonOf(KeylessVerificationException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    // sigstore-java 1.3 reports chain failures as "Fulcio certificate was not valid: ...".
    if (message.contains("certificate") && (message.contains("chain") || message.contains("trust")
        || message.contains("path") || message.contains("not valid") || message.contains("authorit"))) {
      return Verdict.Reason.UNTRUSTED_CHAIN;
    }
    if (message.contains("digest") && !message.contains("signature")) {
      return Verdict.Reason.WRONG_DIGEST;
    }
    return Verdict.Reason.BAD_SIGNATURE;
  }

  private static SignatureResult result(String signer, Instant time, String predicateType, Verdict verdict,
      String location, List<String> notes) {
    SignatureKind kind = predicateType == null ? SignatureKind.SIGSTORE_BUNDLE : SignatureKind.ATTESTATION;
    return new SignatureResult(kind, location, signer, time, predicateType, verdict, notes);
  }
}
