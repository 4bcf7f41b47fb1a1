package io.hullscope.sign;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/** Verifies raw signatures with the algorithm cosign uses for each key type. */
final class Signatures {

  private Signatures() {}

  /**
   * Returns true when {@code signature} is valid over {@code data}: ECDSA with SHA-256 for P-256
   * and SHA-384 for P-384 (DER signatures), RSA PKCS#1 v1.5 with SHA-256, or Ed25519.
   */
  static boolean verify(PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(algorithm(key));
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // A signature that is not even well-formed DER is simply not valid.
      return false;
    }
  }

  private static String algorithm(PublicKey key) {
    return switch (key.getAlgorithm()) {
      case "EC" -> key instanceof java.security.interfaces.ECPublicKey ec
          && ec.getParams().getCurve().getField().getFieldSize() > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
    };
  }
}
