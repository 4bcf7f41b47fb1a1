package io.hullscope.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and malformed input for every report format. */
class ExternalScannerReportsTest {

  private static final String IMAGE = "sha256:" + "1".repeat(64);

  @TempDir Path folder;

  private final ExternalScannerReports reports = new ExternalScannerReports();

  @Test
  void truncatedReportFailsNamingTheFile() throws IOException {
    Path file = write("{\"SchemaVersion\":2,\"Results\":[{\"Type\":\"alpine\",\"Vulner");

    assertThatThrownBy(() -> reports.read(file, IMAGE))
        .isInstanceOf(ExternalScannerReportException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("invalid JSON");
  }

  @Test
  void oversizedReportFailsBeforeParsing() throws IOException {
    ExternalScannerReports small = new ExternalScannerReports(new ExternalScannerLimits(100, 64, 1000, 10),
        Clock.systemUTC());
    Path file = write("{\"SchemaVersion\":2,\"Results\":[],\"pad\":\"" + "x".repeat(200) + "\"}");

    assertThatThrownBy(() -> small.read(file, IMAGE))
        .isInstanceOf(ExternalScannerReportException.class)
        .hasMessageContaining("larger than the limit of 100 bytes");
  }

  @Test
  void oversizedStreamStopsReading() {
    ExternalScannerReports small = new ExternalScannerReports(new ExternalScannerLimits(100, 64, 1000, 10),
        Clock.systemUTC());
    java.io.InputStream endless = new java.io.InputStream() {
      @Override
      public int read() {
        return 'x';
      }
    };

    assertThatThrownBy(() -> small.readBounded("stdin", endless)).hasMessageContaining("larger than the limit");
  }

  @Test
  void deepNestingIsRejected() throws IOException {
    Path file = write("{\"SchemaVersion\":2,\"Results\":" + "[".repeat(500) + "]".repeat(500) + "}");

    assertThatThrownBy(() -> reports.read(file, IMAGE))
        .isInstanceOf(ExternalScannerReportException.class)
        .hasMessageContaining("invalid JSON")
        .hasMessageContaining("nesting depth");
  }

  @Test
  void longStringIsRejected() throws IOException {
    ExternalScannerReports small = new ExternalScannerReports(new ExternalScannerLimits(1 << 20, 64, 100, 10),
        Clock.systemUTC());
    Path file = write("{\"SchemaVersion\":2,\"Results\":[],\"Title\":\"" + "x".repeat(500) + "\"}");

    assertThatThrownBy(() -> small.read(file, IMAGE)).hasMessageContaining("invalid JSON");
  }

  @Test
  void binaryGarbageFails() throws IOException {
    byte[] garbage = new byte[4096];
    new Random(7).nextBytes(garbage);
    Path file = folder.resolve("garbage.json");
    Files.write(file, garbage);

    assertThatThrownBy(() -> reports.read(file, IMAGE))
        .isInstanceOf(ExternalScannerReportException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void emptyFileFails() throws IOException {
    Path file = write("");

    assertThatThrownBy(() -> reports.read(file, IMAGE)).hasMessageContaining("the file is empty");
  }

  @Test
  void topLevelArrayIsNotAReport() throws IOException {
    Path file = write("[1,2,3]");

    assertThatThrownBy(() -> reports.read(file, IMAGE)).hasMessageContaining("not a JSON object");
  }

  @Test
  void unknownDocumentNamesTheFormatsItExpects() throws IOException {
    Path file = write("{\"bomFormat\":\"CycloneDX\",\"components\":[]}");

    assertThatThrownBy(() -> reports.read(file, IMAGE))
        .isInstanceOf(ExternalScannerReportException.class)
        .hasMessageContaining("neither a Trivy JSON report");
  }

  @Test
  void trailingContentIsRejected() throws IOException {
    Path file = write("{\"SchemaVersion\":2,\"Results\":[]} {}");

    assertThatThrownBy(() -> reports.read(file, IMAGE)).hasMessageContaining("invalid JSON");
  }

  @Test
  void missingFileSaysNotFound() {
    Path file = folder.resolve("absent.json");

    assertThatThrownBy(() -> reports.read(file, IMAGE))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("absent.json");
  }

  @Test
  void traversalLikePackageNamesAreKeptAsText() throws IOException {
    Path file = write("{\"SchemaVersion\":2,\"Results\":[{\"Type\":\"npm\",\"Vulnerabilities\":["
        + TrivyReportReaderTest.entry("CVE-2024-1", "../../etc/passwd", "1", null, "LOW") + "]}]}");

    ScanResult result = reports.read(file, IMAGE);

    assertThat(result.matches().get(0).packageName()).isEqualTo("../../etc/passwd");
  }

  @Test
  void manyBadEntriesCapTheProblemList() throws IOException {
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      entries.append(i == 0 ? "" : ",").append("{\"VulnerabilityID\":\"CVE-2024-").append(i).append("\"}");
    }
    Path file = write("{\"SchemaVersion\":2,\"Results\":[{\"Vulnerabilities\":[" + entries + "]}]}");

    ScanResult result = reports.read(file, IMAGE);

    assertThat(result.problems()).hasSize(ExternalScannerReports.MAX_PROBLEMS + 1);
    assertThat(result.problems().get(ExternalScannerReports.MAX_PROBLEMS)).isEqualTo("200 more problems were left out");
  }

  @Test
  void formatIsDetectedFromItsFields() throws IOException {
    assertThat(ExternalScannerReports.detect("a", reports.parse("a", "{\"SchemaVersion\":2,\"Results\":[]}".getBytes())))
        .isEqualTo(ExternalScannerReports.Format.TRIVY);
    assertThat(ExternalScannerReports.detect("b", reports.parse("b", "{\"matches\":[],\"source\":{}}".getBytes())))
        .isEqualTo(ExternalScannerReports.Format.GRYPE);
    assertThat(ExternalScannerReports.detect("c", reports.parse("c",
        "{\"scanner\":{},\"vulnerabilities\":[]}".getBytes()))).isEqualTo(ExternalScannerReports.Format.HARBOR);
  }

  private Path write(String json) throws IOException {
    Path file = folder.resolve("report.json");
    Files.writeString(file, json);
    return file;
  }
}
