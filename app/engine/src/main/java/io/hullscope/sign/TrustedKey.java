package io.hullscope.sign;

import java.security.PublicKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * A public key the user trusts for signatures.
 *
 * @param name where the key came from, such as its file name
 */
public record TrustedKey(String name, PublicKey key) {

  public TrustedKey {
    Objects.requireNonNull(key, "key");
  }

  /** Returns how a verdict names this key: {@code key SHA256:<base64> (<name>)}, without the name when it has none. */
  public String describe() {
    return "key " + fingerprint() + (name == null ? "" : " (" + name + ")");
  }

  /** Returns the fingerprint {@code SHA256:<base64>} of the key's SubjectPublicKeyInfo, as ssh-keygen writes it. */
  public String fingerprint() {
    return fingerprint(key);
  }

  /** Returns the fingerprint {@code SHA256:<base64>} of a key's SubjectPublicKeyInfo. */
  public static String fingerprint(PublicKey key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
