package io.hullscope.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.image.Digest;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.sbom.LayerCatalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps layer catalogs in the {@code layer_catalog} table as gzipped JSON, one row per diff id. A
 * row made by other catalogers (another key) is a miss and is replaced on the next put, so the table
 * never holds stale results for a layer. As with {@link SqliteLayerIndexCache}, database failures
 * are logged and treated as misses.
 */
public final class SqliteCatalogCache implements CatalogCache {

  private static final Logger log = LoggerFactory.getLogger(SqliteCatalogCache.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Database database;

  public SqliteCatalogCache(Database database) {
    this.database = database;
  }

  @Override
  public Optional<LayerCatalog> get(Digest diffId, String catalogersKey) {
    byte[] data;
    try {
      data = database.transaction(connection -> {
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT data FROM layer_catalog WHERE diff_id = ? AND catalogers = ?")) {
          select.setString(1, diffId.toString());
          select.setString(2, catalogersKey);
          try (ResultSet rows = select.executeQuery()) {
            return rows.next() ? rows.getBytes(1) : null;
          }
        }
      }, "read the cached catalog of layer " + diffId);
    } catch (IOException e) {
      log.warn("Reading the cached catalog of layer {} failed; the layer will be read again", diffId, e);
      return Optional.empty();
    }
    if (data == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(decode(data));
    } catch (IOException | RuntimeException e) {
      log.warn("Ignoring the corrupt cached catalog of layer {}: {}", diffId, e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void put(Digest diffId, String catalogersKey, LayerCatalog catalog) {
    byte[] data = encode(catalog);
    try {
      database.transaction(connection -> {
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT OR REPLACE INTO layer_catalog (diff_id, catalogers, data, created_at) VALUES (?, ?, ?, ?)")) {
          insert.setString(1, diffId.toString());
          insert.setString(2, catalogersKey);
          insert.setBytes(3, data);
          insert.setString(4, Instant.now().toString());
          return insert.executeUpdate();
        }
      }, "store the catalog of layer " + diffId);
    } catch (IOException e) {
      log.warn("Caching the catalog of layer {} failed; it will be read again next time", diffId, e);
    }
  }

  static byte[] encode(LayerCatalog catalog) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      JSON.writeValue(gzip, catalog);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a layer catalog could not be written as JSON", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static LayerCatalog decode(byte[] data) throws IOException {
    try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return JSON.readValue(gzip, LayerCatalog.class);
    }
  }
}
