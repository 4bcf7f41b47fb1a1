package io.hullscope.vuln.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PHP package versions from Packagist, ordered as Composer orders them: the version is first
 * normalized as Composer's version parser does, then compared with PHP's {@code version_compare}.
 *
 * <p>Normalization accepts an optional {@code v}, one to four dot-separated numbers (missing ones
 * become 0, so {@code 1.2} is {@code 1.2.0.0}) or more when the first has at least four digits, as
 * in a date such as {@code 2024.01.15.1}, then an optional
 * stability suffix: {@code alpha} or {@code a}, {@code beta} or {@code b}, {@code RC}, {@code
 * patch}, {@code pl} or {@code p}, or {@code stable}, each with an optional number, and an optional
 * {@code dev}. Build metadata after {@code +} is dropped. The suffix may be separated by {@code .},
 * {@code -} or {@code _}, in any case.
 *
 * <p>{@code version_compare} then splits at dots and at changes between digits and letters, and
 * compares numbers as numbers and words by stability: {@code dev < alpha < beta < RC < (number) <
 * patch}. A version with more parts is newer when the extra part is a number, and the extra part's
 * stability decides otherwise, so {@code 1.0.0-RC1 < 1.0.0 < 1.0.0-patch1}.
 *
 * <p>Branch names such as {@code dev-main} or {@code 2.x-dev} have no place in that order and are
 * rejected.
 *
 * @see <a href="https://getcomposer.org/doc/articles/versions.md">Composer: versions and
 *     constraints</a>
 */
public final class ComposerVersion implements VersionScheme {

  private static final String NAME = "composer";

  private final int maxLength;

  /** Creates the scheme with the default maximum version length of 4096 characters. */
  public ComposerVersion() {
    this(VersionText.DEFAULT_MAX_LENGTH);
  }

