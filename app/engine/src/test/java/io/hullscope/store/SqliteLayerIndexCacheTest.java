package io.hullscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import io.hullscope.index.EntryNames;
import io.hullscope.index.EntryType;
import io.hullscope.index.FileEntry;
import io.hullscope.index.LayerIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteLayerIndexCacheTest {

  private static final Digest DIFF_ID = Digest.sha256Of("layer".getBytes(StandardCharsets.UTF_8));

  @TempDir
  Path folder;

  private Database database;
  private SqliteLayerIndexCache cache;

  @BeforeEach
  void open() throws IOException {
    database = Database.open(folder.resolve("cache.db"));
    cache = new SqliteLayerIndexCache(database);
  }

  @AfterEach
  void close() throws IOException {
    database.close();
  }

  @Test
  void storedIndexComesBackEqual() {
    LayerIndex index = sampleIndex();

    cache.put(index);

    assertThat(cache.get(DIFF_ID)).contains(index);
  }

  @Test
  void storedIndexSurvivesReopening() throws IOException {
    cache.put(sampleIndex());
    database.close();

    database = Database.open(folder.resolve("cache.db"));

    assertThat(new SqliteLayerIndexCache(database).get(DIFF_ID)).contains(sampleIndex());
  }

  @Test
  void unknownLayerIsMiss() {
    assertThat(cache.get(DIFF_ID)).isEmpty();
  }

  @Test
  void putReplacesOlderRow() {
    cache.put(sampleIndex());
    LayerIndex newer = new LayerIndex(DIFF_ID, null, List.of(), List.of("gone"), List.of(), 1024);

    cache.put(newer);

    assertThat(cache.get(DIFF_ID)).contains(newer);
  }

  @Test
  void rowInOtherFormatIsIgnoredAndRewritten() throws IOException {
    cache.put(sampleIndex());
    execute("UPDATE layer_index SET index_format = 999");

    Optional<LayerIndex> ignored = cache.get(DIFF_ID);
    cache.put(sampleIndex());

    assertThat(ignored).isEmpty();
    assertThat(cache.get(DIFF_ID)).contains(sampleIndex());
  }

  @Test
  void corruptRowIsDiscarded() throws IOException {
    cache.put(sampleIndex());
    byte[] corrupt = LayerIndexCodec.encode(sampleIndex());
    Arrays.fill(corrupt, 12, corrupt.length, (byte) 0x5a);
    database.transaction(connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE layer_index SET data = ?")) {
        update.setBytes(1, corrupt);
        return update.executeUpdate();
      }
    }, "corrupt the row");

    assertThat(cache.get(DIFF_ID)).isEmpty();
    assertThat(rowCount()).isZero();
  }

  @Test
  void truncatedRowIsDiscarded() throws IOException {
    cache.put(sampleIndex());
    byte[] whole = LayerIndexCodec.encode(sampleIndex());
    byte[] cut = Arrays.copyOf(whole, whole.length - 6);
    database.transaction(connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE layer_index SET data = ?")) {
        update.setBytes(1, cut);
        return update.executeUpdate();
      }
    }, "truncate the row");

    assertThat(cache.get(DIFF_ID)).isEmpty();
  }

  @Test
  void closedDatabaseIsTreatedAsMiss() throws IOException {
    database.close();

    cache.put(sampleIndex());

    assertThat(cache.get(DIFF_ID)).isEmpty();
  }

  private static LayerIndex sampleIndex() {
    String latin1Name = EntryNames.decode(new byte[] {'n', (byte) 0xe9, '/', 'x'});
    return new LayerIndex(
        DIFF_ID,
        Digest.sha256Of("blob".getBytes(StandardCharsets.UTF_8)),
        List.of(
            new FileEntry("usr", EntryType.DIRECTORY, 0, 0755, 0, 0, null, 1_700_000_000L),
            new FileEntry("usr/bin/su", EntryType.FILE, 71_234, 04755, 0, 0, null, 1_700_000_001L),
            new FileEntry("usr/bin/sudo", EntryType.HARDLINK, 0, 04711, 3_000_000_000L, 7, "usr/bin/su", -5L),
            new FileEntry("bin", EntryType.SYMLINK, 0, 0777, 0, 0, "usr/bin", 0),
            new FileEntry(latin1Name, EntryType.FILE, 3, 0644, 1000, 1000, null, 1),
            new FileEntry("dev/null", EntryType.CHAR_DEVICE, 0, 0666, 0, 0, null, 1),
            new FileEntry("usr/bin/su", EntryType.FILE, 9, 0644, 0, 0, null, 2)),
        List.of("etc/old", EntryNames.decode(new byte[] {(byte) 0xff})),
        List.of("", "var/cache"),
        123_456_789L);
  }

  private void execute(String sql) throws IOException {
    database.transaction(connection -> {
      try (var statement = connection.createStatement()) {
        return statement.executeUpdate(sql);
      }
    }, "run " + sql);
  }

  private int rowCount() throws IOException {
    return database.transaction(connection -> {
      try (var statement = connection.createStatement(); var rows = statement.executeQuery("SELECT COUNT(*) FROM layer_index")) {
        rows.next();
        return rows.getInt(1);
      }
    }, "count rows");
  }
}
