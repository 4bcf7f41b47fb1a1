package io.hullscope.vuln.version;

/**
 * Alpine package versions, ordered as apk-tools 3 orders them.
 *
 * <p>A version is {@code number{.number}[letter]{_suffix[number]}[~hash][-r<number>]}, for example
 * {@code 1.2.3b_rc1_p2-r4}. It is read as a sequence of tokens, and each token's kind must not go
 * back in that grammar. Two versions compare token by token while both have a token of the same
 * kind:
 *
 * <ul>
 *   <li>numbers compare as numbers, except that a number after a dot that starts with a zero is
 *       older than one that does not, and two such numbers compare as strings, so {@code 1.01 <
 *       1.1} and {@code 1.010 < 1.09};
 *   <li>the single lower-case letter compares by character;
 *   <li>suffixes rank {@code _alpha < _beta < _pre < _rc < (none) < _cvs < _svn < _git < _hg < _p};
 *   <li>the commit hash after {@code ~} compares as a string, and the {@code -r} revision as a
 *       number (an empty one is 0).
 * </ul>
 *
 * <p>When the kinds differ, a pre-release suffix on one side makes it older. Otherwise the side
 * whose next token is further along the grammar (the end being furthest) is older, so {@code 1.2 <
 * 1.2.1}, {@code 1.2 < 1.2a}, {@code 1.2 < 1.2-r1} and {@code 1.2_alpha < 1.2}.
 *
 * <p>apk-tools does not reject a string that breaks the grammar, such as {@code 1.0bc} or {@code
 * 1.2.0A}: when either side is invalid it compares the two strings character by character. This
 * scheme does the same, so it rejects only empty and over-long strings and strings with control
 * characters or whitespace.
 *
 * <p>NOTE: the leading-zero rule, the commit hash and the fallback for invalid strings follow the
 * vectors in apk-tools' own unit tests. apk-tools 2.x, which older Alpine releases ship, orders
 * some of these differently (for example it puts {@code 1.010} after {@code 1.09}).
 *
 * @see <a href="https://wiki.alpinelinux.org/wiki/APKBUILD_Reference#pkgver">APKBUILD reference:
 *     pkgver</a>
 */
public final class ApkVersion implements VersionScheme {

  private static final String NAME = "apk";

  // Token kinds in grammar order; a version may only move forward through them (with the
  // exceptions in Cursor.advance). The order also decides which side is older when kinds differ.
  private static final int INVALID = -1;
  private static final int DIGIT_OR_ZERO = 0;
  private static final int DIGIT = 1;
  private static final int LETTER = 2;
  private static final int SUFFIX = 3;
  private static final int SUFFIX_NUMBER = 4;
  private static final int COMMIT_HASH = 5;
  private static final int REVISION_NUMBER = 6;
  private static final int END = 7;

  private static final String[] PRE_RELEASE_SUFFIXES = {"alpha", "beta", "pre", "rc"};
  private static final String[] POST_RELEASE_SUFFIXES = {"cvs", "svn", "git", "hg", "p"};

  private final int maxLength;

  /** Creates the scheme with the default maximum version length of 4096 characters. */
  public ApkVersion() {
    this(VersionText.DEFAULT_MAX_LENGTH);
  }

