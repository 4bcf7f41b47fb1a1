package io.hullscope.vuln;

import java.util.List;
import java.util.Locale;

/**
 * Severity ratings as words, from the ratings that distro feeds and GitHub put in OSV records.
 *
 * <p>NOTE: severities from CVSS vectors alone are {@code UNKNOWN} here, because scores are not
 * computed in this package yet. Records with only a vector get no rating until they are.
 */
public final class SeverityWords {

  public static final String CRITICAL = "CRITICAL";
  public static final String HIGH = "HIGH";
  public static final String MEDIUM = "MEDIUM";
  public static final String LOW = "LOW";
  public static final String UNKNOWN = "UNKNOWN";

  /** Ratings from highest to lowest; {@link #UNKNOWN} is last. */
  public static final List<String> ORDER = List.of(CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN);

  private SeverityWords() {}

  /**
   * Returns the rating of a word such as GitHub's {@code MODERATE}, Ubuntu's {@code negligible}
   * or Debian's urgency {@code unimportant}; {@link #UNKNOWN} for null or other words.
   */
  public static String normalize(String word) {
    if (word == null) {
      return UNKNOWN;
    }
    return switch (word.strip().toLowerCase(Locale.ROOT)) {
      case "critical" -> CRITICAL;
      case "high", "important" -> HIGH;
      case "medium", "moderate" -> MEDIUM;
      case "low", "negligible", "unimportant" -> LOW;
      default -> UNKNOWN;
    };
  }

  /** Returns a number that grows with severity: 4 for CRITICAL down to 0 for UNKNOWN. */
  public static int rank(String rating) {
    int index = ORDER.indexOf(rating);
    return index < 0 ? 0 : ORDER.size() - 1 - index;
  }

  /** Returns the more severe of two ratings. */
  static String max(String a, String b) {
    return rank(a) >= rank(b) ? a : b;
  }

  /** Returns the record's rating for {@code affected}: the package's own rating first, then the record's. */
  static String of(OsvRecord record, OsvRecord.Affected affected) {
    String rating = UNKNOWN;
    for (OsvRecord.Severity severity : affected.severity()) {
      if ("Ubuntu".equals(severity.type())) {
        rating = max(rating, normalize(severity.score()));
      }
    }
    rating = max(rating, normalize(affected.databaseSeverity()));
    if (rating.equals(UNKNOWN)) {
      for (OsvRecord.Severity severity : record.severity()) {
        if ("Ubuntu".equals(severity.type())) {
          rating = max(rating, normalize(severity.score()));
        }
      }
      rating = max(rating, normalize(record.databaseSeverity()));
    }
    return rating;
  }
}
