package io.hullscope.ui.overview;

import io.hullscope.cli.SecretMasking;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a history entry's {@code created_by} into the line the Overview shows: the builder's
 * {@code /bin/sh -c #(nop)} prefix dropped and the values of secret-looking variables masked. A
 * Dockerfile {@code ENV} or a build argument records its value in the history, for example
 * {@code ENV DB_PASSWORD=...} or {@code |1 NPM_TOKEN=... /bin/sh -c npm ci}, and a command line
 * may carry one as an option such as {@code --password=...}.
 */
final class HistoryText {

  private static final String NOP_PREFIX = "/bin/sh -c #(nop)";
  /** A {@code NAME=value} pair; the value is a quoted string or runs to the next space. */
  private static final Pattern ASSIGNMENT =
      Pattern.compile("(?<!\\w)([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|\\S*)");
  /** The legacy {@code ENV NAME value} form, which sets one variable to the rest of the line. */
  private static final Pattern LEGACY_ENV = Pattern.compile("^(ENV\\s+)([A-Za-z_][A-Za-z0-9_]*)(\\s+)(.+)$");

  private HistoryText() {}

  /** Returns the instruction without the {@code #(nop)} prefix, with secret values masked. */
  static String masked(String createdBy) {
    return mask(readable(createdBy));
  }

  /** Returns the instruction without the {@code #(nop)} prefix. */
  static String readable(String createdBy) {
    String text = createdBy == null ? "" : createdBy.strip();
    if (text.startsWith(NOP_PREFIX)) {
      text = text.substring(NOP_PREFIX.length()).strip();
    }
    return text;
  }

  private static String mask(String text) {
    Matcher legacy = LEGACY_ENV.matcher(text);
    if (legacy.matches() && SecretMasking.isSecretName(legacy.group(2))) {
      return legacy.group(1) + legacy.group(2) + legacy.group(3) + SecretMasking.MASK;
    }
    Matcher assignment = ASSIGNMENT.matcher(text);
    StringBuilder result = new StringBuilder();
    while (assignment.find()) {
      String name = assignment.group(1);
      String replacement = SecretMasking.isSecretName(name) ? name + "=" + SecretMasking.MASK : assignment.group();
      assignment.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    assignment.appendTail(result);
    return result.toString();
  }
}
