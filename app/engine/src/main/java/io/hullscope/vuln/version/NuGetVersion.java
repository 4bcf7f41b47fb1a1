package io.hullscope.vuln.version;

/**
 * NuGet package versions, ordered as NuGet orders them.
 *
 * <p>A version has one to four numbers, {@code major[.minor[.patch[.revision]]]}, where missing
 * numbers are 0 and leading zeros are allowed, then an optional {@code -pre.release} label and
 * optional {@code +metadata}. The numbers compare as numbers. A version with a pre-release label is
 * older than the same version without one. Labels compare identifier by identifier like SemVer 2.0.0
 * (numeric identifiers as numbers and below text, a longer label wins when the shared identifiers
 * are equal), except that text compares without regard to case. Metadata is ignored.
 *
 * @see <a href="https://learn.microsoft.com/en-us/nuget/concepts/package-versioning">NuGet package
 *     versioning</a>
 */
public final class NuGetVersion implements VersionScheme {

  private static final String NAME = "nuget";

  private final int maxLength;

  /** Creates the scheme with the default maximum version length of 4096 characters. */
  public NuGetVersion() {
    this(VersionText.DEFAULT_MAX_LENGTH);
  }

  /** Creates the scheme; longer version strings are rejected. */
  public NuGetVersion(int maxLength) {
    this.maxLength = VersionText.checkLimit(maxLength);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int compare(String a, String b) {
    Parsed left = parse(a);
    Parsed right = parse(b);
    for (int i = 0; i < 4; i++) {
      int result = VersionText.compareDigits(left.numbers[i], right.numbers[i]);
      if (result != 0) {
        return result;
      }
    }
    if (left.label != null && right.label != null) {
      return compareLabels(left.label, right.label);
    }
    // A version without a pre-release label is newer than one with a label.
    if (left.label == null && right.label == null) {
      return 0;
    }
    return left.label == null ? 1 : -1;
  }

  /** The four numbers (missing ones "0") and the pre-release label, or null without one. */
  private record Parsed(String[] numbers, String label) {}

  private Parsed parse(String version) {
    VersionText.check(NAME, version, maxLength);
    int plus = version.indexOf('+');
    String main = plus < 0 ? version : version.substring(0, plus);
    if (plus >= 0) {
      checkIdentifiers(version, version.substring(plus + 1), "metadata");
    }
    int hyphen = main.indexOf('-');
    String release = hyphen < 0 ? main : main.substring(0, hyphen);
    String label = null;
    if (hyphen >= 0) {
      label = main.substring(hyphen + 1);
      checkIdentifiers(version, label, "pre-release label");
    }
    String[] parts = release.split("\\.", -1);
    if (parts.length > 4) {
      throw invalid(version, "it has " + parts.length + " numbers, more than 4");
    }
    String[] numbers = {"0", "0", "0", "0"};
    for (int i = 0; i < parts.length; i++) {
      if (!VersionText.allDigits(parts[i])) {
        throw invalid(version, "'" + parts[i] + "' is not a number");
      }
      numbers[i] = parts[i];
    }
    return new Parsed(numbers, label);
  }

  private static void checkIdentifiers(String version, String identifiers, String part) {
    if (identifiers.isEmpty()) {
      throw invalid(version, "the " + part + " is empty");
    }
    for (String identifier : identifiers.split("\\.", -1)) {
      if (identifier.isEmpty()) {
        throw invalid(version, "the " + part + " has an empty identifier");
      }
      for (int i = 0; i < identifier.length(); i++) {
        char c = identifier.charAt(i);
        if (!VersionText.isDigit(c) && !VersionText.isLetter(c) && c != '-') {
          throw invalid(version, "the " + part + " contains '" + c + "'");
        }
      }
    }
  }

  private static int compareLabels(String a, String b) {
    String[] left = a.split("\\.");
    String[] right = b.split("\\.");
    for (int i = 0; i < Math.min(left.length, right.length); i++) {
      boolean leftNumeric = VersionText.allDigits(left[i]);
      boolean rightNumeric = VersionText.allDigits(right[i]);
      int result;
      if (leftNumeric && rightNumeric) {
        result = VersionText.compareDigits(left[i], right[i]);
      } else if (leftNumeric != rightNumeric) {
        result = leftNumeric ? -1 : 1;
      } else {
        result = Integer.signum(left[i].compareToIgnoreCase(right[i]));
      }
      if (result != 0) {
        return result;
      }
    }
    return Integer.compare(left.length, right.length);
  }

  private static InvalidVersionException invalid(String version, String reason) {
    return new InvalidVersionException(NAME, VersionText.printable(version), reason);
  }
}
