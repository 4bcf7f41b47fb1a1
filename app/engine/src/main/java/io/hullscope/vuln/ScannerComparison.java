package io.hullscope.vuln;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Results of two scanners for the same image side by side: what both found and what only one did.
 *
 * <p>Two matches are the same vulnerability when they share any id (the shown id or an alias) and
 * name the same package at the same installed version. Package names are compared ignoring case
 * and any group or namespace prefix, because scanners name a Maven package {@code
 * org.apache.logging.log4j:log4j-core} or {@code log4j-core} and a Go module with or without its
 * host.
 *
 * @param left the first scanner, as its results name it
 * @param right the second scanner
 * @param both vulnerabilities found by both, each with the first scanner's and the second's match
 * @param onlyLeft found by the first scanner only
 * @param onlyRight found by the second scanner only
 */
public record ScannerComparison(String left, String right, List<Pair> both, List<VulnerabilityMatch> onlyLeft,
    List<VulnerabilityMatch> onlyRight) {

  /**
   * One vulnerability both scanners found.
   *
   * @param left the first scanner's match
   * @param right the second scanner's match
   */
  public record Pair(VulnerabilityMatch left, VulnerabilityMatch right) {

    /** Returns true when the two scanners give different fixed versions. */
    public boolean fixedVersionsDiffer() {
      return !String.valueOf(left.fixedVersion()).equals(String.valueOf(right.fixedVersion()));
    }
  }

  public ScannerComparison {
    both = List.copyOf(both);
    onlyLeft = List.copyOf(onlyLeft);
    onlyRight = List.copyOf(onlyRight);
  }

  /** Compares two scan results, normally of the same image by two scanners. */
  public static ScannerComparison of(ScanResult left, ScanResult right) {
    List<Pair> both = new ArrayList<>();
    List<VulnerabilityMatch> onlyLeft = new ArrayList<>();
    Set<VulnerabilityMatch> paired = new HashSet<>();
    for (VulnerabilityMatch candidate : left.matches()) {
      VulnerabilityMatch partner = right.matches().stream()
          .filter(other -> !paired.contains(other) && same(candidate, other))
          .findFirst()
          .orElse(null);
      if (partner == null) {
        onlyLeft.add(candidate);
      } else {
        paired.add(partner);
        both.add(new Pair(candidate, partner));
      }
    }
    List<VulnerabilityMatch> onlyRight = right.matches().stream().filter(match -> !paired.contains(match)).toList();
    return new ScannerComparison(left.scanner(), right.scanner(), both, onlyLeft, onlyRight);
  }

  private static boolean same(VulnerabilityMatch a, VulnerabilityMatch b) {
    if (!a.installedVersion().equals(b.installedVersion())
        || !shortName(a.packageName()).equals(shortName(b.packageName()))) {
      return false;
    }
    Set<String> ids = new HashSet<>(a.allIds());
    return b.allIds().stream().anyMatch(ids::contains);
  }

  /** Returns the package name without a group or path prefix, in lower case. */
  static String shortName(String name) {
    int cut = Math.max(name.lastIndexOf(':'), name.lastIndexOf('/'));
    return name.substring(cut + 1).toLowerCase(Locale.ROOT);
  }
}
