package io.hullscope.ui.vuln;

import io.hullscope.vuln.ScanDiff;
import io.hullscope.vuln.ScanSummary;
import io.hullscope.vuln.VulnerabilityMatch;
import java.util.List;

/**
 * Two scans of one image side by side, as three labelled lists. Both the history (an older and a
 * newer scan) and the scanner comparison (scanner A against scanner B) are a {@link ScanDiff} with
 * the first scan as "before"; only the labels differ.
 *
 * @param title what is compared, in one line
 * @param onlyFirstLabel heading of the vulnerabilities only the first scan found
 * @param onlyFirst the vulnerabilities only the first scan found (the diff's fixed ones)
 * @param onlySecondLabel heading of the vulnerabilities only the second scan found
 * @param onlySecond the vulnerabilities only the second scan found (the diff's added ones)
 * @param bothLabel heading of the vulnerabilities both scans found
 * @param both the vulnerabilities both found, as the second scan reports them
 */
public record ScanComparison(String title, String onlyFirstLabel, List<VulnerabilityMatch> onlyFirst,
    String onlySecondLabel, List<VulnerabilityMatch> onlySecond, String bothLabel, List<VulnerabilityMatch> both) {

  public ScanComparison {
    onlyFirst = List.copyOf(onlyFirst);
    onlySecond = List.copyOf(onlySecond);
    both = List.copyOf(both);
  }

  /** Labels the changes from an older scan to a newer one: new, fixed and still open. */
  public static ScanComparison ofHistory(ScanSummary older, ScanSummary newer, ScanDiff diff) {
    return new ScanComparison(
        "From the scan of " + ScanText.date(older.scannedAt()) + " to the scan of " + ScanText.date(newer.scannedAt()),
        "Fixed (" + diff.fixed().size() + ")", diff.fixed(),
        "New (" + diff.added().size() + ")", diff.added(),
        "Still open (" + diff.stillOpen().size() + ")", diff.stillOpen());
  }

  /** Labels the results of two scanners: found only by the first, only by the second, and by both. */
  public static ScanComparison ofScanners(String first, String second, ScanDiff diff) {
    return new ScanComparison(
        first + " compared with " + second,
        "Only " + first + " (" + diff.fixed().size() + ")", diff.fixed(),
        "Only " + second + " (" + diff.added().size() + ")", diff.added(),
        "Found by both (" + diff.stillOpen().size() + ")", diff.stillOpen());
  }
}
