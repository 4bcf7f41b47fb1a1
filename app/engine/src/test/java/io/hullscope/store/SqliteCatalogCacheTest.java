package io.hullscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import io.hullscope.sbom.Distro;
import io.hullscope.sbom.LayerCatalog;
import io.hullscope.sbom.LayerCatalog.FileCatalog;
import io.hullscope.sbom.Package;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCatalogCacheTest {

  private static final Digest DIFF_ID = Digest.sha256Of("layer".getBytes(StandardCharsets.UTF_8));
  private static final String KEY = "dpkg:1,os:1";

  @TempDir Path folder;

  private Database database;
  private SqliteCatalogCache cache;

  @BeforeEach
  void open() throws IOException {
    database = Database.open(folder.resolve("cache.db"));
    cache = new SqliteCatalogCache(database);
  }

  @AfterEach
  void close() throws IOException {
    database.close();
  }

  @Test
  void storedCatalogComesBackEqual() {
    LayerCatalog catalog = sampleCatalog();

    cache.put(DIFF_ID, KEY, catalog);

    assertThat(cache.get(DIFF_ID, KEY)).contains(catalog);
  }

  @Test
  void catalogOfOtherCatalogersIsAMissAndIsReplaced() {
    cache.put(DIFF_ID, "dpkg:1,os:1", sampleCatalog());

    assertThat(cache.get(DIFF_ID, "dpkg:2,os:1")).isEmpty();
    cache.put(DIFF_ID, "dpkg:2,os:1", new LayerCatalog(Map.of()));
    assertThat(cache.get(DIFF_ID, "dpkg:1,os:1")).isEmpty();
    assertThat(cache.get(DIFF_ID, "dpkg:2,os:1")).contains(new LayerCatalog(Map.of()));
  }

  @Test
  void corruptRowIsAMiss() throws IOException {
    cache.put(DIFF_ID, KEY, sampleCatalog());
    database.transaction(connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE layer_catalog SET data = ?")) {
        update.setBytes(1, new byte[] {0x1f, (byte) 0x8b, 1, 2, 3});
        return update.executeUpdate();
      }
    }, "corrupt the row");

    assertThat(cache.get(DIFF_ID, KEY)).isEmpty();
  }

  private static LayerCatalog sampleCatalog() {
    Package bash = new Package("bash", "5.2.15-2+b7", "deb", "pkg:deb/debian/bash@5.2.15-2%2Bb7?arch=amd64",
        List.of("GPL-3.0-or-later"), "bash", null, "amd64", "var/lib/dpkg/status", List.of("libc6"),
        Map.of("SHA-1", "0123456789abcdef0123456789abcdef01234567"));
    return new LayerCatalog(Map.of(
        "var/lib/dpkg/status", new FileCatalog("dpkg", List.of(bash), null, null),
        "etc/os-release", new FileCatalog("os-release", List.of(), new Distro("debian", "12", "bookworm", null), null),
        "var/lib/dpkg/status.d/broken", new FileCatalog("dpkg", List.of(), null, "no Package field")));
  }
}
