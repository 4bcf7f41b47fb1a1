package io.hullscope.ui.sign;

import io.hullscope.sign.SignatureKind;
import io.hullscope.sign.SignatureResult;
import io.hullscope.sign.Verdict;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One signature or attestation as the Signatures tab lists it. */
public record SignatureRow(SignatureResult result) {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  /** Returns the format in words, for example "cosign signature". */
  public String kind() {
    return kindName(result.kind());
  }

  /** Returns the key fingerprint or identity and issuer; empty when the signature names none. */
  public String signer() {
    return result.signer() == null ? "" : result.signer();
  }

  /** Returns the signing or log time in the local zone; empty when the signature gives none. */
  public String time() {
    return result.signedAt() == null ? "" : TIME.format(result.signedAt());
  }

  /** Returns "Verified" or "Not verified: " with the reason in words. */
  public String verdict() {
    Verdict verdict = result.verdict();
    return verdict.isVerified() ? "Verified" : "Not verified: " + reasonName(verdict.reason());
  }

  /** Returns the trust rule that matched, such as a key fingerprint; empty when none did. */
  public String rule() {
    return result.verdict().matchedRule() == null ? "" : result.verdict().matchedRule();
  }

  /** Returns the in-toto predicate type of an attestation; empty for signatures. */
  public String predicateType() {
    return result.predicateType() == null ? "" : result.predicateType();
  }

  /**
   * Returns true for an attestation whose predicate is an SPDX or CycloneDX document, the same
   * rule the supply-chain check uses for an attached SBOM.
   */
  public boolean isSbom() {
    String type = result.predicateType();
    if (type == null) {
      return false;
    }
    String lower = type.toLowerCase(Locale.ROOT);
    return lower.contains("spdx") || lower.contains("cyclonedx");
  }

  /** Returns every fact of the result as lines for the details pane. */
  public String details() {
    StringBuilder text = new StringBuilder();
    text.append("Kind: ").append(kind()).append('\n');
    text.append("Found at: ").append(result.location() == null ? "unknown" : result.location()).append('\n');
    if (!predicateType().isEmpty()) {
      text.append("Predicate type: ").append(predicateType()).append('\n');
    }
    text.append("Signer: ").append(signer().isEmpty() ? "not named by the signature" : signer()).append('\n');
    if (!time().isEmpty()) {
      text.append("Time: ").append(time()).append('\n');
    }
    text.append("Verdict: ").append(verdict()).append('\n');
    if (result.verdict().isVerified()) {
      text.append("Trust rule that matched: ").append(rule()).append('\n');
    } else {
      text.append("Reason code: ").append(result.verdict().reason()).append('\n');
    }
    if (result.verdict().detail() != null) {
      text.append("Detail: ").append(result.verdict().detail()).append('\n');
    }
    for (String note : result.notes()) {
      text.append("Note: ").append(note).append('\n');
    }
    return text.toString().strip();
  }

  /** Returns the name of a signature format as the tab shows it. */
  static String kindName(SignatureKind kind) {
    return switch (kind) {
      case COSIGN_SIMPLE_SIGNING -> "cosign signature";
      case SIGSTORE_BUNDLE -> "Sigstore bundle";
      case NOTATION_JWS -> "Notation (JWS)";
      case NOTATION_COSE -> "Notation (COSE)";
      case ATTESTATION -> "Attestation";
      case DOCKER_CONTENT_TRUST -> "Docker Content Trust";
    };
  }

  /** Returns a verdict reason in words. */
  static String reasonName(Verdict.Reason reason) {
    return switch (reason) {
      case WRONG_DIGEST -> "signed for another digest";
      case BAD_SIGNATURE -> "bad signature";
      case UNTRUSTED_CHAIN -> "certificate chain not trusted";
      case IDENTITY_MISMATCH -> "signer identity not expected";
      case EXPIRED -> "expired";
      case NO_TRUSTED_KEY -> "no trusted key or identity configured";
      case UNSUPPORTED -> "format not supported";
      case MALFORMED -> "malformed";
    };
  }
}
