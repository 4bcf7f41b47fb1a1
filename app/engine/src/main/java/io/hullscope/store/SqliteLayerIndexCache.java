package io.hullscope.store;

import io.hullscope.image.Digest;
import io.hullscope.index.LayerIndex;
import io.hullscope.index.LayerIndexCache;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps layer indexes in the {@code layer_index} table, one compact row per diff id (see {@link
 * LayerIndexCodec}). A row written in another index format is ignored and replaced on the next put.
 * A row that cannot be decoded is deleted with a warning. Database failures are logged and treated
 * as misses, so the cache can only make opening an image faster, never make it fail.
 */
public final class SqliteLayerIndexCache implements LayerIndexCache {

  private static final Logger log = LoggerFactory.getLogger(SqliteLayerIndexCache.class);

  private final Database database;

  public SqliteLayerIndexCache(Database database) {
    this.database = database;
  }

  @Override
  public Optional<LayerIndex> get(Digest diffId) {
    Row row;
    try {
      row = database.transaction(connection -> {
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT index_format, data FROM layer_index WHERE diff_id = ?")) {
          select.setString(1, diffId.toString());
          try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? new Row(rows.getInt(1), rows.getBytes(2)) : null;
          }
        }
      }, "read the cached index of layer " + diffId);
    } catch (IOException e) {
      log.warn("Reading the cached index of layer {} failed; the layer will be read again", diffId, e);
      return Optional.empty();
    }
    if (row == null) {
      return Optional.empty();
    }
    if (row.format != LayerIndexCodec.FORMAT) {
      log.debug("Ignoring the cached index of layer {} in format {}, not {}", diffId, row.format, LayerIndexCodec.FORMAT);
      return Optional.empty();
    }
    try {
      LayerIndex index = LayerIndexCodec.decode(row.data == null ? new byte[0] : row.data);
      if (!index.diffId().equals(diffId)) {
        throw new IOException("the row contains the index of layer " + index.diffId());
      }
      return Optional.of(index);
    } catch (IOException | RuntimeException e) {
      log.warn("Discarding the corrupt cached index of layer {}: {}", diffId, e.getMessage());
      delete(diffId);
      return Optional.empty();
    }
  }

  @Override
  public void put(LayerIndex index) {
    byte[] data = LayerIndexCodec.encode(index);
    try {
      database.transaction(connection -> {
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT OR REPLACE INTO layer_index (diff_id, index_format, entry_count, data, created_at)"
                + " VALUES (?, ?, ?, ?, ?)")) {
          insert.setString(1, index.diffId().toString());
          insert.setInt(2, LayerIndexCodec.FORMAT);
          insert.setInt(3, index.entries().size());
          insert.setBytes(4, data);
          insert.setString(5, Instant.now().toString());
          return insert.executeUpdate();
        }
      }, "store the index of layer " + index.diffId());
      log.debug("Cached the index of layer {}: {} entries in {} bytes", index.diffId(), index.entries().size(), data.length);
    } catch (IOException e) {
      log.warn("Caching the index of layer {} failed; it will be read again next time", index.diffId(), e);
    }
  }

  private void delete(Digest diffId) {
    try {
      database.transaction(connection -> {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM layer_index WHERE diff_id = ?")) {
          delete.setString(1, diffId.toString());
          return delete.executeUpdate();
        }
      }, "delete the cached index of layer " + diffId);
    } catch (IOException e) {
      log.warn("Deleting the corrupt cached index of layer {} failed", diffId, e);
    }
  }

  private record Row(int format, byte[] data) {}
}
