package io.hullscope.vuln;

import java.time.Instant;
import java.util.List;

/**
 * The vulnerabilities one scanner found in one image.
 *
 * @param imageDigest the image's digest (its config digest for archives), which keys the cache
 * @param scanner the scanner's name and version, for example {@code hullscope-osv 1}
 * @param dataVersion the vulnerability data version the scan used; see {@link #dataVersionOf}
 * @param scannedAt when the scan ran
 * @param matches the vulnerabilities, most severe first
 * @param problems packages or advisories that could not be evaluated, each one sentence
 */
public record ScanResult(
    String imageDigest,
    String scanner,
    String dataVersion,
    Instant scannedAt,
    List<VulnerabilityMatch> matches,
    List<String> problems) {

  public ScanResult {
    matches = List.copyOf(matches);
    problems = List.copyOf(problems);
  }

  /** Returns the data version of a set of sources: their labels joined by {@code ;}, sorted. */
  public static String dataVersionOf(List<DataVersion> versions) {
    return String.join(";", versions.stream().map(DataVersion::label).sorted().toList());
  }

  /** Returns how many matches have each rating, from the most severe down. */
  public java.util.Map<VulnSeverity, Integer> countsBySeverity() {
    java.util.Map<VulnSeverity, Integer> counts = new java.util.EnumMap<>(VulnSeverity.class);
    for (VulnSeverity rating : VulnSeverity.values()) {
      counts.put(rating, 0);
    }
    matches.forEach(match -> counts.merge(match.severity(), 1, Integer::sum));
    return counts;
  }
}
