package io.hullscope.sign;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An expected keyless signer: the certificate identity (SAN: email or URI) and the OIDC issuer,
 * each matched exactly or as a regular expression over the whole value.
 */
public record IdentityRule(String subject, String issuer, boolean regex) {

  public IdentityRule {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(issuer, "issuer");
    if (regex) {
      // Compiling here turns an invalid pattern into an error when the trust settings load.
      Pattern.compile(subject);
      Pattern.compile(issuer);
    }
  }

  /** Returns true when both the identity and the issuer match. */
  public boolean matches(String actualSubject, String actualIssuer) {
    if (actualSubject == null || actualIssuer == null) {
      return false;
    }
    if (regex) {
      return Pattern.compile(subject).matcher(actualSubject).matches()
          && Pattern.compile(issuer).matcher(actualIssuer).matches();
    }
    return subject.equals(actualSubject) && issuer.equals(actualIssuer);
  }

  /** Returns the rule as shown in verdicts. */
  public String describe() {
    return (regex ? "identity pattern " : "identity ") + subject + " issued by " + issuer;
  }
}
