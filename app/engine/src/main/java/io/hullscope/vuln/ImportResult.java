package io.hullscope.vuln;

import java.time.Instant;
import java.util.List;

/**
 * What one import or update stored.
 *
 * @param source the export's name, for example {@code Debian}
 * @param imported records stored
 * @param skippedCount records skipped because they were invalid
 * @param skipped messages of the first skipped records, each naming the file and the problem
 * @param snapshot the newest {@code modified} time among the records stored; null when none
 */
public record ImportResult(String source, int imported, int skippedCount, List<String> skipped, Instant snapshot) {

  public ImportResult {
    skipped = List.copyOf(skipped);
  }
}
