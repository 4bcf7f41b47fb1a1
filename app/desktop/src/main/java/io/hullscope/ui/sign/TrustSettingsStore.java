package io.hullscope.ui.sign;

import io.hullscope.sign.TrustPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The user's trust settings for signatures: public keys, certificate roots, expected keyless
 * identities, Rekor keys and a Sigstore trusted root. The desktop and the CLI share them as files
 * in {@code <data folder>/trust/}.
 */
public interface TrustSettingsStore {

  /**
   * Reads the settings into the policy the signature verifiers use.
   *
   * @throws IOException naming the first file that is missing, too large or invalid
   */
  TrustPolicy load() throws IOException;

  /** Lists every item, including invalid files with the reason, so the user can remove them. */
  List<TrustEntry> list() throws IOException;

  /**
   * Copies a PEM public key into the settings after checking that it parses.
   *
   * @throws IOException naming the file when it is invalid or a key of that name exists
   */
  void addKey(Path file) throws IOException;

  /** Copies a PEM or DER root certificate ({@code .pem}, {@code .crt}, {@code .cer}) into the settings. */
  void addRoot(Path file) throws IOException;

  /** Copies a PEM public key of a Rekor transparency log into the settings. */
  void addRekorKey(Path file) throws IOException;

  /** Adds an expected keyless signer; its name must be new. */
  void addIdentity(TrustedIdentity identity) throws IOException;

  /** Replaces the Sigstore {@code trusted_root.json} with a copy of {@code file} after checking that it parses. */
  void setTrustedRoot(Path file) throws IOException;

  /** Removes an item that {@link #list()} returned. */
  void remove(TrustEntry entry) throws IOException;

  /** Returns the store that keeps the settings as files in {@code folder}, created on the first change. */
  static TrustSettingsStore folder(Path folder) {
    return new FolderTrustSettingsStore(folder);
  }
}
