package io.hullscope.sign;

import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The trust settings: public keys (cosign key signatures), certificate roots (notation and
 * bring-your-own PKI for cosign), expected keyless identities, Rekor log keys and a Sigstore
 * trusted root file. A signature verifies only when one of these matches it.
 *
 * @param keys public keys for key signatures
 * @param roots root certificates for notation and cosign certificate chains
 * @param identities expected keyless signers; keyless signatures never verify without one
 * @param rekorKeys public keys of transparency logs, used for Rekor SETs besides those in the trusted root
 * @param sigstoreTrustedRoot a Sigstore {@code trusted_root.json} (Fulcio CAs, Rekor keys); null when none
 */
public record TrustPolicy(List<TrustedKey> keys, List<X509Certificate> roots, List<IdentityRule> identities,
    List<PublicKey> rekorKeys, Path sigstoreTrustedRoot) {

  public TrustPolicy {
    keys = keys == null ? List.of() : List.copyOf(keys);
    roots = roots == null ? List.of() : List.copyOf(roots);
    identities = identities == null ? List.of() : List.copyOf(identities);
    rekorKeys = rekorKeys == null ? List.of() : List.copyOf(rekorKeys);
  }

  /** Returns a policy that trusts nothing, so every signature is reported but none verifies. */
  public static TrustPolicy empty() {
    return new TrustPolicy(List.of(), List.of(), List.of(), List.of(), null);
  }

  /** Returns true when nothing is trusted. */
  public boolean isEmpty() {
    return keys.isEmpty() && roots.isEmpty() && identities.isEmpty();
  }
}
