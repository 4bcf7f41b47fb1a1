package io.hullscope.check;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns secret values into text that is safe to show, log, export and cache.
 *
 * <p>A redacted value keeps at most its first four characters, and only when the value is at
 * least 16 characters long, so that a prefix such as {@code ghp_} names the kind of token while
 * most of it stays hidden. Shorter values keep only their length. Key material keeps nothing
 * but its length. Every method accepts null and returns text without the secret.
 */
public final class Redaction {

  /** Values shorter than this show no characters at all, only their length. */
  public static final int MIN_LENGTH_FOR_PREFIX = 16;

  /** The largest number of leading characters a redacted value shows. */
  public static final int PREFIX_LENGTH = 4;

  private static final Pattern URL_CREDENTIALS =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]{1,20}://)([^\\s:/@\"'<>]{1,256}):([^\\s@/\"'<>]{1,512})@");

  private Redaction() {}

  /**
   * Redacts a secret value, for example {@code ghp_…(40 chars)} or {@code …(8 chars)}.
   */
  public static String value(String secret) {
    if (secret == null || secret.isEmpty()) {
      return "…(0 chars)";
    }
    int length = secret.codePointCount(0, secret.length());
    String prefix = length >= MIN_LENGTH_FOR_PREFIX
        ? secret.substring(0, secret.offsetByCodePoints(0, PREFIX_LENGTH))
        : "";
    return prefix + "…(" + length + " chars)";
  }

  /** Redacts a value and names what it is, for example {@code GitHub token ghp_…(40 chars)}. */
  public static String value(String kind, String secret) {
    return kind + " " + value(secret);
  }

  /**
   * Describes key material by its kind and length alone, for example
   * {@code RSA private key (1704 chars, not shown)}.
   */
  public static String keyMaterial(String kind, int length) {
    return kind + " (" + length + " chars, not shown)";
  }

  /** Redacts an assignment such as {@code DB_PASSWORD=s3cr3t...}: the name stays, the value does not. */
  public static String assignment(String name, String secret) {
    return name + "=" + value(secret);
  }

  /**
   * Replaces the password of every {@code scheme://user:password@} in {@code text}; the scheme,
   * user and host stay visible.
   */
  public static String urlCredentials(String text) {
    if (text == null) {
      return "";
    }
    Matcher matcher = URL_CREDENTIALS.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String replacement = matcher.group(1) + matcher.group(2) + ":" + value(matcher.group(3)) + "@";
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /**
   * Replaces every occurrence of {@code secret} in {@code text} with its redacted form. Use it for
   * a line of text that contains a value a detector found.
   */
  public static String replace(String text, String secret) {
    if (text == null) {
      return "";
    }
    if (secret == null || secret.isEmpty()) {
      return text;
    }
    return text.replace(secret, value(secret));
  }
}
