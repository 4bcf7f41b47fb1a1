package io.hullscope.sign;

import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

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
 * @param rootSources the file each root certificate was read from, so verdicts can name it. Roots
 *     missing here are named by their subject
 */
public record TrustPolicy(List<TrustedKey> keys, List<X509Certificate> roots, List<IdentityRule> identities,
    List<PublicKey> rekorKeys, Path sigstoreTrustedRoot, Map<X509Certificate, String> rootSources) {

  public TrustPolicy {
    keys = keys == null ? List.of() : List.copyOf(keys);
    roots = roots == null ? List.of() : List.copyOf(roots);
    identities = identities == null ? List.of() : List.copyOf(identities);
    rekorKeys = rekorKeys == null ? List.of() : List.copyOf(rekorKeys);
    rootSources = rootSources == null ? Map.of() : Map.copyOf(rootSources);
  }

  /** Creates a policy whose roots are named by their subject only. */
  public TrustPolicy(List<TrustedKey> keys, List<X509Certificate> roots, List<IdentityRule> identities,
      List<PublicKey> rekorKeys, Path sigstoreTrustedRoot) {
    this(keys, roots, identities, rekorKeys, sigstoreTrustedRoot, Map.of());
  }

  /**
   * Returns how a verdict names a trusted root: {@code root certificate <subject> (<file>)}, or
   * without the file when the root was not read from one.
   */
  public String describeRoot(X509Certificate root) {
    String source = rootSources.get(root);
    return "root certificate " + root.getSubjectX500Principal().getName()
        + (source == null ? "" : " (" + source + ")");
  }

  /**
   * Returns a policy that trusts everything this one or {@code other} trusts. The other policy's
   * Sigstore trusted root wins when both have one, because only one is used.
   */
  public TrustPolicy plus(TrustPolicy other) {
    List<TrustedKey> allKeys = new java.util.ArrayList<>(keys);
    allKeys.addAll(other.keys);
    List<X509Certificate> allRoots = new java.util.ArrayList<>(roots);
    allRoots.addAll(other.roots);
    List<IdentityRule> allIdentities = new java.util.ArrayList<>(identities);
    allIdentities.addAll(other.identities);
    List<PublicKey> allRekorKeys = new java.util.ArrayList<>(rekorKeys);
    allRekorKeys.addAll(other.rekorKeys);
    Map<X509Certificate, String> allSources = new java.util.HashMap<>(rootSources);
    allSources.putAll(other.rootSources);
    return new TrustPolicy(allKeys, allRoots, allIdentities, allRekorKeys,
        other.sigstoreTrustedRoot != null ? other.sigstoreTrustedRoot : sigstoreTrustedRoot, allSources);
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
