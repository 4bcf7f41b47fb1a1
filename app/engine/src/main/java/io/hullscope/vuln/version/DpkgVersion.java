package io.hullscope.vuln.version;

/**
 * Debian package versions, {@code [epoch:]upstream[-revision]}, ordered as {@code dpkg
 * --compare-versions} orders them.
 *
 * <p>Rules from Debian Policy section 5.6.12: the epoch is compared as a number (missing means 0);
 * upstream and revision are each compared by alternating non-digit and digit parts. Non-digit parts
 * compare character by character with {@code ~} before everything (even the end of the part), then
 * the end, then letters, then other characters. Digit parts compare as numbers. The epoch ends at the
 * first colon and the revision starts after the last hyphen; a missing revision equals {@code 0}.
 *
 * <p>Like dpkg, this accepts an upstream version that does not start with a digit and punctuation
 * outside Policy's set, because dpkg only warns about those. It rejects what dpkg rejects: an empty
 * or non-numeric epoch, an empty upstream or revision, and spaces. It also rejects control
 * characters.
 *
 * @see <a href="https://www.debian.org/doc/debian-policy/ch-controlfields.html#version">Debian
 *     Policy: Version</a>
 */
public final class DpkgVersion implements VersionScheme {

  private static final String NAME = "dpkg";

  private final int maxLength;

  /** Creates the scheme with the default maximum version length of 4096 characters. */
  public DpkgVersion() {
    this(VersionText.DEFAULT_MAX_LENGTH);
  }

  /** Creates the scheme; longer version strings are rejected. */
  public DpkgVersion(int maxLength) {
    this.maxLength = VersionText.checkLimit(maxLength);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int compare(String a, String b) {
    Parts left = parse(a);
    Parts right = parse(b);
    int result = VersionText.compareDigits(left.epoch, right.epoch);
    if (result == 0) {
      result = compareText(left.upstream, right.upstream);
    }
    if (result == 0) {
      result = compareText(left.revision, right.revision);
    }
    return result;
  }

  private record Parts(String epoch, String upstream, String revision) {}

  private Parts parse(String version) {
    VersionText.check(NAME, version, maxLength);
    String epoch = "0";
    String rest = version;
    int colon = version.indexOf(':');
    if (colon >= 0) {
      epoch = version.substring(0, colon);
      rest = version.substring(colon + 1);
      if (epoch.isEmpty()) {
        throw invalid(version, "the epoch before ':' is empty");
      }
      if (!VersionText.allDigits(epoch)) {
        throw invalid(version, "the epoch '" + epoch + "' is not a number");
      }
      // dpkg stores the epoch in an int and rejects larger values.
      if (VersionText.compareDigits(epoch, String.valueOf(Integer.MAX_VALUE)) > 0) {
        throw invalid(version, "the epoch " + epoch + " is larger than " + Integer.MAX_VALUE);
      }
    }
    String upstream = rest;
    String revision = "0";
    int hyphen = rest.lastIndexOf('-');
    if (hyphen >= 0) {
      upstream = rest.substring(0, hyphen);
      revision = rest.substring(hyphen + 1);
      if (revision.isEmpty()) {
        throw invalid(version, "the revision after the last '-' is empty");
      }
    }
    if (upstream.isEmpty()) {
      throw invalid(version, "the upstream version is empty");
    }
    return new Parts(epoch, upstream, revision);
  }

  private static InvalidVersionException invalid(String version, String reason) {
    return new InvalidVersionException(NAME, VersionText.printable(version), reason);
  }

  /** Compares an upstream version or a revision with dpkg's alternating non-digit/digit rule. */
  static int compareText(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while ((i < a.length() && !VersionText.isDigit(a.charAt(i)))
          || (j < b.length() && !VersionText.isDigit(b.charAt(j)))) {
        int left = i < a.length() ? weight(a.charAt(i)) : 0;
        int right = j < b.length() ? weight(b.charAt(j)) : 0;
        if (left != right) {
          return left < right ? -1 : 1;
        }
        // A digit on one side weighs 0 like the end of the part, so both sides agree to stop here
        // only when both reach a digit or the end.
        if (i < a.length() && !VersionText.isDigit(a.charAt(i))) {
          i++;
        }
        if (j < b.length() && !VersionText.isDigit(b.charAt(j))) {
          j++;
        }
      }
      int aStart = i;
      while (i < a.length() && VersionText.isDigit(a.charAt(i))) {
        i++;
      }
      int bStart = j;
      while (j < b.length() && VersionText.isDigit(b.charAt(j))) {
        j++;
      }
      int result = VersionText.compareDigits(a, aStart, i, b, bStart, j);
      if (result != 0) {
        return result;
      }
    }
    return 0;
  }

  /**
   * Sort weight of one character in a non-digit part: {@code ~} is below the end of the part (0),
   * letters come next and every other character sorts after all letters.
   */
  private static int weight(char c) {
    if (c == '~') {
      return -1;
    }
    if (VersionText.isDigit(c)) {
      return 0;
    }
    if (VersionText.isLetter(c)) {
      return c;
    }
    return c + 256;
  }
}
