package io.hullscope.vuln;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The changes between two scans of an image. A vulnerability of the older scan counts as the same
 * one in the newer scan when both name the same package and ecosystem and share any id, so a
 * changed alias list does not turn it into a new finding.
 *
 * @param added found by the newer scan only
 * @param fixed found by the older scan only
 * @param stillOpen found by both, as the newer scan reports them
 */
public record ScanDiff(List<VulnerabilityMatch> added, List<VulnerabilityMatch> fixed,
    List<VulnerabilityMatch> stillOpen) {

  public ScanDiff {
    added = List.copyOf(added);
    fixed = List.copyOf(fixed);
    stillOpen = List.copyOf(stillOpen);
  }

  /** Compares {@code older} with {@code newer}. */
  public static ScanDiff between(ScanResult older, ScanResult newer) {
    List<VulnerabilityMatch> added = new ArrayList<>();
    List<VulnerabilityMatch> stillOpen = new ArrayList<>();
    Set<VulnerabilityMatch> seen = new HashSet<>();
    for (VulnerabilityMatch current : newer.matches()) {
      VulnerabilityMatch previous = older.matches().stream()
          .filter(candidate -> !seen.contains(candidate) && same(candidate, current))
          .findFirst()
          .orElse(null);
      if (previous == null) {
        added.add(current);
      } else {
        seen.add(previous);
        stillOpen.add(current);
      }
    }
    List<VulnerabilityMatch> fixed = older.matches().stream().filter(match -> !seen.contains(match)).toList();
    return new ScanDiff(added, fixed, stillOpen);
  }

  private static boolean same(VulnerabilityMatch a, VulnerabilityMatch b) {
    if (!a.packageName().equals(b.packageName()) || !String.valueOf(a.ecosystem()).equals(String.valueOf(b.ecosystem()))) {
      return false;
    }
    Set<String> ids = new HashSet<>(a.allIds());
    return b.allIds().stream().anyMatch(ids::contains);
  }
}
