package io.hullscope.vuln.version;

import java.util.ArrayList;
import java.util.List;

/**
 * Python package versions as PEP 440 defines them, ordered as the {@code packaging} library orders
 * them.
 *
 * <p>A version is {@code [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]}. The release numbers compare
 * as numbers, with trailing zeros ignored. Before the final release come its pre-releases ({@code a
 * < b < rc}), and before those come developmental releases of the final release itself ({@code
 * 1.0.dev0 < 1.0a1 < 1.0}). Post-releases come after, a developmental release sorts before the
 * release it belongs to, and a local label ({@code +ubuntu1}) sorts after the same version without
 * one. Local labels compare segment by segment: numeric segments as numbers and above text
 * segments.
 *
 * <p>The parser accepts the spellings that PEP 440 normalizes: any case, a leading {@code v}, the
 * separators {@code .}, {@code -} and {@code _} around pre-, post- and dev-release markers,
 * {@code alpha}, {@code beta}, {@code c}, {@code pre} and {@code preview} for {@code a}, {@code b}
 * and {@code rc}, {@code rev} and {@code r} for {@code post}, the implicit post-release {@code 1.0-1},
 * missing numbers (0), and whitespace around the version.
 *
 * @see <a href="https://packaging.python.org/en/latest/specifications/version-specifiers/">Version
 *     specifiers (PEP 440)</a>
 */
public final class Pep440Version implements VersionScheme {

  private static final String NAME = "pep440";

  private static final String[] PRE_RELEASE_WORDS = {"alpha", "a", "beta", "b", "preview", "pre", "rc", "c"};
  private static final int[] PRE_RELEASE_RANKS = {0, 0, 1, 1, 2, 2, 2, 2};
  private static final String[] POST_RELEASE_WORDS = {"post", "rev", "r"};

  /** Rank given to a version without pre-release that has only a dev-release: before every a. */
  private static final int DEV_ONLY = -1;
  /** Rank given to a version without pre-release: after every rc. */
  private static final int FINAL = 3;

  private final int maxLength;

  /** Creates the scheme with the default maximum version length of 4096 characters. */
  public Pep440Version() {
    this(VersionText.DEFAULT_MAX_LENGTH);
  }

