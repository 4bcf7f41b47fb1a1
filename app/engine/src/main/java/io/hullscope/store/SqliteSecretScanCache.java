package io.hullscope.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.check.SecretScanCache;
import io.hullscope.image.Digest;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each layer's redacted secret hits in the {@code layer_secrets} table as JSON, one row per
 * diff id. A row written by another detector version is a miss and is replaced on the next put. As
 * with the other caches, database failures and rows that do not decode are logged and treated as
 * misses. The hits are redacted before they reach this class, so no secret is ever written.
 */
public final class SqliteSecretScanCache implements SecretScanCache {

  private static final Logger log = LoggerFactory.getLogger(SqliteSecretScanCache.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Database database;

  public SqliteSecretScanCache(Database database) {
    this.database = database;
  }

  @Override
  public Optional<LayerSecrets> get(Digest diffId, String detector) {
    byte[] data;
    try {
      data = database.transaction(connection -> {
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT data FROM layer_secrets WHERE diff_id = ? AND detector = ?")) {
          select.setString(1, diffId.toString());
          select.setString(2, detector);
          try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? rows.getBytes(1) : null;
          }
        }
      }, "read the cached secret scan of layer " + diffId);
    } catch (IOException e) {
      log.warn("Reading the cached secret scan of layer {} failed; the layer will be read again", diffId, e);
      return Optional.empty();
    }
    if (data == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(data, LayerSecrets.class));
    } catch (IOException | RuntimeException e) {
      log.warn("Ignoring the corrupt cached secret scan of layer {}: {}", diffId, e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void put(Digest diffId, String detector, LayerSecrets secrets) {
    byte[] data;
    try {
      data = JSON.writeValueAsBytes(secrets);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the secret scan of a layer could not be written as JSON", e);
    }
    try {
      database.transaction(connection -> {
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT OR REPLACE INTO layer_secrets (diff_id, detector, data, created_at) VALUES (?, ?, ?, ?)")) {
          insert.setString(1, diffId.toString());
          insert.setString(2, detector);
          insert.setBytes(3, data);
          insert.setString(4, Instant.now().toString());
          return insert.executeUpdate();
        }
      }, "store the secret scan of layer " + diffId);
    } catch (IOException e) {
      log.warn("Caching the secret scan of layer {} failed; it will be read again next time", diffId, e);
    }
  }
}
