package io.hullscope.report;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A second line of defence against secrets in exported reports.
 *
 * <p>Checks already redact the values they report, so this masks only what a check may have
 * missed: the value of a {@code NAME=value} or {@code NAME: value} pair whose name contains a
 * secret word (password, token, key and the like), and the body of a PEM private key block.
 * NOTE: this is a pattern, so a secret under an unusual name still passes; it is no substitute for
 * redaction in the checks.
 * Values already masked with asterisks, or redacted by the checks ({@code ghp_…(40 chars)}), are left
 * as they are.
 */
public final class ReportRedaction {

  /** Text shown in place of a masked value. */
  public static final String MASK = "********";

  private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
      "(?i)\\b([A-Z0-9_.-]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL)[A-Z0-9_.-]*)"
          + "(\\s*[=:]\\s*)([^\\s,;\"']*…\\(\\d+ chars\\)|\"[^\"]*\"|'[^']*'|[^\\s,;\"']+)");

  private static final Pattern PRIVATE_KEY_BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----.*?(-----END \\1-----|$)", Pattern.DOTALL);

  private ReportRedaction() {}

  /**
   * Returns whether a pair is a key and not prose: {@code password=x} and {@code DB_PASSWORD: x}
   * are keys, while {@code Tokens: 3 found} is a sentence. With {@code =} any name counts. With
   * {@code :} the name must be upper case or contain {@code _}, {@code .} or {@code -}.
   */
  private static boolean looksLikeAssignment(String name, String separator) {
    if (separator.strip().equals("=")) {
      return true;
    }
    return name.equals(name.toUpperCase(Locale.ROOT)) || name.chars().anyMatch(c -> c == '_' || c == '.' || c == '-');
  }

  /** Returns the text with secret-looking values masked; null becomes an empty string. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String withoutKeys = PRIVATE_KEY_BLOCK.matcher(text)
        .replaceAll(match -> Matcher.quoteReplacement("-----BEGIN " + match.group(1) + "----- " + MASK));
    Matcher matcher = SECRET_ASSIGNMENT.matcher(withoutKeys);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = matcher.group(3);
      // Asterisks are our own mask; "ghp_…(40 chars)" is the checks' redaction, which keeps the kind.
      boolean masked = value.chars().allMatch(c -> c == '*' || c == '"' || c == '\'') || value.contains("…(");
      String replacement = masked || !looksLikeAssignment(matcher.group(1), matcher.group(2))
          ? matcher.group()
          : matcher.group(1) + matcher.group(2) + MASK;
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
