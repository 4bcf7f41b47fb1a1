package io.hullscope.store;

import static io.hullscope.vuln.OsvTestRecords.record;
import static io.hullscope.vuln.OsvTestRecords.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.hullscope.image.OperationCancelledException;
import io.hullscope.image.ProgressListener;
import io.hullscope.vuln.DataVersion;
import io.hullscope.vuln.ImportResult;
import io.hullscope.vuln.OsvDownloader;
import io.hullscope.vuln.OsvRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the downloader against a loopback HTTP server that serves zips made by the test. */
class OsvDownloaderTest {

  @TempDir Path folder;

  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private Database database;
  private SqliteVulnerabilityDatabase vulnerabilities;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getRawPath();
      requests.add(path);
      byte[] body = files.get(path);
      int status = statuses.getOrDefault(path, body == null ? 404 : 200);
      byte[] sent = status == 200 ? body : "error".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, sent.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(sent);
      }
    });
    server.start();
    database = Database.open(folder.resolve("cache.db"));
    vulnerabilities = new SqliteVulnerabilityDatabase(database);
  }

  @AfterEach
  void stop() throws IOException {
    server.stop(0);
    database.close();
  }

  @Test
  void firstUpdateImportsTheWholeZip() throws IOException {
    files.put("/Debian/all.zip", Files.readAllBytes(debianZip("3.0.11-1")));

    ImportResult result = downloader().update("Debian", ProgressListener.NONE);

    assertThat(result.imported()).isEqualTo(2);
    assertThat(vulnerabilities.findAffecting("Debian:12", "openssl")).hasSize(1);
    assertThat(requests).containsExactly("/Debian/all.zip");
    assertThat(temporaryFiles()).isEmpty();
  }

  @Test
  void laterUpdateFetchesOnlyNewerRecords() throws IOException {
    files.put("/Debian/all.zip", Files.readAllBytes(debianZip("3.0.11-1")));
    downloader().update("Debian", ProgressListener.NONE);
    requests.clear();
    files.put("/Debian/modified_id.csv", ("2024-06-01T00:00:00Z,DSA-5001-1\n"
        + "2024-04-02T10:00:00Z,DSA-5002-1\n2024-03-01T00:00:00Z,DSA-5000-1\n").getBytes(StandardCharsets.UTF_8));
    files.put("/Debian/DSA-5001-1.json", record("DSA-5001-1", "2024-06-01T00:00:00Z", "Debian:12", "openssl", "0",
        "3.0.13-1").getBytes(StandardCharsets.UTF_8));

    ImportResult result = downloader().update("Debian", ProgressListener.NONE);

    assertThat(requests).containsExactly("/Debian/modified_id.csv", "/Debian/DSA-5001-1.json");
    assertThat(result.imported()).isEqualTo(1);
    OsvRecord updated = vulnerabilities.findAffecting("Debian:12", "openssl").get(0);
    assertThat(updated.affected().get(0).ranges().get(0).events().get(1).version()).isEqualTo("3.0.13-1");
    assertThat(vulnerabilities.findAffecting("Debian:12", "zlib")).hasSize(1);
    assertThat(vulnerabilities.dataVersions()).singleElement()
        .extracting(DataVersion::snapshot).isEqualTo(Instant.parse("2024-06-01T00:00:00Z"));
  }

  @Test
  void missingModificationListFallsBackToZip() throws IOException {
    files.put("/Debian/all.zip", Files.readAllBytes(debianZip("3.0.11-1")));
    downloader().update("Debian", ProgressListener.NONE);
    files.put("/Debian/all.zip", Files.readAllBytes(debianZip("3.0.15-1")));
    requests.clear();

    downloader().update("Debian", ProgressListener.NONE);

    assertThat(requests).containsExactly("/Debian/modified_id.csv", "/Debian/all.zip");
    assertThat(fixedVersionOfOpenssl()).isEqualTo("3.0.15-1");
  }

  @Test
  void serverErrorKeepsPreviousData() throws IOException {
    files.put("/Debian/all.zip", Files.readAllBytes(debianZip("3.0.11-1")));
    downloader().update("Debian", ProgressListener.NONE);
    statuses.put("/Debian/all.zip", 503);

    assertThatThrownBy(() -> downloader().downloadAll("Debian", ProgressListener.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP 503");

    assertThat(fixedVersionOfOpenssl()).isEqualTo("3.0.11-1");
    assertThat(temporaryFiles()).isEmpty();
  }

  @Test
  void truncatedDownloadKeepsPreviousData() throws IOException {
    files.put("/Debian/all.zip", Files.readAllBytes(debianZip("3.0.11-1")));
    downloader().update("Debian", ProgressListener.NONE);
    byte[] whole = Files.readAllBytes(debianZip("3.0.15-1"));
    files.put("/Debian/all.zip", Arrays.copyOf(whole, whole.length - 30));

    assertThatThrownBy(() -> downloader().downloadAll("Debian", ProgressListener.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a complete zip file");

    assertThat(fixedVersionOfOpenssl()).isEqualTo("3.0.11-1");
  }

  @Test
  void unknownEcosystemIsNotFound() {
    assertThatThrownBy(() -> downloader().update("Nope", ProgressListener.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not found (HTTP 404)");
  }

  @Test
  void cancelledDownloadKeepsPreviousData() throws IOException {
    files.put("/Debian/all.zip", Files.readAllBytes(debianZip("3.0.11-1")));
    downloader().update("Debian", ProgressListener.NONE);
    ProgressListener cancelled = new ProgressListener() {
      @Override
      public boolean isCancelled() {
        return true;
      }
    };

    assertThatThrownBy(() -> downloader().downloadAll("Debian", cancelled))
        .isInstanceOf(OperationCancelledException.class);

    assertThat(fixedVersionOfOpenssl()).isEqualTo("3.0.11-1");
    assertThat(temporaryFiles()).isEmpty();
  }

  @Test
  void localFolderAndFileUrlWorkAsBase() throws IOException {
    Path mirror = Files.createDirectories(folder.resolve("mirror/Debian"));
    Files.copy(debianZip("3.0.11-1"), mirror.resolve("all.zip"));

    new OsvDownloader(folder.resolve("mirror").toString(), folder.resolve("downloads"), vulnerabilities,
        OsvDownloader.Limits.DEFAULT).update("Debian", ProgressListener.NONE);
    assertThat(fixedVersionOfOpenssl()).isEqualTo("3.0.11-1");

    Files.delete(mirror.resolve("all.zip"));
    Files.copy(debianZip("3.0.15-1"), mirror.resolve("all.zip"));
    new OsvDownloader(folder.resolve("mirror").toUri().toString(), folder.resolve("downloads"), vulnerabilities,
        OsvDownloader.Limits.DEFAULT).downloadAll("Debian", ProgressListener.NONE);
    assertThat(fixedVersionOfOpenssl()).isEqualTo("3.0.15-1");
  }

  @Test
  void ecosystemNameCannotLeaveTheBase() {
    assertThatThrownBy(() -> downloader().update("../etc", ProgressListener.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid OSV ecosystem name '../etc'");
  }

  @Test
  void oversizedDownloadIsRejected() throws IOException {
    files.put("/Debian/all.zip", Files.readAllBytes(debianZip("3.0.11-1")));
    OsvDownloader small = new OsvDownloader(base(), folder.resolve("downloads"), vulnerabilities,
        new OsvDownloader.Limits(100, 1000, 10, java.time.Duration.ofSeconds(5)));

    assertThatThrownBy(() -> small.downloadAll("Debian", ProgressListener.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("larger than the limit of 100 bytes");
  }

  private OsvDownloader downloader() {
    return new OsvDownloader(base(), folder.resolve("downloads"), vulnerabilities, OsvDownloader.Limits.DEFAULT);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  private String fixedVersionOfOpenssl() throws IOException {
    return vulnerabilities.findAffecting("Debian:12", "openssl").get(0).affected().get(0).ranges().get(0).events()
        .get(1).version();
  }

  private List<Path> temporaryFiles() throws IOException {
    Path downloads = folder.resolve("downloads");
    if (!Files.exists(downloads)) {
      return List.of();
    }
    try (var listing = Files.list(downloads)) {
      return listing.toList();
    }
  }

  private Path debianZip(String opensslFix) throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("DSA-5001-1.json", record("DSA-5001-1", "2024-03-01T00:00:00Z", "Debian:12", "openssl", "0", opensslFix));
    entries.put("DSA-5002-1.json", record("DSA-5002-1", "2024-04-02T10:00:00Z", "Debian:12", "zlib", "0", "1:1.3-1"));
    return zip(Files.createTempFile(folder, "debian", ".zip"), entries);
  }
}
