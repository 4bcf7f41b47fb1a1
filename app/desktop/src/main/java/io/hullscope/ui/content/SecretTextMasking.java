package io.hullscope.ui.content;

import io.hullscope.check.CredentialFile;
import io.hullscope.check.Redaction;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secret values in a text file before the file viewer shows it, as the Overview masks
 * environment values: values in known credential files, passwords in URLs, and private key blocks.
 * Masked values use {@link Redaction}, so they read the same as in findings and reports. Every
 * line stays in place, so line numbers still match the file. Credential files are recognized by
 * the engine's {@link CredentialFile}, the list the secret checks use.
 */
public final class SecretTextMasking {

  /** A key that names a secret: password, token, auth, secret, key, credential, session, cookie. */
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i)pass|pwd|secret|token|auth|key|credential|session|cookie");
  /**
   * {@code KEY=value} and {@code export KEY=value}; the key may contain colons, as in the npm line
   * {@code //registry.npmjs.org/:_authToken=...}.
   */
  private static final Pattern EQUALS_ASSIGNMENT =
      Pattern.compile("^(\\s*(?:export\\s+)?([^\\s=\"#;]+)\\s*=\\s*)(\"?)([^\"]*?)(\"?\\s*)$");
  /** {@code key: value} (YAML) and {@code "key": "value",} (JSON). */
  private static final Pattern COLON_ASSIGNMENT =
      Pattern.compile("^(\\s*\"?([^\\s=:\"#;]+)\"?\\s*:\\s*)(\"?)([^\"]*?)(\"?\\s*,?\\s*)$");
  /** The {@code password} token of a .netrc line. */
  private static final Pattern NETRC_PASSWORD = Pattern.compile("(\\bpassword\\s+)(\\S+)");
  private static final Pattern KEY_BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----");
  private static final Pattern KEY_END = Pattern.compile("-----END [A-Z0-9 ]*PRIVATE KEY-----");

  private SecretTextMasking() {}

  /** Returns the text with secrets masked; a text without any is returned unchanged. */
  public static String mask(String path, String text) {
    CredentialFile kind = CredentialFile.of(path == null ? "" : path);
    String[] lines = text.split("(?<=\n)", -1);
    StringBuilder masked = new StringBuilder(text.length());
    String keyKind = null;
    for (String line : lines) {
      String body = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
      String end = line.substring(body.length());
      String carriageReturn = body.endsWith("\r") ? "\r" : "";
      body = body.substring(0, body.length() - carriageReturn.length());

      if (keyKind != null) {
        boolean last = KEY_END.matcher(body).find();
        masked.append(last ? body : "(" + keyKind + " line hidden)").append(carriageReturn).append(end);
        keyKind = last ? null : keyKind;
        continue;
      }
      Matcher begin = KEY_BEGIN.matcher(body);
      if (begin.find()) {
        keyKind = begin.group(1).toLowerCase(Locale.ROOT);
        masked.append(body).append(carriageReturn).append(end);
        continue;
      }
      masked.append(maskLine(kind, body)).append(carriageReturn).append(end);
    }
    return masked.toString();
  }

  private static String maskLine(CredentialFile kind, String line) {
    String result = Redaction.urlCredentials(line);
    if (kind == null || result.strip().startsWith("#") || result.strip().startsWith(";")) {
      return result;
    }
    if (kind == CredentialFile.NETRC) {
      Matcher password = NETRC_PASSWORD.matcher(result);
      return password.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + Redaction.value(match.group(2))));
    }
    Matcher assignment = EQUALS_ASSIGNMENT.matcher(result);
    if (!assignment.matches()) {
      assignment = COLON_ASSIGNMENT.matcher(result);
      if (!assignment.matches()) {
        return result;
      }
    }
    String key = assignment.group(2);
    String value = assignment.group(4);
    // Every value of an .env file is treated as secret, because such files exist to hold them.
    boolean secret = kind == CredentialFile.DOTENV || SECRET_KEY.matcher(key).find();
    if (!secret || value.isBlank()) {
      return result;
    }
    return assignment.group(1) + assignment.group(3) + Redaction.value(value) + assignment.group(5);
  }
}
