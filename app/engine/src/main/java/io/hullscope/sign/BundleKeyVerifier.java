package io.hullscope.sign;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Verifies Sigstore bundles signed with a plain public key (cosign {@code --key} writes a {@code
 * publicKey} hint instead of a certificate) against the trusted keys.
 *
 * <p>A message signature is checked over the bundle's message digest, which the caller has already
 * compared with the image digest. A DSSE envelope is checked over its pre-authentication encoding.
 */
final class BundleKeyVerifier {

  /** DER prefix of a SHA-256 DigestInfo (RFC 8017, section 9.2, note 1). */
  private static final byte[] SHA256_DIGEST_INFO = HexFormat.of().parseHex("3031300d060960864801650304020105000420");

  private BundleKeyVerifier() {}

  /** The outcome: the verdict and the fingerprint of the key that verified, if any. */
  record Outcome(Verdict verdict, String signer) {}

  /**
   * Verifies a key-signed bundle.
   *
   * @param notes receives what was not checked, such as the transparency log entries
   */
  static Outcome verify(JsonNode bundle, List<TrustedKey> keys, List<String> notes) {
    if (keys.isEmpty()) {
      return new Outcome(Verdict.rejected(Verdict.Reason.NO_TRUSTED_KEY,
          "the bundle is signed with a public key, and no public key is trusted"), null);
    }
    if (bundle.path("verificationMaterial").path("tlogEntries").size() > 0) {
      // NOTE: Rekor entries of key-signed bundles are not verified, only the signature with a trusted key.
      notes.add("the bundle's transparency log entries are not checked for key-signed bundles");
    }
    if (bundle.has("dsseEnvelope")) {
      return dsse(bundle.path("dsseEnvelope"), keys);
    }
    return messageSignature(bundle.path("messageSignature"), keys);
  }

  private static Outcome dsse(JsonNode envelope, List<TrustedKey> keys) {
    byte[] pae = Dsse.pae(envelope.path("payloadType").asText(), Dsse.payload(envelope));
    for (JsonNode signature : envelope.path("signatures")) {
      byte[] bytes = decode(signature.path("sig").asText(""));
      for (TrustedKey key : keys) {
        if (bytes != null && Signatures.verify(key.key(), pae, bytes)) {
          return verified(key, "the DSSE signature verifies with a trusted key");
        }
      }
    }
    return new Outcome(Verdict.rejected(Verdict.Reason.BAD_SIGNATURE,
        "no DSSE signature of the bundle verifies with any of the " + keys.size() + " trusted keys"), null);
  }

  private static Outcome messageSignature(JsonNode messageSignature, List<TrustedKey> keys) {
    byte[] digest = decode(messageSignature.path("messageDigest").path("digest").asText(""));
    byte[] signature = decode(messageSignature.path("signature").asText(""));
    if (digest == null || digest.length != 32 || signature == null) {
      return new Outcome(Verdict.rejected(Verdict.Reason.MALFORMED,
          "the message signature has no valid base64 SHA-256 digest and signature"), null);
    }
    boolean onlyEd25519 = true;
    for (TrustedKey key : keys) {
      String algorithm = key.key().getAlgorithm();
      if (algorithm.equals("Ed25519") || algorithm.equals("EdDSA")) {
        continue;
      }
      onlyEd25519 = false;
      if (verifyDigest(key.key(), digest, signature)) {
        return verified(key, "the message signature verifies with a trusted key");
      }
    }
    if (onlyEd25519) {
      // Ed25519 signs the whole message, and the bundle carries only its digest.
      return new Outcome(Verdict.rejected(Verdict.Reason.UNSUPPORTED, "an Ed25519 message signature cannot be"
          + " verified from the message digest alone"), null);
    }
    return new Outcome(Verdict.rejected(Verdict.Reason.BAD_SIGNATURE,
        "the message signature does not verify with any of the " + keys.size() + " trusted keys"), null);
  }

  /**
   * Verifies a signature over a message given only its SHA-256 digest: raw ECDSA over the digest
   * (the same as SHA256withECDSA over the message), or RSA PKCS#1 v1.5 over the DigestInfo.
   */
  private static boolean verifyDigest(PublicKey key, byte[] digest, byte[] signature) {
    try {
      Signature verifier;
      byte[] signed;
      if (key.getAlgorithm().equals("EC")) {
        verifier = Signature.getInstance("NONEwithECDSA");
        signed = digest;
      } else if (key.getAlgorithm().equals("RSA")) {
        verifier = Signature.getInstance("NONEwithRSA");
        signed = new byte[SHA256_DIGEST_INFO.length + digest.length];
        System.arraycopy(SHA256_DIGEST_INFO, 0, signed, 0, SHA256_DIGEST_INFO.length);
        System.arraycopy(digest, 0, signed, SHA256_DIGEST_INFO.length, digest.length);
      } else {
        return false;
      }
      verifier.initVerify(key);
      verifier.update(signed);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static Outcome verified(TrustedKey key, String detail) {
    return new Outcome(Verdict.verified(key.describe(), detail), key.fingerprint());
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
