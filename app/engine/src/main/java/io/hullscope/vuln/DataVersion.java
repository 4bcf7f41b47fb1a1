package io.hullscope.vuln;

import java.time.Instant;

/**
 * How current the vulnerability data of one OSV export is.
 *
 * @param source the export's name, which is the ecosystem folder of the OSV bucket, for example
 *     {@code Debian} or {@code npm}
 * @param snapshot the newest {@code modified} time of the records imported; null when none
 * @param importedAt when the data was last imported or updated
 * @param records how many records the export contributed
 */
public record DataVersion(String source, Instant snapshot, Instant importedAt, int records) {

  /** Returns {@code source@snapshot}, the form recorded with a scan, for example {@code Debian@2024-05-01T10:00:00Z}. */
  public String label() {
    return source + "@" + (snapshot == null ? "empty" : snapshot.toString());
  }
}
