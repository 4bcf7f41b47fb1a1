package io.hullscope.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognizes secret values: tokens with a published format, variable names that hold secrets,
 * placeholders that only look like secrets, and passwords in URLs.
 *
 * <p>Every token pattern starts with a fixed prefix and has bounded, possessive repetitions, so it
 * runs only where its prefix occurs and never backtracks; a scan stays fast on a single line of
 * several megabytes.
 */
final class SecretTokens {

  /**
   * A token format. Every match starts with one of {@code prefixes}, so the pattern runs only where
   * a prefix occurs, which keeps a scan fast on large files.
   */
  private record Format(String kind, List<String> prefixes, Pattern pattern, Confidence confidence, String reason,
      Predicate<String> valid) {}

  /** A token found in text: its kind, the value and where it is. */
  record Token(String kind, String value, int start, Confidence confidence, String reason) {}

  /** AWS documents these keys as examples; they grant access to nothing. */
  private static final Set<String> AWS_EXAMPLES = Set.of(
      "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAI44QH8DHBEXAMPLE",
      "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY");

  static final String AWS_KEY_ID = "AWS access key id";
  static final String AWS_SECRET_KEY = "AWS secret access key";

  /**
   * A token starts after a character that cannot be part of one. {@link #find} checks the same rule
   * before it runs a pattern, so inside a long run of token characters no pattern runs at all.
   */
  private static final String BEFORE = "(?<![A-Za-z0-9_-])";
  private static final String AFTER = "(?![A-Za-z0-9_])";

  private static final List<Format> FORMATS = List.of(
      format(AWS_KEY_ID, List.of("AKIA", "ASIA"), "(?:AKIA|ASIA)[A-Z2-7]{16}(?![A-Za-z0-9])", Confidence.MEDIUM,
          "an AWS access key id; without its secret key it grants nothing, but the secret is usually nearby"),
      format("GitHub token", List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"), "gh[pousr]_[A-Za-z0-9]{36,251}+" + AFTER,
          Confidence.HIGH, "GitHub token format"),
      format("GitHub fine-grained token", List.of("github_pat_"), "github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}" + AFTER,
          Confidence.HIGH, "GitHub fine-grained token format"),
      format("GitLab token", List.of("glpat-"), "glpat-[A-Za-z0-9_-]{20,64}+(?![A-Za-z0-9_-])", Confidence.HIGH,
          "GitLab token format"),
      new Format("Slack token", List.of("xoxb-", "xoxp-", "xoxa-", "xoxs-"),
          Pattern.compile(BEFORE + "xox[bpas]-[A-Za-z0-9-]{10,250}+(?![A-Za-z0-9-])"), Confidence.HIGH,
          "Slack token format", value -> value.chars().anyMatch(Character::isDigit) && value.indexOf('-', 5) > 0),
      format("Google API key", List.of("AIza"), "AIza[0-9A-Za-z_-]{35}+(?![A-Za-z0-9_-])", Confidence.HIGH,
          "Google API key format"),
      format("npm token", List.of("npm_"), "npm_[A-Za-z0-9]{36}" + AFTER, Confidence.HIGH, "npm access token format"),
      format("Stripe live key", List.of("sk_live_", "rk_live_"), "[sr]k_live_[0-9A-Za-z]{24,247}+" + AFTER,
          Confidence.HIGH, "Stripe live secret key format"),
      format("PyPI token", List.of("pypi-AgE"), "pypi-AgE[A-Za-z0-9_-]{50,2000}+(?![A-Za-z0-9_-])", Confidence.HIGH,
          "PyPI API token format"),
      new Format("JSON Web Token", List.of("eyJ"),
          Pattern.compile(BEFORE + "eyJ[A-Za-z0-9_-]{5,4000}+\\.eyJ[A-Za-z0-9_-]{5,8000}+\\.[A-Za-z0-9_-]{0,2000}+"
              + "(?![A-Za-z0-9_.-])"),
          Confidence.MEDIUM, "a JSON Web Token with a valid header and payload; it may have expired",
          SecretTokens::isJwt));

