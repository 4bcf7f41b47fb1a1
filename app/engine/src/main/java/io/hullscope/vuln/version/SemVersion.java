package io.hullscope.vuln.version;

/**
 * Semantic Versioning 2.0.0 precedence, as used by npm, crates.io and other ecosystems.
 *
 * <p>A version is {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}. The three numbers compare as
 * numbers. A version with a pre-release is older than the same version without one. Pre-release
 * identifiers compare one by one: numeric identifiers as numbers and below alphanumeric ones,
 * alphanumeric identifiers by ASCII order, and a longer list wins when all shared identifiers are
 * equal. Build metadata is ignored. Numbers and numeric identifiers must not have leading zeros.
 *
 * <p>Like npm's {@code semver} package, this accepts a leading {@code v} or {@code =}, which tags and
 * some registries add.
 *
 * @see <a href="https://semver.org/spec/v2.0.0.html">Semantic Versioning 2.0.0</a>
 */
public final class SemVersion implements VersionScheme {

  private static final String NAME = "semver";

  private final int maxLength;

  /** Creates the scheme with the default maximum version length of 4096 characters. */
  public SemVersion() {
    this(VersionText.DEFAULT_MAX_LENGTH);
  }

  /** Creates the scheme; longer version strings are rejected. */
  public SemVersion(int maxLength) {
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

  private Parsed parse(String version) {
    VersionText.check(NAME, version, maxLength);
    int start = 0;
    if (version.charAt(0) == 'v' || version.charAt(0) == 'V' || version.charAt(0) == '=') {
      start = 1;
    }
    String problem = Parsed.problem(version, start, false);
    if (problem != null) {
      throw new InvalidVersionException(NAME, VersionText.printable(version), problem);
    }
    return Parsed.of(version, start);
  }

  /**
   * A version string checked against the SemVer grammar, described by the positions of its parts so
   * that no substring is copied. Go module versions reuse it with shorthand forms allowed.
   */
  record Parsed(String text, int[] numberStarts, int[] numberEnds, int preStart, int preEnd) {

    /**
     * Returns why {@code text} from {@code start} is not a SemVer version, or null when it is. With
     * {@code shorthand}, {@code 1} and {@code 1.2} are accepted as long as nothing follows them.
     */
    static String problem(String text, int start, boolean shorthand) {
      int position = start;
      int numbers = 0;
      while (true) {
        int numberStart = position;
        while (position < text.length() && VersionText.isDigit(text.charAt(position))) {
          position++;
        }
        if (position == numberStart) {
          return "expected a number at index " + numberStart;
        }
        if (text.charAt(numberStart) == '0' && position - numberStart > 1) {
          return "the number at index " + numberStart + " has a leading zero";
        }
        numbers++;
        if (numbers == 3 || position >= text.length() || text.charAt(position) != '.') {
          break;
        }
        position++;
      }
      if (numbers < 3) {
        if (!shorthand) {
          return "expected MAJOR.MINOR.PATCH but found " + numbers + " number" + (numbers == 1 ? "" : "s");
        }
        if (position < text.length()) {
          return "a shortened version cannot have a pre-release or build part";
        }
        return null;
      }
      if (position < text.length() && text.charAt(position) == '-') {
        position = identifiersEnd(text, position + 1, true);
        if (position < 0) {
          return "the pre-release part has an empty, leading-zero or non-alphanumeric identifier";
        }
      }
      if (position < text.length() && text.charAt(position) == '+') {
        position = identifiersEnd(text, position + 1, false);
        if (position < 0) {
          return "the build part has an empty or non-alphanumeric identifier";
        }
      }
      if (position < text.length()) {
        return "unexpected character '" + text.charAt(position) + "' at index " + position;
      }
      return null;
    }

    /** Scans dot-separated identifiers; returns the index after them, or -1 when one is invalid. */
    private static int identifiersEnd(String text, int position, boolean preRelease) {
      while (true) {
        int start = position;
        boolean numeric = true;
        while (position < text.length() && isIdentifierCharacter(text.charAt(position))) {
          numeric &= VersionText.isDigit(text.charAt(position));
          position++;
        }
        if (position == start) {
          return -1;
        }
        if (preRelease && numeric && text.charAt(start) == '0' && position - start > 1) {
          return -1;
        }
        if (position >= text.length() || text.charAt(position) != '.') {
          return position;
        }
        position++;
      }
    }

    private static boolean isIdentifierCharacter(char c) {
      return VersionText.isDigit(c) || VersionText.isLetter(c) || c == '-';
    }

    /** Records the part positions of a string that {@link #problem} accepted; missing numbers are 0. */
    static Parsed of(String text, int start) {
      int[] starts = new int[3];
      int[] ends = new int[3];
      int position = start;
      for (int i = 0; i < 3; i++) {
        if (position >= text.length() || !VersionText.isDigit(text.charAt(position))) {
          starts[i] = -1;
          ends[i] = -1;
          continue;
        }
        starts[i] = position;
        while (position < text.length() && VersionText.isDigit(text.charAt(position))) {
          position++;
        }
        ends[i] = position;
        if (i < 2 && position < text.length() && text.charAt(position) == '.') {
          position++;
        }
      }
      int preStart = -1;
      int preEnd = -1;
      if (position < text.length() && text.charAt(position) == '-') {
        preStart = position + 1;
        int plus = text.indexOf('+', preStart);
        preEnd = plus < 0 ? text.length() : plus;
      }
      return new Parsed(text, starts, ends, preStart, preEnd);
    }

    int compareTo(Parsed other) {
      for (int i = 0; i < 3; i++) {
        int result = compareNumber(this, i, other);
        if (result != 0) {
          return result;
        }
      }
      boolean pre = preStart >= 0;
      boolean otherPre = other.preStart >= 0;
      if (pre != otherPre) {
        return pre ? -1 : 1;
      }
      return pre ? comparePreRelease(other) : 0;
    }

    private static int compareNumber(Parsed a, int i, Parsed b) {
      String aText = a.numberStarts[i] < 0 ? "0" : a.text;
      int aStart = a.numberStarts[i] < 0 ? 0 : a.numberStarts[i];
      int aEnd = a.numberStarts[i] < 0 ? 1 : a.numberEnds[i];
      String bText = b.numberStarts[i] < 0 ? "0" : b.text;
      int bStart = b.numberStarts[i] < 0 ? 0 : b.numberStarts[i];
      int bEnd = b.numberStarts[i] < 0 ? 1 : b.numberEnds[i];
      return VersionText.compareDigits(aText, aStart, aEnd, bText, bStart, bEnd);
    }

    private int comparePreRelease(Parsed other) {
      int i = preStart;
      int j = other.preStart;
      while (i < preEnd && j < other.preEnd) {
        int iEnd = identifierEnd(text, i, preEnd);
        int jEnd = identifierEnd(other.text, j, other.preEnd);
        int result = compareIdentifiers(text, i, iEnd, other.text, j, jEnd);
        if (result != 0) {
          return result;
        }
        i = iEnd + 1;
        j = jEnd + 1;
      }
      boolean more = i < preEnd;
      boolean otherMore = j < other.preEnd;
      if (more == otherMore) {
        return 0;
      }
      return more ? 1 : -1;
    }

    private static int identifierEnd(String text, int start, int limit) {
      int end = text.indexOf('.', start);
      return end < 0 || end > limit ? limit : end;
    }

    private static int compareIdentifiers(String a, int aStart, int aEnd, String b, int bStart, int bEnd) {
      boolean aNumeric = allDigits(a, aStart, aEnd);
      boolean bNumeric = allDigits(b, bStart, bEnd);
      if (aNumeric && bNumeric) {
        return VersionText.compareDigits(a, aStart, aEnd, b, bStart, bEnd);
      }
      if (aNumeric != bNumeric) {
        return aNumeric ? -1 : 1;
      }
      int length = Math.min(aEnd - aStart, bEnd - bStart);
      for (int k = 0; k < length; k++) {
        int diff = a.charAt(aStart + k) - b.charAt(bStart + k);
        if (diff != 0) {
          return diff < 0 ? -1 : 1;
        }
      }
      return Integer.compare(aEnd - aStart, bEnd - bStart);
    }

    private static boolean allDigits(String s, int start, int end) {
      for (int k = start; k < end; k++) {
        if (!VersionText.isDigit(s.charAt(k))) {
          return false;
        }
      }
      return true;
    }
  }
}