  /** Creates the scheme; longer version strings are rejected. */
  public ApkVersion(int maxLength) {
    this.maxLength = VersionText.checkLimit(maxLength);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int compare(String a, String b) {
    VersionText.check(NAME, a, maxLength);
    VersionText.check(NAME, b, maxLength);
    if (!isValid(a) || !isValid(b)) {
      return Integer.signum(a.compareTo(b));
    }
    Cursor left = new Cursor(a);
    Cursor right = new Cursor(b);
    int values = 0;
    while (left.kind == right.kind && left.kind != END && values == 0) {
      left.next();
      right.next();
      values = left.compareValue(right);
    }
    if (values != 0) {
      return values;
    }
    if (left.kind == right.kind) {
      return 0;
    }
    int leftKind = left.kind;
    int rightKind = right.kind;
    if (leftKind == SUFFIX && left.next() && left.value < 0) {
      return -1;
    }
    if (rightKind == SUFFIX && right.next() && right.value < 0) {
      return 1;
    }
    return leftKind > rightKind ? -1 : 1;
  }

  /** Returns whether the whole string follows the version grammar. */
  private static boolean isValid(String version) {
    Cursor cursor = new Cursor(version);
    while (cursor.kind != END) {
      if (!cursor.next()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads tokens from one version string. After {@link #next()}, {@link #kind} is the kind of the
   * token that follows, and the value of the token just read is either {@link #value} or, for
   * numbers and hashes, the run {@code [runStart, runEnd)}.
   */
  private static final class Cursor {
    private final String text;
    private int position;
    int kind = DIGIT;
    long value;
    int runStart = -1;
    int runEnd = -1;
    boolean leadingZero;

    Cursor(String text) {
      this.text = text;
    }

    /** Reads one token; returns false when it breaks the grammar. */
    boolean next() {
      value = 0;
      runStart = -1;
      leadingZero = false;
      if (position >= text.length()) {
        kind = END;
        return true;
      }
      switch (kind) {
        case DIGIT_OR_ZERO:
          leadingZero = text.charAt(position) == '0';
          if (!readRun(false)) {
            return fail();
          }
          break;
        case DIGIT:
        case SUFFIX_NUMBER:
          if (!readRun(false)) {
            return fail();
          }
          break;
        case REVISION_NUMBER:
          readRun(false);
          break;
        case COMMIT_HASH:
          if (!readRun(true)) {
            return fail();
          }
          break;
        case LETTER:
          value = text.charAt(position++);
          break;
        case SUFFIX:
          int rank = suffixRank();
          if (rank == Integer.MIN_VALUE) {
            return fail();
          }
          value = rank;
          break;
        default:
          return fail();
      }
      if (position >= text.length()) {
        kind = END;
      } else if (kind == SUFFIX && VersionText.isDigit(text.charAt(position))) {
        kind = SUFFIX_NUMBER;
      } else {
        advance();
      }
      return kind != INVALID;
    }

    private boolean fail() {
      kind = INVALID;
      return false;
    }

    /** Reads decimal digits, or lower-case hex digits for a hash; returns whether any were read. */
    private boolean readRun(boolean hex) {
      runStart = position;
      while (position < text.length() && isRunCharacter(text.charAt(position), hex)) {
        position++;
      }
      runEnd = position;
      return runEnd > runStart;
    }

    private static boolean isRunCharacter(char c, boolean hex) {
      return VersionText.isDigit(c) || (hex && c >= 'a' && c <= 'f');
    }

    /** Matches a suffix name at the position; pre-release ranks are negative. */
    private int suffixRank() {
      for (int i = 0; i < PRE_RELEASE_SUFFIXES.length; i++) {
        if (text.startsWith(PRE_RELEASE_SUFFIXES[i], position)) {
          position += PRE_RELEASE_SUFFIXES[i].length();
          return i - PRE_RELEASE_SUFFIXES.length;
        }
      }
      for (int i = 0; i < POST_RELEASE_SUFFIXES.length; i++) {
        if (text.startsWith(POST_RELEASE_SUFFIXES[i], position)) {
          position += POST_RELEASE_SUFFIXES[i].length();
          return i;
        }
      }
      return Integer.MIN_VALUE;
    }

    /** Decides the kind of the next token from the separator or character at the position. */
    private void advance() {
      char c = text.charAt(position);
      int following;
      if ((kind == DIGIT || kind == DIGIT_OR_ZERO) && c >= 'a' && c <= 'z') {
        following = LETTER;
      } else if (kind == LETTER && VersionText.isDigit(c)) {
        following = DIGIT;
      } else if (kind == SUFFIX && VersionText.isDigit(c)) {
        following = SUFFIX_NUMBER;
      } else {
        following = switch (c) {
          case '.' -> DIGIT_OR_ZERO;
          case '_' -> SUFFIX;
          case '~' -> COMMIT_HASH;
          case '-' -> {
            if (position + 1 < text.length() && text.charAt(position + 1) == 'r') {
              position++;
              yield REVISION_NUMBER;
            }
            yield INVALID;
          }
          default -> INVALID;
        };
        position++;
      }
      // Going back in the grammar is invalid, except for another dotted number after a number,
      // another suffix after a suffix number, and a number after a letter.
      if (following < kind
          && !(following == DIGIT_OR_ZERO && kind == DIGIT)
          && !(following == SUFFIX && kind == SUFFIX_NUMBER)
          && !(following == DIGIT && kind == LETTER)) {
        following = INVALID;
      }
      kind = following;
    }

    int compareValue(Cursor other) {
      boolean run = runStart >= 0;
      boolean otherRun = other.runStart >= 0;
      if (!run && !otherRun) {
        return Long.compare(value, other.value);
      }
      if (run != otherRun) {
        // The other side reached the end, whose value is 0.
        return run ? VersionText.compareDigits(text, runStart, runEnd, "0", 0, 1) : -other.compareValue(this);
      }
      if (kind == COMMIT_HASH || (leadingZero && other.leadingZero)) {
        return compareStrings(text, runStart, runEnd, other.text, other.runStart, other.runEnd);
      }
      if (leadingZero != other.leadingZero) {
        return leadingZero ? -1 : 1;
      }
      return VersionText.compareDigits(text, runStart, runEnd, other.text, other.runStart, other.runEnd);
    }
  }

  private static int compareStrings(String a, int aStart, int aEnd, String b, int bStart, int bEnd) {
    int length = Math.min(aEnd - aStart, bEnd - bStart);
    for (int i = 0; i < length; i++) {
      int diff = a.charAt(aStart + i) - b.charAt(bStart + i);
      if (diff != 0) {
        return diff < 0 ? -1 : 1;
      }
    }
    return Integer.compare(aEnd - aStart, bEnd - bStart);
  }
}
