package io.hullscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.Confidence;
import io.hullscope.check.SecretHit;
import io.hullscope.check.SecretScanCache.LayerSecrets;
import io.hullscope.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSecretScanCacheTest {

  private static final Digest DIFF_ID = Digest.sha256Of("secrets".getBytes(StandardCharsets.UTF_8));
  private static final LayerSecrets SECRETS = new LayerSecrets(List.of(
      new SecretHit("app/.env", "CREDENTIAL-FILE", "secret variable", Confidence.HIGH,
          "the name suggests a secret and the value looks generated", "DB_PASSWORD=zypg…(20 chars)", 2),
      new SecretHit("root/.ssh/id_ed25519", "SECRET-IN-FILE", "OpenSSH private key", Confidence.HIGH,
          "a well-formed, unencrypted OpenSSH key", "OpenSSH private key (400 chars, not shown)", 1)), 3);

  @TempDir
  Path folder;

  private Database database;
  private SqliteSecretScanCache cache;

  @BeforeEach
  void open() throws IOException {
    database = Database.open(folder.resolve("cache.db"));
    cache = new SqliteSecretScanCache(database);
  }

  @AfterEach
  void close() throws IOException {
    database.close();
  }

  @Test
  void storedHitsComeBack() {
    cache.put(DIFF_ID, "secrets-v1", SECRETS);

    assertThat(cache.get(DIFF_ID, "secrets-v1")).contains(SECRETS);
  }

  @Test
  void otherDetectorIsAMiss() {
    cache.put(DIFF_ID, "secrets-v1", SECRETS);

    assertThat(cache.get(DIFF_ID, "secrets-v2")).isEmpty();
  }

  @Test
  void newerDetectorReplacesTheRow() throws IOException {
    cache.put(DIFF_ID, "secrets-v1", SECRETS);
    cache.put(DIFF_ID, "secrets-v2", new LayerSecrets(List.of(), 0));

    assertThat(cache.get(DIFF_ID, "secrets-v1")).isEmpty();
    assertThat(cache.get(DIFF_ID, "secrets-v2")).contains(new LayerSecrets(List.of(), 0));
    assertThat(rowCount()).isEqualTo(1);
  }

  @Test
  void corruptRowIsAMiss() throws IOException {
    cache.put(DIFF_ID, "secrets-v1", SECRETS);
    database.transaction(connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE layer_secrets SET data = ?")) {
        update.setBytes(1, "{\"hits\": [{\"path\": null}]}".getBytes(StandardCharsets.UTF_8));
        return update.executeUpdate();
      }
    }, "corrupt the row");

    assertThat(cache.get(DIFF_ID, "secrets-v1")).isEmpty();
  }

  @Test
  void databaseFileHoldsOnlyRedactedText() throws IOException {
    cache.put(DIFF_ID, "secrets-v1", SECRETS);
    database.close();

    byte[] file = Files.readAllBytes(folder.resolve("cache.db"));
    byte[] wal = Files.exists(folder.resolve("cache.db-wal")) ? Files.readAllBytes(folder.resolve("cache.db-wal")) : new byte[0];
    String stored = new String(file, StandardCharsets.ISO_8859_1) + new String(wal, StandardCharsets.ISO_8859_1);

    assertThat(stored).contains("DB_PASSWORD=zypg").doesNotContain("4kq8m3rt2nvw7hbx");
    database = Database.open(folder.resolve("cache.db"));
  }

  private int rowCount() throws IOException {
    return database.transaction(connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM layer_secrets");
          var rows = select.executeQuery()) {
        return rows.next() ? rows.getInt(1) : 0;
      }
    }, "count rows");
  }
}