  /**
   * Names of variables that usually hold a secret. Matched against the name in upper case with
   * every character that is not a letter or digit turned into {@code _}.
   */
  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?:^|_)(?:PASSWORD|PASSWD|PASSPHRASE|PASS|PWD|SECRET|SECRETS|TOKEN|APIKEY|API_KEY|PRIVATE_KEY|PRIVKEY"
          + "|ACCESS_KEY|AUTH_KEY|CREDENTIALS?|AUTH)(?:_|$)"
          + "|SECRET|TOKEN|PASSWORD|PASSWD");

  private static final Pattern NAME_SEPARATORS = Pattern.compile("[^A-Z0-9]+");

  /** The shortest token of any known format: an AWS access key id. */
  private static final int MIN_TOKEN_LENGTH = 20;

  /** Last name parts that mark a setting about a secret rather than the secret itself. */
  private static final Set<String> NOT_A_VALUE = Set.of(
      "FILE", "PATH", "DIR", "URL", "URI", "ENDPOINT", "HOST", "PORT", "NAME", "USER", "USERNAME", "TYPE",
      "LENGTH", "SIZE", "TTL", "TIMEOUT", "EXPIRY", "EXPIRES", "EXPIRATION", "LIFETIME", "HEADER", "FIELD",
      "ID", "ENABLED", "DISABLED", "ENABLE", "DISABLE", "REQUIRED", "MODE", "POLICY", "PATTERN", "REGEX", "MIN",
      "MAX", "COUNT", "LIMIT", "VERSION", "ALGORITHM", "ALG", "METHOD", "PREFIX", "ROTATION", "KIND", "LOCATION",
      "REF", "ARN", "KEY_ID", "PROVIDER", "SOURCE", "STORE", "BACKEND", "FORMAT", "LOCK", "ISSUER", "AUDIENCE",
      "SCOPE", "SCOPES", "DOMAIN", "REALM", "COOKIE", "HASH");

  private static final Set<String> PLACEHOLDER_WORDS = Set.of(
      "changeme", "change_me", "change-me", "changeit", "password", "passwd", "secret", "token", "apikey",
      "api_key", "example", "dummy", "test", "testing", "sample", "placeholder", "null", "none", "nil",
      "undefined", "redacted", "removed", "hidden", "todo", "tbd", "fixme", "default", "true", "false", "yes",
      "no", "on", "off", "empty", "foo", "bar", "foobar", "secret123", "password123", "pass", "mysecret",
      "mypassword", "notsecret", "insecure", "not-a-secret", "required", "optional", "unset", "na", "n/a");

  private static final Pattern PLACEHOLDER_SHAPE = Pattern.compile(
      "\\$\\{[^}]*}?|\\$\\(.*\\)|\\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%|\\{\\{.*}}|<[^>]*>|\\[[^]]*]"
          + "|[xX*.#_\\-]+|(.)\\1*");

  private static final Pattern PLACEHOLDER_WORDING = Pattern.compile(
      "(?i).*(?:example|your[-_ ]?(?:own[-_ ]?)?(?:token|key|secret|password|pass|api)|replace[-_ ]?(?:me|this|with)"
          + "|insert[-_ ]|put[-_ ].*[-_ ]here|[-_ ]here$|changeme|change[-_]me|placeholder|dummy|redacted"
          + "|xxxxx|\\*\\*\\*).*");

  private static final Pattern URL_CREDENTIALS = Pattern.compile(
      "(?i)(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{1,20}://([^\\s:/@\"'<>]{1,256}):([^\\s@/\"'<>]{1,512})@[a-z0-9.\\[\\]-]");

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
      .build();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
  }

  private SecretTokens() {}

  private static Format format(String kind, List<String> prefixes, String regex, Confidence confidence,
      String reason) {
    return new Format(kind, prefixes, Pattern.compile(BEFORE + regex), confidence, reason, value -> true);
  }

  /**
   * Finds the tokens with a known format in {@code text}, at most {@code max} of them, in the order
   * of their place. AWS's documented example keys and values with
   * placeholder wording (such as {@code EXAMPLE}) are skipped.
   */
  static List<Token> find(CharSequence text, int max) {
    List<Token> found = new ArrayList<>();
    if (text.length() < MIN_TOKEN_LENGTH) {
      return found;
    }
    String string = text.toString();
    for (Format format : FORMATS) {
      // Transparent bounds let the look-behind see the character before the region.
      Matcher matcher = format.pattern().matcher(string).useTransparentBounds(true).useAnchoringBounds(false);
      for (String prefix : format.prefixes()) {
        int at = string.indexOf(prefix);
        while (found.size() < max && at >= 0) {
          int next = at + prefix.length();
          if ((at == 0 || !isTokenChar(string.charAt(at - 1))) && matcher.region(at, string.length()).lookingAt()) {
            String value = matcher.group();
            next = matcher.end();
            if (!AWS_EXAMPLES.contains(value) && !value.contains("EXAMPLE") && format.valid().test(value)
                && !isRepeatedBody(value)) {
              found.add(new Token(format.kind(), value, at, format.confidence(), format.reason()));
            }
          }
          at = string.indexOf(prefix, next);
        }
      }
    }
    found.sort(java.util.Comparator.comparingInt(Token::start));
    return found;
  }

  /** Returns the first token with a known format that is the whole of {@code value}, or null. */
  static Token whole(String value) {
    for (Token token : find(value, 4)) {
      if (token.value().equals(value.strip())) {
        return token;
      }
    }
    return null;
  }

  /**
   * Returns true when a variable or key with this name usually contains a secret, for example
   * {@code DB_PASSWORD}, {@code api-token} or {@code NPM_TOKEN}; false for names of settings about
   * secrets, such as {@code PASSWORD_FILE} or {@code TOKEN_TTL}.
   */
  static boolean isSecretName(String name) {
    if (name == null || name.isBlank()) {
      return false;
    }
    String normalized = normalizeName(name);
    if (!SECRET_NAME.matcher(normalized).find()) {
      return false;
    }
    if (normalized.equals("PWD") || normalized.equals("OLDPWD")) {
      // The shell's working directory, not a password.
      return false;
    }
    for (String suffix : NOT_A_VALUE) {
      if (normalized.equals(suffix) || normalized.endsWith("_" + suffix)) {
        return false;
      }
    }
    return !(normalized.endsWith("_KEY_ID") || normalized.startsWith("NO_") || normalized.startsWith("USE_"));
  }

  /** Returns a name in upper case with every run of characters other than letters and digits turned into {@code _}. */
  static String normalizeName(String name) {
    return NAME_SEPARATORS.matcher(name.strip().toUpperCase(Locale.ROOT)).replaceAll("_");
  }

  /**
   * Returns true when {@code value} is empty or only a stand-in for a secret: a variable reference
   * ({@code ${TOKEN}}, {@code $TOKEN}), a template ({@code {{ token }}}, {@code <token>}), a word
   * such as {@code changeme}, wording such as {@code your-token-here}, a run of one character such
   * as {@code xxxx}, a boolean, a short number or a path.
   */
  static boolean isPlaceholder(String value) {
    if (value == null) {
      return true;
    }
    String stripped = unquote(value.strip());
    if (stripped.isEmpty()) {
      return true;
    }
    String lower = stripped.toLowerCase(Locale.ROOT);
    if (PLACEHOLDER_WORDS.contains(lower) || PLACEHOLDER_SHAPE.matcher(stripped).matches()
        || PLACEHOLDER_WORDING.matcher(stripped).matches()) {
      return true;
    }
    // A shell expansion ($VAR, ${VAR}, $(command), `command`) or a path only points at the secret.
    if (stripped.startsWith("$") || stripped.startsWith("`") || stripped.startsWith("/") || stripped.startsWith("./")
        || stripped.startsWith("~/")) {
      return true;
    }
    return stripped.length() < 8 && stripped.chars().allMatch(Character::isDigit);
  }

  /**
   * Returns true when {@code value} looks randomly generated: at least 12 characters and at least
   * 3 bits of Shannon entropy per character. Words and settings rarely pass; generated passwords
   * and keys usually do.
   */
  static boolean looksRandom(String value) {
    if (value == null || value.length() < 12) {
      return false;
    }
    int[] counts = new int[128];
    int other = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double entropy = 0;
    for (int count : counts) {
      entropy -= plogp(count, value.length());
    }
    entropy -= plogp(other, value.length());
    return entropy >= 3.0;
  }

  private static double plogp(int count, int total) {
    if (count == 0) {
      return 0;
    }
    double p = (double) count / total;
    return p * Math.log(p) / Math.log(2);
  }

  /** A password in a URL: the user, the password and where the match starts. */
  record UrlCredential(String user, String password, int start) {}

  /** Finds URLs with {@code user:password@} whose password is not a placeholder, at most {@code max}. */
  static List<UrlCredential> urlCredentials(CharSequence text, int max) {
    List<UrlCredential> found = new ArrayList<>();
    if (!text.toString().contains("://")) {
      return found;
    }
    Matcher matcher = URL_CREDENTIALS.matcher(text);
    while (found.size() < max && matcher.find()) {
      String password = matcher.group(2);
      if (!isPlaceholder(password) && !password.startsWith("$")) {
        found.add(new UrlCredential(matcher.group(1), password, matcher.start()));
      }
    }
    return found;
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  }

  /** Removes one pair of matching quotes around a value. */
  static String unquote(String value) {
    if (value.length() >= 2) {
      char first = value.charAt(0);
      char last = value.charAt(value.length() - 1);
      if ((first == '"' || first == '\'') && last == first) {
        return value.substring(1, value.length() - 1);
      }
    }
    return value;
  }

  /** True when the part after a token's prefix is one character repeated, as in {@code ghp_xxxx...}. */
  private static boolean isRepeatedBody(String value) {
    int separator = Math.max(value.lastIndexOf('_', 12), value.lastIndexOf('-', 12));
    String body = value.substring(separator + 1);
    return body.length() > 1 && body.chars().distinct().count() <= 2;
  }

  /** A JWT's header and payload must be Base64url JSON objects, and the header must name an algorithm. */
  private static boolean isJwt(String value) {
    String[] parts = value.split("\\.", -1);
    if (parts.length != 3) {
      return false;
    }
    JsonNode header = base64UrlJson(parts[0]);
    JsonNode payload = base64UrlJson(parts[1]);
    if (header == null || payload == null || !header.isObject() || !payload.isObject() || !header.hasNonNull("alg")) {
      return false;
    }
    // An unsigned token ("alg": "none") has an empty signature; a signed one needs a decodable signature.
    return parts[2].isEmpty() ? "none".equalsIgnoreCase(header.get("alg").asText()) : decodesBase64Url(parts[2]);
  }

  private static JsonNode base64UrlJson(String part) {
    try {
      byte[] json = Base64.getUrlDecoder().decode(part);
      return JSON.readTree(new String(json, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | JsonProcessingException e) {
      return null;
    }
  }

  private static boolean decodesBase64Url(String part) {
    try {
      Base64.getUrlDecoder().decode(part);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
