package io.hullscope.ui.sign;

import io.hullscope.sign.IdentityRule;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An expected keyless signer as the trust settings store it: a certificate identity (email or
 * URI) and an OIDC issuer, each given exactly or as a regular expression over the whole value.
 *
 * @param name a label the user picks, unique among the identities
 * @param subjectPattern true when {@code subject} is a regular expression
 * @param issuerPattern true when {@code issuer} is a regular expression
 */
public record TrustedIdentity(String name, String subject, boolean subjectPattern, String issuer,
    boolean issuerPattern) {

  /**
   * Checks the fields.
   *
   * @throws IllegalArgumentException naming the blank field or the invalid regular expression
   */
  public TrustedIdentity {
    name = requireText(name, "name");
    subject = requireText(subject, "subject");
    issuer = requireText(issuer, "issuer");
    if (subjectPattern) {
      compile(subject, "subject");
    }
    if (issuerPattern) {
      compile(issuer, "issuer");
    }
  }

  /** Converts to the engine's rule; an exact half of a mixed rule is quoted so it still matches exactly. */
  public IdentityRule toRule() {
    if (!subjectPattern && !issuerPattern) {
      return new IdentityRule(subject, issuer, false);
    }
    return new IdentityRule(subjectPattern ? subject : Pattern.quote(subject),
        issuerPattern ? issuer : Pattern.quote(issuer), true);
  }

  /** Returns the identity as the trust settings list shows it. */
  public String describe() {
    return (subjectPattern ? "subject pattern " : "subject ") + subject
        + (issuerPattern ? ", issuer pattern " : ", issuer ") + issuer;
  }

  private static String requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the identity's " + field + " is missing");
    }
    return value.strip();
  }

  private static void compile(String pattern, String field) {
    try {
      Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("the " + field + " pattern is not a valid regular expression: "
          + e.getDescription() + " in " + pattern, e);
    }
  }
}
