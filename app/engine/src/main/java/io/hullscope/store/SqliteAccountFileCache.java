package io.hullscope.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.check.AccountFileCache;
import io.hullscope.image.Digest;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each layer's {@code /etc/passwd} and {@code /etc/group} in the {@code layer_accounts}
 * table as JSON (file bytes in Base64), one row per diff id. As with the other caches, database
 * failures and rows that do not decode are logged and treated as misses.
 */
public final class SqliteAccountFileCache implements AccountFileCache {

  private static final Logger log = LoggerFactory.getLogger(SqliteAccountFileCache.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Database database;

  public SqliteAccountFileCache(Database database) {
    this.database = database;
  }

  @Override
  public Optional<LayerFiles> get(Digest diffId) {
    byte[] data;
    try {
      data = database.transaction(connection -> {
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT data FROM layer_accounts WHERE diff_id = ?")) {
          select.setString(1, diffId.toString());
          try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? rows.getBytes(1) : null;
          }
        }
      }, "read the cached account files of layer " + diffId);
    } catch (IOException e) {
      log.warn("Reading the cached account files of layer {} failed; the layer will be read again", diffId, e);
      return Optional.empty();
    }
    if (data == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(data, LayerFiles.class));
    } catch (IOException | RuntimeException e) {
      log.warn("Ignoring the corrupt cached account files of layer {}: {}", diffId, e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void put(Digest diffId, LayerFiles files) {
    byte[] data;
    try {
      data = JSON.writeValueAsBytes(files);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the account files of a layer could not be written as JSON", e);
    }
    try {
      database.transaction(connection -> {
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT OR REPLACE INTO layer_accounts (diff_id, data, created_at) VALUES (?, ?, ?)")) {
          insert.setString(1, diffId.toString());
          insert.setBytes(2, data);
          insert.setString(3, Instant.now().toString());
          return insert.executeUpdate();
        }
      }, "store the account files of layer " + diffId);
    } catch (IOException e) {
      log.warn("Caching the account files of layer {} failed; they will be read again next time", diffId, e);
    }
  }
}
