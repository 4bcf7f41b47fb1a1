package io.hullscope.sign;

import java.util.Objects;

/**
 * The outcome of verifying one signature: verified with the trust rule that matched, or not
 * verified with the reason.
 *
 * @param matchedRule the trust rule that matched, such as {@code key SHA256:ab12...}; null when not verified
 * @param reason why the signature did not verify; null when verified
 * @param detail a sentence for the user with the values involved
 */
public record Verdict(Status status, String matchedRule, Reason reason, String detail) {

  /** Whether the signature verified. */
  public enum Status { VERIFIED, NOT_VERIFIED }

  /** The reason a signature did not verify. */
  public enum Reason {
    /** The signature is for another image digest than the one inspected. */
    WRONG_DIGEST,
    /** The signature bytes do not verify with the signer's key, or a log entry does not match. */
    BAD_SIGNATURE,
    /** The certificate does not chain to a trusted root. */
    UNTRUSTED_CHAIN,
    /** The certificate identity or OIDC issuer is not one the user expects. */
    IDENTITY_MISMATCH,
    /** A certificate or the signature itself had expired at the time that counts. */
    EXPIRED,
    /** No trusted key, certificate root or identity is configured for this kind of signature. */
    NO_TRUSTED_KEY,
    /** The format is recognised but not verified by Hullscope. */
    UNSUPPORTED,
    /** The signature or its envelope cannot be parsed. */
    MALFORMED
  }

  public Verdict {
    Objects.requireNonNull(status, "status");
    if (status == Status.VERIFIED && (matchedRule == null || reason != null)) {
      throw new IllegalArgumentException("a verified verdict needs the matched rule and no reason");
    }
    if (status == Status.NOT_VERIFIED && reason == null) {
      throw new IllegalArgumentException("a verdict that is not verified needs a reason");
    }
  }

  /** Returns a verified verdict naming the trust rule that matched. */
  public static Verdict verified(String matchedRule, String detail) {
    return new Verdict(Status.VERIFIED, matchedRule, null, detail);
  }

  /** Returns a verdict that is not verified, with its reason and a sentence for the user. */
  public static Verdict rejected(Reason reason, String detail) {
    return new Verdict(Status.NOT_VERIFIED, null, reason, detail);
  }

  public boolean isVerified() {
    return status == Status.VERIFIED;
  }
}
