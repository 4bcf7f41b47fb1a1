package io.hullscope.sign;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One signature or attestation found for an image, with its verdict.
 *
 * @param kind the format
 * @param location where it was found, such as the tag or referrer digest and layer
 * @param signer the key fingerprint ({@code SHA256:...}) or the identity and issuer; null when unknown
 * @param signedAt the signing or log integration time; null when the signature gives none
 * @param predicateType the in-toto predicate type of an attestation; null otherwise
 * @param verdict verified or not, with the reason
 * @param notes further facts: what was checked, what was not checked and why
 */
public record SignatureResult(SignatureKind kind, String location, String signer, Instant signedAt,
    String predicateType, Verdict verdict, List<String> notes) {

  public SignatureResult {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(verdict, "verdict");
    notes = notes == null ? List.of() : List.copyOf(notes);
  }
}
