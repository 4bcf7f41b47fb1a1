package io.hullscope.vuln.version;

import java.util.ArrayList;
import java.util.List;

/**
 * RubyGems versions, ordered as {@code Gem::Version} orders them.
 *
 * <p>A version starts with a number, continues with dot-separated numbers or words, and may end
 * with a hyphenated part, in which RubyGems reads every hyphen as {@code .pre.} ({@code 1.0-rc1} is
 * {@code 1.0.pre.rc1}). The version is split into segments, each a run of digits or a run of
 * letters. Trailing zero segments are dropped from the numbers before the first word and from the
 * segments after it, so {@code 1.0.0 = 1} and {@code 1.0.a = 1.a}. Segments then compare in order,
 * with missing ones counting as 0: numbers as numbers, words by character code, and a word is older
 * than a number, so {@code 1.0.a < 1.0} and {@code 3.0.0.beta4 < 3.0.pre < 3.0.0.rc}.
 *
 * <p>Like RubyGems, whitespace around the version is ignored.
 *
 * @see <a href="https://guides.rubygems.org/patterns/#semantic-versioning">RubyGems guides:
 *     versioning</a>
 */
public final class GemVersion implements VersionScheme {

  private static final String NAME = "rubygems";

  private final int maxLength;

  /** Creates the scheme with the default maximum version length of 4096 characters. */
  public GemVersion() {
    this(VersionText.DEFAULT_MAX_LENGTH);
  }

  /** Creates the scheme; longer version strings are rejected. */
  public GemVersion(int maxLength) {
    this.maxLength = VersionText.checkLimit(maxLength);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int compare(String a, String b) {
    List<String> left = segments(a);
    List<String> right = segments(b);
    int size = Math.max(left.size(), right.size());
    for (int i = 0; i < size; i++) {
      String x = i < left.size() ? left.get(i) : "0";
      String y = i < right.size() ? right.get(i) : "0";
      boolean xNumber = VersionText.isDigit(x.charAt(0));
      boolean yNumber = VersionText.isDigit(y.charAt(0));
      int result;
      if (xNumber && yNumber) {
        result = VersionText.compareDigits(x, y);
      } else if (xNumber != yNumber) {
        result = xNumber ? 1 : -1;
      } else {
        result = Integer.signum(x.compareTo(y));
      }
      if (result != 0) {
        return result;
      }
    }
    return 0;
  }

  /** Checks the version and returns its canonical segments. */
  private List<String> segments(String original) {
    String version = VersionText.check(NAME, original == null ? null : original.strip(), maxLength);
    checkForm(version);
    List<String> segments = new ArrayList<>();
    int i = 0;
    while (i < version.length()) {
      char c = version.charAt(i);
      if (c == '-') {
        segments.add("pre");
        i++;
        continue;
      }
      if (c == '.') {
        i++;
        continue;
      }
      int start = i;
      boolean digits = VersionText.isDigit(c);
      while (i < version.length()
          && (digits ? VersionText.isDigit(version.charAt(i)) : VersionText.isLetter(version.charAt(i)))) {
        i++;
      }
      segments.add(digits ? stripZeros(version.substring(start, i)) : version.substring(start, i));
    }
    return canonical(segments);
  }

  /**
   * Accepts {@code N(.[0-9A-Za-z]+)*(-[0-9A-Za-z-]+(.[0-9A-Za-z-]+)*)?}, the form RubyGems requires.
   */
  private static void checkForm(String version) {
    int i = 0;
    while (i < version.length() && VersionText.isDigit(version.charAt(i))) {
      i++;
    }
    if (i == 0) {
      throw invalid(version, "it must start with a number");
    }
    boolean hyphenated = false;
    while (i < version.length()) {
      char c = version.charAt(i);
      if (c == '-' && !hyphenated) {
        hyphenated = true;
      } else if (c != '.') {
        throw invalid(version, "unexpected character '" + c + "' at index " + i);
      }
      int start = ++i;
      while (i < version.length() && isSegmentCharacter(version.charAt(i), hyphenated)) {
        i++;
      }
      if (i == start) {
        throw invalid(version, "expected a number or word at index " + start);
      }
    }
  }

  private static boolean isSegmentCharacter(char c, boolean hyphenated) {
    return VersionText.isDigit(c) || VersionText.isLetter(c) || (hyphenated && c == '-');
  }

  /** Drops trailing zeros from the numbers before the first word and from the part after it. */
  private static List<String> canonical(List<String> segments) {
    int firstWord = 0;
    while (firstWord < segments.size() && VersionText.isDigit(segments.get(firstWord).charAt(0))) {
      firstWord++;
    }
    List<String> release = dropTrailingZeros(segments.subList(0, firstWord));
    List<String> rest = dropTrailingZeros(segments.subList(firstWord, segments.size()));
    List<String> result = new ArrayList<>(release.size() + rest.size());
    result.addAll(release);
    result.addAll(rest);
    return result;
  }

  private static List<String> dropTrailingZeros(List<String> segments) {
    int end = segments.size();
    while (end > 0 && segments.get(end - 1).equals("0")) {
      end--;
    }
    return segments.subList(0, end);
  }

  private static String stripZeros(String digits) {
    int start = 0;
    while (start < digits.length() - 1 && digits.charAt(start) == '0') {
      start++;
    }
    return digits.substring(start);
  }

  private static InvalidVersionException invalid(String version, String reason) {
    return new InvalidVersionException(NAME, VersionText.printable(version), reason);
  }
}
