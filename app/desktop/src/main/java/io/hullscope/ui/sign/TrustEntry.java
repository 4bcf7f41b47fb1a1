package io.hullscope.ui.sign;

/**
 * One item of the trust settings as the dialog lists it.
 *
 * @param type what the item is
 * @param name the file name, or the identity's name
 * @param summary what it trusts: a key fingerprint, a certificate subject and expiry, an identity
 * @param problem why the item cannot be used, such as an invalid file; null when it is valid
 */
public record TrustEntry(Type type, String name, String summary, String problem) {

  /** The kinds of trust setting, each kept in its own place in the trust folder. */
  public enum Type {
    KEY("Public key"),
    ROOT("Certificate root"),
    IDENTITY("Keyless identity"),
    REKOR_KEY("Rekor key"),
    TRUSTED_ROOT("Sigstore trusted root");

    private final String label;

    Type(String label) {
      this.label = label;
    }

    /** Returns the name shown in the dialog. */
    public String label() {
      return label;
    }
  }
}
