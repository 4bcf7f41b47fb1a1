package io.hullscope.store;

import io.hullscope.vuln.ScanResult;
import io.hullscope.vuln.ScanResultJson;
import io.hullscope.vuln.ScanSummary;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps vulnerability scan results in the {@code scan_result} table, keyed by image digest,
 * scanner and data version, as JSON. A scan with the same key replaces the stored one; scans with
 * other data versions stay, so they form the image's history. A row that no longer decodes is
 * logged and treated as a miss.
 */
public final class SqliteScanCache {

  private static final Logger log = LoggerFactory.getLogger(SqliteScanCache.class);
  private final Database database;

  public SqliteScanCache(Database database) {
    this.database = database;
  }

  /** Returns the stored result of this image, scanner and data version. */
  public Optional<ScanResult> get(String imageDigest, String scanner, String dataVersion) throws IOException {
    return decode(database.transaction(connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT id, data FROM scan_result WHERE image_digest = ? AND scanner = ? AND data_version = ?")) {
        select.setString(1, imageDigest);
        select.setString(2, scanner);
        select.setString(3, dataVersion);
        return row(select);
      }
    }, "read the cached scan of " + imageDigest));
  }

  /** Returns the newest stored result of this image and scanner, whatever its data version. */
  public Optional<ScanResult> latest(String imageDigest, String scanner) throws IOException {
    return decode(database.transaction(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT id, data FROM scan_result"
          + " WHERE image_digest = ? AND scanner = ? ORDER BY scanned_at DESC, id DESC LIMIT 1")) {
        select.setString(1, imageDigest);
        select.setString(2, scanner);
        return row(select);
      }
    }, "read the latest scan of " + imageDigest));
  }

  /** Returns a stored result by the id its {@link ScanSummary} gives. */
  public Optional<ScanResult> load(long id) throws IOException {
    return decode(database.transaction(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT id, data FROM scan_result WHERE id = ?")) {
        select.setLong(1, id);
        return row(select);
      }
    }, "read stored scan " + id));
  }

  /** Stores {@code result}, replacing a stored scan with the same image, scanner and data version. */
  public void put(ScanResult result) throws IOException {
    byte[] data = ScanResultJson.toBytes(result);
    database.transaction(connection -> {
      try (PreparedStatement insert = connection.prepareStatement("INSERT OR REPLACE INTO scan_result"
          + " (image_digest, scanner, data_version, scanned_at, match_count, data) VALUES (?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, result.imageDigest());
        insert.setString(2, result.scanner());
        insert.setString(3, result.dataVersion());
        insert.setString(4, result.scannedAt().toString());
        insert.setInt(5, result.matches().size());
        insert.setBytes(6, data);
        return insert.executeUpdate();
      }
    }, "store the scan of " + result.imageDigest());
  }

  /** Lists the stored scans of an image, oldest first. */
  public List<ScanSummary> history(String imageDigest) throws IOException {
    return database.transaction(connection -> {
      List<ScanSummary> scans = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT id, scanner, data_version, scanned_at,"
          + " match_count FROM scan_result WHERE image_digest = ? ORDER BY scanned_at, id")) {
        select.setString(1, imageDigest);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            scans.add(new ScanSummary(rows.getLong(1), imageDigest, rows.getString(2), rows.getString(3),
                Instant.parse(rows.getString(4)), rows.getInt(5)));
          }
        }
      }
      return scans;
    }, "list the scans of " + imageDigest);
  }

  private static StoredRow row(PreparedStatement select) throws java.sql.SQLException {
    try (ResultSet rows = select.executeQuery()) {
      return rows.next() ? new StoredRow(rows.getLong(1), rows.getBytes(2)) : null;
    }
  }

  private record StoredRow(long id, byte[] data) {}

  private static Optional<ScanResult> decode(StoredRow row) {
    if (row == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ScanResultJson.fromBytes(row.data()));
    } catch (IOException | RuntimeException e) {
      log.warn("Ignoring stored scan {} because it does not decode: {}", row.id(), e.getMessage());
      return Optional.empty();
    }
  }
}
