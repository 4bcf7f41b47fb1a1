package io.hullscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.vuln.ScanDiff;
import io.hullscope.vuln.ScanResult;
import io.hullscope.vuln.ScanSummary;
import io.hullscope.vuln.VulnSeverity;
import io.hullscope.vuln.VulnerabilityMatch;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteScanCacheTest {

  private static final String IMAGE = "sha256:1111";

  @TempDir Path folder;

  private Database database;
  private SqliteScanCache cache;

  @BeforeEach
  void open() throws IOException {
    database = Database.open(folder.resolve("cache.db"));
    cache = new SqliteScanCache(database);
  }

  @AfterEach
  void close() throws IOException {
    database.close();
  }

  @Test
  void storedResultComesBackEqual() throws IOException {
    ScanResult result = scan("Debian@2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", match("CVE-2024-1", "openssl", "3.0.11-1"));

    cache.put(result);

    assertThat(cache.get(IMAGE, "hullscope-osv 1", "Debian@2024-01-01T00:00:00Z")).contains(result);
  }

  @Test
  void otherDataVersionIsAMiss() throws IOException {
    cache.put(scan("Debian@2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"));

    assertThat(cache.get(IMAGE, "hullscope-osv 1", "Debian@2024-02-01T00:00:00Z")).isEmpty();
    assertThat(cache.get("sha256:2222", "hullscope-osv 1", "Debian@2024-01-01T00:00:00Z")).isEmpty();
  }

  @Test
  void historyListsScansOldestFirstAndLatestIsNewest() throws IOException {
    ScanResult january = scan("Debian@2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z",
        match("CVE-2024-1", "openssl", null));
    ScanResult february = scan("Debian@2024-02-01T00:00:00Z", "2024-02-02T00:00:00Z");
    cache.put(february);
    cache.put(january);

    List<ScanSummary> history = cache.history(IMAGE);

    assertThat(history).extracting(ScanSummary::scannedAt)
        .containsExactly(Instant.parse("2024-01-02T00:00:00Z"), Instant.parse("2024-02-02T00:00:00Z"));
    assertThat(history).extracting(ScanSummary::matches).containsExactly(1, 0);
    assertThat(cache.load(history.get(0).id())).contains(january);
    assertThat(cache.latest(IMAGE, "hullscope-osv 1")).contains(february);
  }

  @Test
  void rescanWithSameDataVersionReplaces() throws IOException {
    cache.put(scan("Debian@2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"));
    ScanResult again = scan("Debian@2024-01-01T00:00:00Z", "2024-01-03T00:00:00Z");

    cache.put(again);

    assertThat(cache.history(IMAGE)).hasSize(1);
    assertThat(cache.latest(IMAGE, "hullscope-osv 1")).contains(again);
  }

  @Test
  void corruptRowIsAMiss() throws IOException {
    cache.put(scan("Debian@2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"));
    database.transaction(connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE scan_result SET data = ?")) {
        update.setBytes(1, new byte[] {'{', 0});
        return update.executeUpdate();
      }
    }, "corrupt the row");

    assertThat(cache.latest(IMAGE, "hullscope-osv 1")).isEmpty();
  }

  @Test
  void diffSeparatesNewFixedAndStillOpen() {
    ScanResult older = scan("a", "2024-01-01T00:00:00Z",
        match("CVE-2024-1", "openssl", "3.0.11-1"), match("CVE-2024-2", "zlib", null));
    VulnerabilityMatch renamed = new VulnerabilityMatch("DSA-5001-1", List.of("CVE-2024-1"), null, "openssl", "deb",
        null, "Debian:12", "3.0.9-1", "3.0.11-1", VulnSeverity.HIGH, null, List.of(), 1);
    ScanResult newer = scan("b", "2024-02-01T00:00:00Z", renamed, match("CVE-2024-3", "curl", null));

    ScanDiff diff = ScanDiff.between(older, newer);

    assertThat(diff.added()).extracting(VulnerabilityMatch::id).containsExactly("CVE-2024-3");
    assertThat(diff.fixed()).extracting(VulnerabilityMatch::id).containsExactly("CVE-2024-2");
    assertThat(diff.stillOpen()).containsExactly(renamed);
  }

  @Test
  void sameIdInOtherPackageIsNotTheSameFinding() {
    ScanResult older = scan("a", "2024-01-01T00:00:00Z", match("CVE-2024-1", "openssl", null));
    ScanResult newer = scan("b", "2024-02-01T00:00:00Z", match("CVE-2024-1", "libssl-other", null));

    ScanDiff diff = ScanDiff.between(older, newer);

    assertThat(diff.added()).hasSize(1);
    assertThat(diff.fixed()).hasSize(1);
    assertThat(diff.stillOpen()).isEmpty();
  }

  private static ScanResult scan(String dataVersion, String at, VulnerabilityMatch... matches) {
    return new ScanResult(IMAGE, "hullscope-osv 1", dataVersion, Instant.parse(at), List.of(matches),
        List.of("a problem"));
  }

  private static VulnerabilityMatch match(String id, String pkg, String fixed) {
    return new VulnerabilityMatch(id, List.of("DSA-1-1"), "summary", pkg, "deb", "pkg:deb/debian/" + pkg, "Debian:12",
        "1.0-1", fixed, VulnSeverity.HIGH, 9.8, List.of("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), 2);
  }
}
