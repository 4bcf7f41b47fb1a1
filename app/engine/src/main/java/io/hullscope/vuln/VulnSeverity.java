package io.hullscope.vuln;

import java.util.Locale;

/**
 * Qualitative severity of a vulnerability, from most to least severe; {@link #UNKNOWN} means no
 * score or rating was available.
 */
public enum VulnSeverity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  NONE,
  UNKNOWN;

  /**
   * Returns the CVSS v3.x and v4.0 rating of a base score: 0.0 none, 0.1 to 3.9 low, 4.0 to 6.9
   * medium, 7.0 to 8.9 high, 9.0 to 10.0 critical.
   *
   * @throws IllegalArgumentException when the score is not between 0.0 and 10.0
   * @see <a href="https://www.first.org/cvss/v3.1/specification-document#Qualitative-Severity-Rating-Scale">CVSS
   *     v3.1 qualitative severity rating scale</a>
   */
  public static VulnSeverity fromScore(double score) {
    checkRange(score);
    if (score == 0.0) {
      return NONE;
    }
    if (score < 4.0) {
      return LOW;
    }
    if (score < 7.0) {
      return MEDIUM;
    }
    if (score < 9.0) {
      return HIGH;
    }
    return CRITICAL;
  }

  /**
   * Returns the rating of a CVSS v2 base score as NVD rates it, which has no critical level: 0.0 to
   * 3.9 low, 4.0 to 6.9 medium, 7.0 to 10.0 high.
   *
   * @throws IllegalArgumentException when the score is not between 0.0 and 10.0
   */
  public static VulnSeverity fromCvssV2Score(double score) {
    checkRange(score);
    if (score < 4.0) {
      return LOW;
    }
    if (score < 7.0) {
      return MEDIUM;
    }
    return HIGH;
  }

  /**
   * Maps a severity word used by advisories and scanners to a level, ignoring case and surrounding
   * whitespace: {@code critical}; {@code high} or {@code important} (Red Hat, Ubuntu); {@code
   * medium} or {@code moderate}; {@code low}, {@code negligible} or {@code unimportant} (Debian,
   * Ubuntu); {@code none}. Anything else, including null, is {@link #UNKNOWN}.
   */
  public static VulnSeverity fromLabel(String label) {
    if (label == null) {
      return UNKNOWN;
    }
    return switch (label.strip().toLowerCase(Locale.ROOT)) {
      case "critical" -> CRITICAL;
      case "high", "important" -> HIGH;
      case "medium", "moderate" -> MEDIUM;
      case "low", "negligible", "unimportant" -> LOW;
      case "none" -> NONE;
      default -> UNKNOWN;
    };
  }

  private static void checkRange(double score) {
    if (!(score >= 0.0 && score <= 10.0)) {
      throw new IllegalArgumentException("CVSS score " + score + " is outside 0.0 to 10.0");
    }
  }
}
