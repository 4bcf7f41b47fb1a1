package io.hullscope.ui.vuln;

import io.hullscope.vuln.ScanResult;
import io.hullscope.vuln.ScanSummary;
import io.hullscope.vuln.VulnerabilityMatch;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Short texts about scans for the tab's lines and lists. */
public final class ScanText {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ScanText() {}

  /** Returns a time to the minute in UTC, for example "2026-12-05 04:50 UTC". */
  public static String date(Instant instant) {
    return DATE.format(instant);
  }

  /**
   * Returns a data version as a list, for example "Debian@2024-05-01T10:00:00Z, npm@empty"; the
   * stored form joins the sources with {@code ;}.
   */
  public static String dataVersion(String stored) {
    return stored == null || stored.isBlank() ? "no imported data" : stored.replace(";", ", ");
  }

  /**
   * Returns the line with the shown result's date, data version and scanner, for example "Cached at
   * 2026-12-05 04:50 UTC with data of Debian@2026-11-30T00:00:00Z (scanner hullscope-osv 1)".
   */
  public static String cachedLine(ScanResult result) {
    return "Cached at " + date(result.scannedAt()) + " with data of " + dataVersion(result.dataVersion())
        + " (scanner " + result.scanner() + ")";
  }

  /**
   * Returns one history entry, for example "2026-12-05 04:50 UTC  hullscope-osv 1  3 vulnerabilities
   * data Debian@2026-11-30T00:00:00Z".
   */
  public static String historyLine(ScanSummary summary) {
    return date(summary.scannedAt()) + "  " + summary.scanner() + "  " + summary.matches()
        + (summary.matches() == 1 ? " vulnerability" : " vulnerabilities") + "  data " + dataVersion(summary.dataVersion());
  }

  /**
   * Returns a vulnerability in one line, for example "CVE-2022-37434  zlib1g 1:1.2.11.dfsg-2+deb11u1
   * (Unknown, fixed in 1:1.2.11.dfsg-2+deb11u2)".
   */
  public static String matchLine(VulnerabilityMatch match) {
    return match.id() + "  " + match.packageName() + " " + match.installedVersion() + "  ("
        + VulnSeverities.displayName(match.severity()) + (match.fixable() ? ", fixed in " + match.fixedVersion() : "")
        + ")";
  }
}
