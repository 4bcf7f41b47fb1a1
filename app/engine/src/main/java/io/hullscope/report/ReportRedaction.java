package io.hullscope.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A second line of defence against secrets in exported reports.
 *
 * <p>Checks already redact the values they report, so this masks only what a check may have
 * missed: the value of a {@code NAME=value} or {@code NAME: value} pair whose name contains a
 * secret word (password, token, key and the like), and the body of a PEM private key block.
 * Values already masked with asterisks are left as they are.
 */
final class ReportRedaction {

  /** Text shown in place of a masked value. */
  static final String MASK = "********";

  private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
      "(?i)\\b([A-Z0-9_.-]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL)[A-Z0-9_.-]*)"
          + "(\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;\"']+)");

  private static final Pattern PRIVATE_KEY_BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----.*?(-----END \\1-----|$)", Pattern.DOTALL);

  private ReportRedaction() {}

  /** Returns the text with secret-looking values masked; null becomes an empty string. */
  static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String withoutKeys = PRIVATE_KEY_BLOCK.matcher(text)
        .replaceAll(match -> Matcher.quoteReplacement("-----BEGIN " + match.group(1) + "----- " + MASK));
    Matcher matcher = SECRET_ASSIGNMENT.matcher(withoutKeys);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = matcher.group(3);
      String replacement = value.chars().allMatch(c -> c == '*' || c == '"' || c == '\'')
          ? matcher.group()
          : matcher.group(1) + matcher.group(2) + MASK;
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
