package io.hullscope.vuln.version;

/**
 * RPM package versions, {@code [epoch:]version[-release]}, ordered as rpm orders them: epoch, then
 * version, then release, each compared with the {@code rpmvercmp} rule.
 *
 * <p>{@code rpmvercmp} splits a string into runs of ASCII digits and runs of ASCII letters; every
 * other character only separates runs. A digit run is newer than a letter run, digit runs compare
 * as numbers and letter runs compare by character code. {@code ~} sorts before anything, even the
 * end of the string ({@code 1.0~rc1 < 1.0}), and {@code ^} sorts after the end but before any
 * further run ({@code 1.0 < 1.0^git1 < 1.0.1}). When all runs agree, the string with runs left over
 * is newer.
 *
 * <p>The epoch ends at the first colon and defaults to 0; the release starts after the last hyphen.
 * Like rpm this accepts odd characters, and it compares a non-numeric epoch with {@code rpmvercmp}
 * too. A version without a release sorts before the same version with any release, as {@code
 * rpm.vercmp} in rpm 4.18 orders {@code 1.0} before {@code 1.0-1}. rpm's dependency matching ignores
 * a missing release instead, but advisories name full releases, and a package without one cannot be
 * shown to contain the fix.
 *
 * @see <a href="https://rpm-software-management.github.io/rpm/manual/dependencies.html">RPM
 *     dependencies: versioning</a>
 */
public final class RpmVersion implements VersionScheme {

  private static final String NAME = "rpm";

  private final int maxLength;

  /** Creates the scheme with the default maximum version length of 4096 characters. */
  public RpmVersion() {
    this(VersionText.DEFAULT_MAX_LENGTH);
  }

  /** Creates the scheme; longer version strings are rejected. */
  public RpmVersion(int maxLength) {
    this.maxLength = VersionText.checkLimit(maxLength);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int compare(String a, String b) {
    Evr left = parse(a);
    Evr right = parse(b);
    int result = rpmvercmp(left.epoch, right.epoch);
    if (result == 0) {
      result = rpmvercmp(left.version, right.version);
    }
    if (result == 0) {
      result = compareReleases(left.release, right.release);
    }
    return result;
  }

  /** Epoch, version and release; the release is null when the string has no hyphen. */
  private record Evr(String epoch, String version, String release) {}

  private Evr parse(String text) {
    VersionText.check(NAME, text, maxLength);
    String epoch = "0";
    String rest = text;
    int colon = text.indexOf(':');
    if (colon >= 0) {
      epoch = text.substring(0, colon);
      rest = text.substring(colon + 1);
      if (epoch.isEmpty()) {
        epoch = "0";
      }
    }
    String version = rest;
    String release = null;
    int hyphen = rest.lastIndexOf('-');
    if (hyphen >= 0) {
      version = rest.substring(0, hyphen);
      release = rest.substring(hyphen + 1);
    }
    if (version.isEmpty()) {
      throw new InvalidVersionException(NAME, VersionText.printable(text), "the version part is empty");
    }
    return new Evr(epoch, version, release);
  }

  private static int compareReleases(String a, String b) {
    if (a != null && b != null) {
      return rpmvercmp(a, b);
    }
    if (a == null && b == null) {
      return 0;
    }
    return a == null ? -1 : 1;
  }

  /**
   * Compares one version or release string with rpm's {@code rpmvercmp} rule, returning -1, 0 or 1.
   * Like rpm it accepts any characters: those that are not ASCII letters, digits, {@code ~} or
   * {@code ^} only separate runs.
   */
  public static int rpmvercmp(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      i = skipSeparators(a, i);
      j = skipSeparators(b, j);

      char x = i < a.length() ? a.charAt(i) : 0;
      char y = j < b.length() ? b.charAt(j) : 0;
      if (x == '~' || y == '~') {
        if (x != '~') {
          return 1;
        }
        if (y != '~') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      // '^' is newer than the end of the string but older than any further run.
      if (x == '^' || y == '^') {
        if (i >= a.length()) {
          return -1;
        }
        if (j >= b.length()) {
          return 1;
        }
        if (x != '^') {
          return 1;
        }
        if (y != '^') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (i >= a.length() || j >= b.length()) {
        break;
      }

      boolean numeric = VersionText.isDigit(x);
      int aEnd = runEnd(a, i, numeric);
      int bEnd = runEnd(b, j, numeric);
      if (bEnd == j) {
        // The runs are of different kinds: a number is newer than letters.
        return numeric ? 1 : -1;
      }
      int result = numeric
          ? VersionText.compareDigits(a, i, aEnd, b, j, bEnd)
          : compareLetters(a, i, aEnd, b, j, bEnd);
      if (result != 0) {
        return result;
      }
      i = aEnd;
      j = bEnd;
    }
    boolean aDone = i >= a.length();
    boolean bDone = j >= b.length();
    if (aDone && bDone) {
      return 0;
    }
    return aDone ? -1 : 1;
  }

  private static int skipSeparators(String s, int i) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (isAsciiAlphanumeric(c) || c == '~' || c == '^') {
        break;
      }
      i++;
    }
    return i;
  }

  private static int runEnd(String s, int i, boolean numeric) {
    while (i < s.length() && (numeric ? VersionText.isDigit(s.charAt(i)) : VersionText.isLetter(s.charAt(i)))) {
      i++;
    }
    return i;
  }

  private static int compareLetters(String a, int aStart, int aEnd, String b, int bStart, int bEnd) {
    int length = Math.min(aEnd - aStart, bEnd - bStart);
    for (int k = 0; k < length; k++) {
      int diff = a.charAt(aStart + k) - b.charAt(bStart + k);
      if (diff != 0) {
        return diff < 0 ? -1 : 1;
      }
    }
    return Integer.compare(aEnd - aStart, bEnd - bStart);
  }

  private static boolean isAsciiAlphanumeric(char c) {
    return VersionText.isDigit(c) || VersionText.isLetter(c);
  }
}
