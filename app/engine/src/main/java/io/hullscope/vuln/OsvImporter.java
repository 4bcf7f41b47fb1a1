package io.hullscope.vuln;

import io.hullscope.image.OperationCancelledException;
import io.hullscope.image.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports an OSV export zip ({@code all.zip}, one JSON record per entry) into a {@link
 * VulnerabilityDatabase}, replacing that source's previous data in one transaction.
 *
 * <p>The zip's central directory is read first, so a truncated or corrupt file fails before
 * anything changes. Entries are then read one at a time, each bounded by the parser's size limit,
 * so memory does not grow with the export. A record that is not valid JSON or violates the OSV
 * schema is reported in the result and skipped. A failure to read the zip itself, or a
 * cancellation, rolls the whole import back and leaves the previous data.
 */
public final class OsvImporter {

  private static final Logger log = LoggerFactory.getLogger(OsvImporter.class);

  /** Default maximum number of zip entries; OSV's largest exports hold a few hundred thousand. */
  public static final int DEFAULT_MAX_ENTRIES = 2_000_000;
  /** How many skipped-record messages a result keeps; the count covers the rest. */
  static final int MAX_SKIPPED_MESSAGES = 100;
  private static final int LOGGED_SKIPS = 20;

  private final VulnerabilityDatabase database;
  private final OsvRecordParser parser;
  private final int maxEntries;
  private final Clock clock;

  /** Creates an importer with the default parser limits and entry count. */
  public OsvImporter(VulnerabilityDatabase database) {
    this(database, new OsvRecordParser(), DEFAULT_MAX_ENTRIES, Clock.systemUTC());
  }

  public OsvImporter(VulnerabilityDatabase database, OsvRecordParser parser, int maxEntries, Clock clock) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive, not " + maxEntries);
    }
    this.database = database;
    this.parser = parser;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  /**
   * Replaces the records of {@code source} with those of {@code zip}.
   *
   * @param source the export's name, for example {@code Debian}
   * @throws IOException when the zip is missing, truncated, corrupt or has too many entries, or the
   *     database fails; the previous data is then unchanged
   * @throws OperationCancelledException when {@code progress} reports cancellation
   */
  public ImportResult importZip(Path zip, String source, ProgressListener progress) throws IOException {
    String zipName = zip.getFileName() == null ? zip.toString() : zip.getFileName().toString();
    try (ZipFile file = openZip(zip)) {
      int total = file.size();
      if (total > maxEntries) {
        throw new IOException(zip + " has " + total + " entries, more than the limit of " + maxEntries
            + "; check that it is an OSV export");
      }
      progress.step("Importing " + source + " vulnerability data from " + zipName);
      ImportResult result = database.importRecords(source, true, clock.instant(), sink -> {
        Counter counter = new Counter(source);
        Enumeration<? extends ZipEntry> entries = file.entries();
        int done = 0;
        while (entries.hasMoreElements()) {
          progress.checkCancelled();
          ZipEntry entry = entries.nextElement();
          done++;
          if (entry.isDirectory() || !entry.getName().endsWith(".json")) {
            continue;
          }
          String where = zipName + "!" + entry.getName();
          OsvRecord record;
          try (InputStream input = file.getInputStream(entry)) {
            record = parser.parse(where, input);
          } catch (OsvRecordException e) {
            counter.skip(e.getMessage());
            continue;
          } catch (IOException e) {
            throw new IOException("Failed to read " + where + " because the zip is corrupt (" + e.getMessage()
                + "); download the export again", e);
          }
          sink.add(record);
          counter.imported++;
          counter.newest(record.modified());
          progress.progress(done, total);
        }
        return counter.result();
      });
      log.info("Imported {} {} records from {} ({} skipped)", result.imported(), source, zip, result.skippedCount());
      return result;
    }
  }

  /**
   * Stores records fetched one by one, for an incremental update, keeping the source's other
   * records. All are stored in one transaction.
   */
  public ImportResult importRecords(String source, List<OsvRecord> records, List<String> skipped) throws IOException {
    return database.importRecords(source, false, clock.instant(), sink -> {
      Counter counter = new Counter(source);
      skipped.forEach(counter::skip);
      for (OsvRecord record : records) {
        sink.add(record);
        counter.imported++;
        counter.newest(record.modified());
      }
      return counter.result();
    });
  }

  private static ZipFile openZip(Path zip) throws IOException {
    try {
      return new ZipFile(zip.toFile());
    } catch (ZipException e) {
      throw new IOException("Failed to open " + zip + " because it is not a complete zip file (" + e.getMessage()
          + "); download the export again", e);
    }
  }

  /** Counts of one import. The snapshot is only this import's newest time; the database merges it. */
  private static final class Counter {
    private final String source;
    private final List<String> skipped = new ArrayList<>();
    private int imported;
    private int skippedCount;
    private Instant newest;

    Counter(String source) {
      this.source = source;
    }

    void skip(String message) {
      skippedCount++;
      if (skipped.size() < MAX_SKIPPED_MESSAGES) {
        skipped.add(message);
      }
      if (skippedCount <= LOGGED_SKIPS) {
        log.warn("Skipped an OSV record of {}: {}", source, message);
      } else if (skippedCount == LOGGED_SKIPS + 1) {
        log.warn("Skipping more invalid OSV records of {}; the import result counts them", source);
      }
    }

    void newest(Instant modified) {
      if (modified != null && (newest == null || modified.isAfter(newest))) {
        newest = modified;
      }
    }

    ImportResult result() {
      return new ImportResult(source, imported, skippedCount, skipped, newest);
    }
  }
}
