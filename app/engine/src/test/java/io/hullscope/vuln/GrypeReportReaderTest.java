package io.hullscope.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrypeReportReaderTest {

  private static final String IMAGE = "sha256:ab5608d634db2716a297adbfa6a5dd5d8f8f5a7d0cab73649ea7fbb8c8da544f";

  @TempDir Path folder;

  private final ExternalScannerReports reports = new ExternalScannerReports();

  @Test
  void realReportGivesBothMatches() throws IOException {
    ScanResult result = reports.read(TestData.file("reports/grype/image-matches.json"), IMAGE);

    assertThat(result.scanner()).isEqualTo("grype"); // the fixture's version is "[not provided]"
    assertThat(result.dataVersion()).isEqualTo("unknown");
    assertThat(result.problems()).isEmpty();
    assertThat(result.matches()).extracting(VulnerabilityMatch::id).containsExactly("CVE-1999-0002", "CVE-1999-0001");
  }

  @Test
  void realReportMapsFixSeverityScoreAndType() throws IOException {
    ScanResult result = reports.read(TestData.file("reports/grype/image-matches.json"), IMAGE);

    VulnerabilityMatch fixed = result.matches().get(1);
    assertThat(fixed.packageName()).isEqualTo("package-1");
    assertThat(fixed.installedVersion()).isEqualTo("1.1.1");
    assertThat(fixed.fixedVersion()).isEqualTo("1.2.1"); // matchDetails' suggested version
    assertThat(fixed.severity()).isEqualTo(VulnSeverity.LOW);
    assertThat(fixed.score()).isEqualTo(8.2);
    assertThat(fixed.packageType()).isEqualTo("rpm");
    VulnerabilityMatch unfixed = result.matches().get(0);
    assertThat(unfixed.fixable()).isFalse();
    assertThat(unfixed.severity()).isEqualTo(VulnSeverity.CRITICAL);
    assertThat(unfixed.packageType()).isEqualTo("deb"); // from its purl pkg:deb/package-2@2.2.2
    assertThat(unfixed.purl()).isEqualTo("pkg:deb/package-2@2.2.2");
  }

  @Test
  void relatedCveBecomesTheShownId() throws IOException {
    Path report = write("{\"descriptor\":{\"name\":\"grype\",\"version\":\"0.79.0\",\"db\":{\"built\":"
        + "\"2024-06-01T01:02:03Z\",\"schemaVersion\":5}},\"source\":{\"type\":\"image\",\"target\":{\"imageID\":\""
        + IMAGE + "\",\"layers\":[{\"digest\":\"sha256:l0\"},{\"digest\":\"sha256:l1\"}]}},\"matches\":[{"
        + "\"vulnerability\":{\"id\":\"GHSA-jfh8-c2jp-5v3q\",\"severity\":\"Critical\",\"namespace\":"
        + "\"github:language:java\",\"fix\":{\"versions\":[\"2.15.0\"],\"state\":\"fixed\"}},"
        + "\"relatedVulnerabilities\":[{\"id\":\"CVE-2021-44228\",\"description\":\"Log4Shell\"}],"
        + "\"artifact\":{\"name\":\"log4j-core\",\"version\":\"2.14.1\",\"type\":\"java-archive\","
        + "\"locations\":[{\"path\":\"/app/log4j-core-2.14.1.jar\",\"layerID\":\"sha256:l1\"}]}}]}");

    ScanResult result = reports.read(report, IMAGE);

    assertThat(result.scanner()).isEqualTo("grype 0.79.0");
    assertThat(result.dataVersion()).isEqualTo("grype-db@2024-06-01T01:02:03Z");
    VulnerabilityMatch match = result.matches().get(0);
    assertThat(match.id()).isEqualTo("CVE-2021-44228");
    assertThat(match.aliases()).containsExactly("GHSA-jfh8-c2jp-5v3q");
    assertThat(match.fixedVersion()).isEqualTo("2.15.0");
    assertThat(match.packageType()).isEqualTo("maven");
    assertThat(match.ecosystem()).isEqualTo("github:language:java");
    assertThat(match.layer()).isEqualTo(1);
    assertThat(match.summary()).isEqualTo("Log4Shell");
  }

  @Test
  void version6DatabaseStatusGivesDataVersion() throws IOException {
    Path report = write("{\"descriptor\":{\"name\":\"grype\",\"version\":\"0.90.0\",\"db\":{\"status\":{"
        + "\"schemaVersion\":\"v6.0.2\",\"built\":\"2025-03-01T00:00:00Z\"}}},\"matches\":[]}");

    assertThat(reports.read(report, IMAGE).dataVersion()).isEqualTo("grype-db@2025-03-01T00:00:00Z");
  }

  @Test
  void wontFixStateGivesNoFixedVersion() throws IOException {
    Path report = write("{\"descriptor\":{},\"matches\":[{\"vulnerability\":{\"id\":\"CVE-2024-9\",\"severity\":"
        + "\"Negligible\",\"fix\":{\"versions\":[\"9\"],\"state\":\"wont-fix\"}},\"artifact\":{\"name\":\"bash\","
        + "\"version\":\"5.2\",\"type\":\"deb\"}}]}");

    VulnerabilityMatch match = reports.read(report, IMAGE).matches().get(0);

    assertThat(match.fixable()).isFalse();
    assertThat(match.severity()).isEqualTo(VulnSeverity.LOW);
  }

  @Test
  void matchWithoutArtifactIsSkipped() throws IOException {
    Path report = write("{\"descriptor\":{},\"matches\":[{\"vulnerability\":{\"id\":\"CVE-2024-9\"}},"
        + "{\"vulnerability\":{\"id\":\"CVE-2024-8\"},\"artifact\":{\"name\":\"bash\",\"version\":\"5.2\"}}]}");

    ScanResult result = reports.read(report, IMAGE);

    assertThat(result.matches()).extracting(VulnerabilityMatch::id).containsExactly("CVE-2024-8");
    assertThat(result.problems()).singleElement().asString().contains("CVE-2024-9");
  }

  @Test
  void scoreOutsideCvssRangeIsIgnored() throws IOException {
    Path report = write("{\"descriptor\":{},\"matches\":[{\"vulnerability\":{\"id\":\"CVE-2024-8\",\"cvss\":["
        + "{\"vector\":\"x\",\"metrics\":{\"baseScore\":99}}]},\"artifact\":{\"name\":\"bash\",\"version\":\"5.2\"}}]}");

    assertThat(reports.read(report, IMAGE).matches().get(0).score()).isNull();
  }

  @Test
  void matchesOfWrongTypeFail() throws IOException {
    Path report = write("{\"descriptor\":{},\"matches\":\"none\"}");

    assertThatThrownBy(() -> reports.read(report, IMAGE))
        .isInstanceOf(ExternalScannerReportException.class)
        .hasMessageContaining("'matches' is a string, not an array");
  }

  @Test
  void grypeReportReadAsTrivyIsRejected() {
    Path report = TestData.file("reports/grype/image-matches.json");

    assertThatThrownBy(() -> reports.read(report, ExternalScannerReports.Format.TRIVY, IMAGE))
        .hasMessageContaining("it is a grype report, not a trivy report");
  }

  private Path write(String json) throws IOException {
    Path file = folder.resolve("grype.json");
    Files.writeString(file, json);
    return file;
  }
}
