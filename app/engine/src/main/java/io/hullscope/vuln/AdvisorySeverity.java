package io.hullscope.vuln;

import java.util.ArrayList;
import java.util.List;

/**
 * Works out how severe an advisory is for one affected package.
 *
 * <p>A rating word that the feed gives (GitHub's {@code database_specific.severity}, Ubuntu's
 * severity entry, Debian's urgency) wins, because it is the publisher's judgement for that package.
 * Without one, the highest CVSS base score of the vectors gives the rating. The package's own
 * entries are used before the record's.
 */
final class AdvisorySeverity {

  /**
   * @param severity the rating
   * @param score the highest CVSS base score of the advisory's vectors; null when none could be scored
   */
  record Rating(VulnSeverity severity, Double score) {}

  private AdvisorySeverity() {}

  static Rating of(OsvRecord record, OsvRecord.Affected affected) {
    VulnSeverity label = label(affected.severity(), affected.databaseSeverity());
    if (label == VulnSeverity.UNKNOWN) {
      label = label(record.severity(), record.databaseSeverity());
    }
    List<OsvRecord.Severity> entries = new ArrayList<>(affected.severity());
    entries.addAll(record.severity());
    CvssScores.BaseScore best = null;
    for (OsvRecord.Severity entry : entries) {
      if (entry.type() == null || !entry.type().startsWith("CVSS_") || entry.score() == null) {
        continue;
      }
      try {
        CvssScores.BaseScore scored = CvssScores.score(entry.score());
        if (best == null || scored.baseScore() > best.baseScore()) {
          best = scored;
        }
      } catch (IllegalArgumentException e) {
        // NOTE: an invalid vector is ignored here; the rating then comes from the other entries.
      }
    }
    if (best == null) {
      return new Rating(label, null);
    }
    VulnSeverity severity = label != VulnSeverity.UNKNOWN ? label : best.severity();
    return new Rating(severity, best.baseScore());
  }

  /** Returns the more severe of two ratings. {@link VulnSeverity} lists them from most severe down. */
  static VulnSeverity max(VulnSeverity a, VulnSeverity b) {
    return a.ordinal() <= b.ordinal() ? a : b;
  }

  private static VulnSeverity label(List<OsvRecord.Severity> entries, String databaseSeverity) {
    VulnSeverity rating = VulnSeverity.fromLabel(databaseSeverity);
    for (OsvRecord.Severity entry : entries) {
      if ("Ubuntu".equals(entry.type())) {
        rating = max(rating, VulnSeverity.fromLabel(entry.score()));
      }
    }
    return rating;
  }
}