  /** Creates the scheme; longer version strings are rejected. */
  public ComposerVersion(int maxLength) {
    this.maxLength = VersionText.checkLimit(maxLength);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int compare(String a, String b) {
    List<String> left = parts(normalize(a));
    List<String> right = parts(normalize(b));
    int size = Math.min(left.size(), right.size());
    for (int i = 0; i < size; i++) {
      int result = compareParts(left.get(i), right.get(i));
      if (result != 0) {
        return result;
      }
    }
    if (left.size() != right.size()) {
      boolean leftLonger = left.size() > right.size();
      String extra = leftLonger ? left.get(size) : right.get(size);
      int result = isNumber(extra) ? 1 : Integer.compare(stability(extra), stability("#"));
      return leftLonger ? result : -result;
    }
    return 0;
  }

  /**
   * Returns the normalized form, for example {@code 1.2.0.0-beta1}; numbers keep their digits as
   * written, which does not change their order.
   */
  String normalize(String original) {
    String version = VersionText.check(NAME, original == null ? null : original.strip(), maxLength);
    int plus = version.indexOf('+');
    if (plus >= 0) {
      version = version.substring(0, plus);
    }
    String lower = version.toLowerCase(Locale.ROOT);
    if (lower.startsWith("dev-") || (lower.endsWith("-dev") && lower.contains(".x"))) {
      throw invalid(original, "branch versions have no order");
    }
    int i = lower.startsWith("v") ? 1 : 0;
    StringBuilder out = new StringBuilder();
    int numbers = 0;
    while (true) {
      int start = i;
      while (i < lower.length() && VersionText.isDigit(lower.charAt(i))) {
        i++;
      }
      if (i == start) {
        throw invalid(original, "expected a number at index " + start);
      }
      if (numbers > 0) {
        out.append('.');
      }
      out.append(lower, start, i);
      numbers++;
      if (i + 1 < lower.length() && lower.charAt(i) == '.' && VersionText.isDigit(lower.charAt(i + 1))) {
        i++;
        continue;
      }
      break;
    }
    // Composer reads a version whose first number has four or more digits as a date, which may
    // have more than four numbers.
    int firstLength = out.indexOf(".") < 0 ? out.length() : out.indexOf(".");
    if (numbers > 4 && firstLength < 4) {
      throw invalid(original, "it has " + numbers + " numbers, more than 4");
    }
    for (int n = numbers; n < 4; n++) {
      out.append(".0");
    }
    appendSuffix(original, lower, i, out);
    return out.toString();
  }

  /** Reads the stability suffix at {@code i}, if any, and appends its normalized form. */
  private static void appendSuffix(String original, String lower, int i, StringBuilder out) {
    if (i < lower.length() && isSeparator(lower.charAt(i))) {
      i++;
    }
    String[][] words = {
      {"stable", ""}, {"beta", "beta"}, {"b", "beta"}, {"rc", "RC"}, {"alpha", "alpha"}, {"a", "alpha"},
      {"patch", "patch"}, {"pl", "patch"}, {"p", "patch"},
    };
    for (String[] word : words) {
      if (lower.startsWith(word[0], i)) {
        i += word[0].length();
        int start = i;
        while (i < lower.length() && (VersionText.isDigit(lower.charAt(i)) || isNumberSeparator(lower, i))) {
          i++;
        }
        String number = lower.substring(start, i).replaceAll("^[.-]+", "");
        if (!word[1].isEmpty()) {
          out.append('-').append(word[1]).append(number);
        }
        break;
      }
    }
    if (i < lower.length() && isSeparator(lower.charAt(i)) && lower.startsWith("dev", i + 1)) {
      i++;
    }
    if (lower.startsWith("dev", i)) {
      out.append("-dev");
      i += 3;
    }
    if (i < lower.length()) {
      throw invalid(original, "unexpected text '" + lower.substring(i) + "' at index " + i);
    }
  }

  private static boolean isNumberSeparator(String text, int i) {
    char c = text.charAt(i);
    return (c == '.' || c == '-') && i + 1 < text.length() && VersionText.isDigit(text.charAt(i + 1));
  }

  private static boolean isSeparator(char c) {
    return c == '.' || c == '-' || c == '_';
  }

  /** Splits like PHP's version_compare: at dots and where digits meet other characters. */
  private static List<String> parts(String normalized) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < normalized.length()) {
      char c = normalized.charAt(i);
      if (c == '.' || c == '-' || c == '_' || c == '+') {
        i++;
        continue;
      }
      int start = i;
      boolean digits = VersionText.isDigit(c);
      while (i < normalized.length()
          && !isSeparator(normalized.charAt(i))
          && VersionText.isDigit(normalized.charAt(i)) == digits) {
        i++;
      }
      parts.add(normalized.substring(start, i));
    }
    return parts;
  }

  private static int compareParts(String a, String b) {
    boolean aNumber = isNumber(a);
    boolean bNumber = isNumber(b);
    if (aNumber && bNumber) {
      return VersionText.compareDigits(a, b);
    }
    int result = Integer.compare(stability(aNumber ? "#" : a), stability(bNumber ? "#" : b));
    return Integer.signum(result);
  }

  private static boolean isNumber(String part) {
    return VersionText.isDigit(part.charAt(0));
  }

  /**
   * Ranks a word the way {@code version_compare} does, by its prefix: dev 0, alpha or a 1, beta or b
   * 2, RC or rc 3, a number ("#") 4, pl or p 5, and anything else -1.
   */
  private static int stability(String word) {
    String[] prefixes = {"dev", "alpha", "a", "beta", "b", "RC", "rc", "#", "pl", "p"};
    int[] ranks = {0, 1, 1, 2, 2, 3, 3, 4, 5, 5};
    for (int i = 0; i < prefixes.length; i++) {
      if (word.startsWith(prefixes[i])) {
        return ranks[i];
      }
    }
    return -1;
  }

  private static InvalidVersionException invalid(String version, String reason) {
    return new InvalidVersionException(NAME, VersionText.printable(version), reason);
  }
}
