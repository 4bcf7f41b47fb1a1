package io.hullscope.vuln.version;

/** Checks shared by every scheme before it looks at a version string. */
final class VersionText {

  /** Default maximum length of a version string; real versions are far shorter. */
  static final int DEFAULT_MAX_LENGTH = 4096;

  private VersionText() {}

  /**
   * Rejects null, empty and over-long strings, control characters and whitespace, so that later
   * steps only see visible characters and the work per comparison stays bounded.
   */
  static String check(String scheme, String version, int maxLength) {
    if (version == null) {
      throw new InvalidVersionException(scheme, "null", "the version is missing");
    }
    if (version.isEmpty()) {
      throw new InvalidVersionException(scheme, version, "the version is empty");
    }
    if (version.length() > maxLength) {
      throw new InvalidVersionException(
          scheme,
          version.substring(0, 40) + "...",
          "the version has " + version.length() + " characters, more than the maximum of " + maxLength);
    }
    for (int i = 0; i < version.length(); i++) {
      char c = version.charAt(i);
      if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw new InvalidVersionException(
            scheme, printable(version), "character " + describe(c) + " at index " + i + " is not allowed");
      }
    }
    return version;
  }

  /** Rejects a non-positive length limit given to a scheme's constructor. */
  static int checkLimit(int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be at least 1, got " + maxLength);
    }
    return maxLength;
  }

  /**
   * Compares two runs of ASCII digits as numbers of any size: leading zeros are ignored, then the
   * longer run is larger, then the first differing digit decides.
   */
  static int compareDigits(String a, int aStart, int aEnd, String b, int bStart, int bEnd) {
    while (aStart < aEnd && a.charAt(aStart) == '0') {
      aStart++;
    }
    while (bStart < bEnd && b.charAt(bStart) == '0') {
      bStart++;
    }
    int aLength = aEnd - aStart;
    int bLength = bEnd - bStart;
    if (aLength != bLength) {
      return aLength < bLength ? -1 : 1;
    }
    for (int i = 0; i < aLength; i++) {
      int diff = a.charAt(aStart + i) - b.charAt(bStart + i);
      if (diff != 0) {
        return diff < 0 ? -1 : 1;
      }
    }
    return 0;
  }

  /** Compares two whole strings of ASCII digits as numbers of any size. */
  static int compareDigits(String a, String b) {
    return compareDigits(a, 0, a.length(), b, 0, b.length());
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean allDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Shortens a string for an error message and makes control characters visible. */
  static String printable(String version) {
    String shown = version.length() > 80 ? version.substring(0, 80) + "..." : version;
    StringBuilder out = new StringBuilder(shown.length());
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String describe(char c) {
    return String.format("U+%04X", (int) c);
  }
}
