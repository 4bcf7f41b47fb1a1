package io.hullscope.ui.sign;

import io.hullscope.sign.SignatureKind;
import io.hullscope.sign.SignatureResult;
import io.hullscope.sign.Verdict;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The signature state of one image as the image table's "Signature" column shows it. */
public enum SignatureStatus {
  /** Not looked up yet, or the lookup failed. */
  UNKNOWN("unknown"),
  /** The image has no registry, so there is nothing to look up. */
  NOT_APPLICABLE("\u2014"),
  /** The lookup is running. */
  LOOKING_UP("looking up..."),
  /** The registry contains no signature for the image. */
  UNSIGNED("unsigned"),
  /** Signatures exist, and none could be checked against a trusted key or identity. */
  SIGNED_UNVERIFIED("signed (unverified)"),
  /** At least one signature matched a trusted key, certificate root or identity. */
  VERIFIED("verified"),
  /** Signatures exist and each one that could be checked was rejected. */
  FAILED("failed");

  /**
   * Reasons that show a signature is wrong, as opposed to one that could not be checked for
   * lack of trust settings or support.
   */
  private static final Set<Verdict.Reason> FAILURES = EnumSet.of(Verdict.Reason.WRONG_DIGEST,
      Verdict.Reason.BAD_SIGNATURE, Verdict.Reason.UNTRUSTED_CHAIN, Verdict.Reason.IDENTITY_MISMATCH,
      Verdict.Reason.EXPIRED, Verdict.Reason.MALFORMED);

  private final String text;

  SignatureStatus(String text) {
    this.text = text;
  }

  /** Returns the column text. */
  public String text() {
    return text;
  }

  /**
   * Sums up what the finder returned. Attestations and Docker Content Trust are not signatures of
   * the image, so an image with only attestations is unsigned. One verified signature makes the
   * image verified even when others failed; the tooltip lists those.
   */
  public static SignatureStatus of(List<SignatureResult> results) {
    List<SignatureResult> signatures = results.stream()
        .filter(result -> result.kind() != SignatureKind.ATTESTATION
            && result.kind() != SignatureKind.DOCKER_CONTENT_TRUST)
        .toList();
    if (signatures.isEmpty()) {
      return UNSIGNED;
    }
    if (signatures.stream().anyMatch(result -> result.verdict().isVerified())) {
      return VERIFIED;
    }
    if (signatures.stream().anyMatch(result -> FAILURES.contains(result.verdict().reason()))) {
      return FAILED;
    }
    return SIGNED_UNVERIFIED;
  }
}