  /** Creates the scheme; longer version strings are rejected. */
  public Pep440Version(int maxLength) {
    this.maxLength = VersionText.checkLimit(maxLength);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int compare(String a, String b) {
    return parse(a).compareTo(parse(b));
  }

  /**
   * The parts that decide the order. Numbers are digit strings without leading zeros; a null post,
   * dev or local part is absent.
   */
  private record Key(
      String epoch,
      List<String> release,
      int preRank,
      String preNumber,
      String post,
      String dev,
      List<String> local) {

    int compareTo(Key other) {
      int result = VersionText.compareDigits(epoch, other.epoch);
      if (result == 0) {
        result = compareRelease(release, other.release);
      }
      if (result == 0) {
        result = Integer.compare(preRank, other.preRank);
      }
      if (result == 0 && preNumber != null) {
        result = VersionText.compareDigits(preNumber, other.preNumber);
      }
      if (result == 0) {
        // A missing post-release sorts first, a missing dev-release last.
        result = compareOptional(post, other.post, -1);
      }
      if (result == 0) {
        result = compareOptional(dev, other.dev, 1);
      }
      if (result == 0) {
        result = compareLocal(local, other.local);
      }
      return Integer.signum(result);
    }
  }

  private static int compareRelease(List<String> a, List<String> b) {
    int size = Math.max(a.size(), b.size());
    for (int i = 0; i < size; i++) {
      String left = i < a.size() ? a.get(i) : "0";
      String right = i < b.size() ? b.get(i) : "0";
      int result = VersionText.compareDigits(left, right);
      if (result != 0) {
        return result;
      }
    }
    return 0;
  }

  /** Compares two optional numbers; {@code missing} is the result when only {@code a} is absent. */
  private static int compareOptional(String a, String b, int missing) {
    if (a != null && b != null) {
      return VersionText.compareDigits(a, b);
    }
    if (a == null && b == null) {
      return 0;
    }
    return a == null ? missing : -missing;
  }

  private static int compareLocal(List<String> a, List<String> b) {
    if (a == null && b == null) {
      return 0;
    }
    if (a == null || b == null) {
      return a == null ? -1 : 1;
    }
    int size = Math.min(a.size(), b.size());
    for (int i = 0; i < size; i++) {
      String left = a.get(i);
      String right = b.get(i);
      boolean leftNumeric = VersionText.allDigits(left);
      boolean rightNumeric = VersionText.allDigits(right);
      int result;
      if (leftNumeric && rightNumeric) {
        result = VersionText.compareDigits(left, right);
      } else if (leftNumeric != rightNumeric) {
        result = leftNumeric ? 1 : -1;
      } else {
        result = left.compareTo(right);
      }
      if (result != 0) {
        return result;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private Key parse(String original) {
    // packaging accepts whitespace around the version, so only the stripped text is checked.
    String stripped = original == null ? null : original.strip();
    String version = lowerCase(VersionText.check(NAME, stripped, maxLength));
    Scanner scanner = new Scanner(original, version);
    return scanner.read();
  }

  /** Lower-cases ASCII letters only, so that positions in error messages stay right. */
  private static String lowerCase(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return out.toString();
  }

  /** Reads one lower-cased version from left to right, following the PEP 440 grammar. */
  private static final class Scanner {
    private final String original;
    private final String text;
    private int position;

    Scanner(String original, String text) {
      this.original = original;
      this.text = text;
    }

    Key read() {
      if (peek() == 'v') {
        position++;
      }
      String epoch = "0";
      String first = digits();
      if (first == null) {
        throw invalid("expected a release number at index " + position);
      }
      if (peek() == '!') {
        position++;
        epoch = first;
        first = digits();
        if (first == null) {
          throw invalid("expected a release number after the epoch at index " + position);
        }
      }
      List<String> release = new ArrayList<>();
      release.add(first);
      while (peek() == '.' && isDigitAt(position + 1)) {
        position++;
        release.add(digits());
      }
      while (release.size() > 1 && release.get(release.size() - 1).equals("0")) {
        release.remove(release.size() - 1);
      }

      int preRank = FINAL;
      String preNumber = null;
      int preWord = marker(PRE_RELEASE_WORDS);
      if (preWord >= 0) {
        preRank = PRE_RELEASE_RANKS[preWord];
        preNumber = optionalNumber();
      }

      String post = null;
      if (peek() == '-' && isDigitAt(position + 1)) {
        position++;
        post = digits();
      } else if (marker(POST_RELEASE_WORDS) >= 0) {
        post = optionalNumber();
      }

      String dev = null;
      if (marker(new String[] {"dev"}) >= 0) {
        dev = optionalNumber();
      }
      if (preWord < 0 && post == null && dev != null) {
        preRank = DEV_ONLY;
      }

      List<String> local = null;
      if (peek() == '+') {
        position++;
        local = localSegments();
      }
      if (position < text.length()) {
        throw invalid("unexpected character '" + text.charAt(position) + "' at index " + position);
      }
      return new Key(epoch, release, preRank, preNumber, post, dev, local);
    }

    /**
     * Consumes an optional separator and one of {@code words} (earlier entries win, so list longer
     * words first); returns the index of the word, or -1 with nothing consumed.
     */
    private int marker(String[] words) {
      int start = position;
      int at = isSeparator(peek()) ? position + 1 : position;
      for (int i = 0; i < words.length; i++) {
        if (text.startsWith(words[i], at)) {
          position = at + words[i].length();
          return i;
        }
      }
      position = start;
      return -1;
    }

    /** Consumes an optional separator and an optional number; a missing number is 0. */
    private String optionalNumber() {
      if (isSeparator(peek())) {
        position++;
      }
      String number = digits();
      return number == null ? "0" : number;
    }

    private List<String> localSegments() {
      List<String> segments = new ArrayList<>();
      while (true) {
        int start = position;
        while (position < text.length() && isLocalCharacter(text.charAt(position))) {
          position++;
        }
        if (position == start) {
          throw invalid("expected a local version segment at index " + position);
        }
        String segment = text.substring(start, position);
        segments.add(VersionText.allDigits(segment) ? stripZeros(segment) : segment);
        if (!isSeparator(peek())) {
          return segments;
        }
        position++;
      }
    }

    /** Reads a run of ASCII digits without its leading zeros, or returns null when none is here. */
    private String digits() {
      int start = position;
      while (isDigitAt(position)) {
        position++;
      }
      return position == start ? null : stripZeros(text.substring(start, position));
    }

    private static String stripZeros(String digits) {
      int start = 0;
      while (start < digits.length() - 1 && digits.charAt(start) == '0') {
        start++;
      }
      return digits.substring(start);
    }

    private char peek() {
      return position < text.length() ? text.charAt(position) : 0;
    }

    private boolean isDigitAt(int index) {
      return index < text.length() && VersionText.isDigit(text.charAt(index));
    }

    private static boolean isSeparator(char c) {
      return c == '.' || c == '-' || c == '_';
    }

    private static boolean isLocalCharacter(char c) {
      return VersionText.isDigit(c) || (c >= 'a' && c <= 'z');
    }

    private InvalidVersionException invalid(String reason) {
      return new InvalidVersionException(NAME, VersionText.printable(original), reason);
    }
  }
}
