package io.hullscope.sign;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An expected keyless signer: the certificate identity (SAN: email or URI) and the OIDC issuer,
 * each matched exactly or as a regular expression over the whole value.
 *
 * @param name the rule's name from the trust folder, shown in verdicts; null for rules given on the command line
 */
public record IdentityRule(String subject, String issuer, boolean regex, String name) {

  public IdentityRule {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(issuer, "issuer");
    if (regex) {
      // Compiling here turns an invalid pattern into an error when the trust settings load.
      Pattern.compile(subject);
      Pattern.compile(issuer);
    }
  }

  /** Creates an unnamed rule. */
  public IdentityRule(String subject, String issuer, boolean regex) {
    this(subject, issuer, regex, null);
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

  /** Returns the rule as shown in verdicts, starting with its name when it has one. */
  public String describe() {
    String rule = (regex ? "identity pattern " : "identity ") + subject + " issued by " + issuer;
    return name == null ? rule : "identity rule '" + name + "' (" + rule + ")";
  }
}
