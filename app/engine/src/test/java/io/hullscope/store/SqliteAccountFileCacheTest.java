package io.hullscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.AccountFileCache.LayerFiles;
import io.hullscope.image.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAccountFileCacheTest {

  private static final Digest DIFF_ID = Digest.sha256Of("accounts".getBytes(StandardCharsets.UTF_8));

  @TempDir Path folder;

  private Database database;
  private SqliteAccountFileCache cache;

  @BeforeEach
  void open() throws IOException {
    database = Database.open(folder.resolve("cache.db"));
    cache = new SqliteAccountFileCache(database);
  }

  @AfterEach
  void close() throws IOException {
    database.close();
  }

  @Test
  void storedFilesComeBackByteForByte() {
    byte[] passwd = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n\u00ff"
        .getBytes(StandardCharsets.ISO_8859_1);
    LayerFiles files = new LayerFiles(1 << 20, Map.of("etc/passwd", passwd), Map.of("etc/group", "larger than 1 MiB"));

    cache.put(DIFF_ID, files);

    assertThat(cache.get(DIFF_ID)).contains(files);
  }

  @Test
  void unknownLayerIsAMiss() {
    assertThat(cache.get(DIFF_ID)).isEmpty();
  }

  @Test
  void corruptRowIsAMiss() throws IOException {
    cache.put(DIFF_ID, new LayerFiles(1024, Map.of(), Map.of()));
    database.transaction(connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE layer_accounts SET data = ?")) {
        update.setBytes(1, "{not json".getBytes(StandardCharsets.UTF_8));
        return update.executeUpdate();
      }
    }, "corrupt the row");

    assertThat(cache.get(DIFF_ID)).isEmpty();
  }
}
