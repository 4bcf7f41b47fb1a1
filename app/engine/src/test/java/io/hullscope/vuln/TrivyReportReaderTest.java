package io.hullscope.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrivyReportReaderTest {

  private static final String IMAGE = "sha256:961769676411f082461f9ef46626dd7a2d1e2b2a38e6a44364bcbecf51e66dd4";
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  @TempDir Path folder;

  private final ExternalScannerReports reports =
      new ExternalScannerReports(ExternalScannerLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void realAlpineReportGivesEveryPackageVulnerability() throws IOException {
    ScanResult result = reports.read(TestData.file("reports/trivy/alpine-310.json"), IMAGE);

    assertThat(result.scanner()).isEqualTo("trivy dev");
    assertThat(result.dataVersion()).isEqualTo("report@2021-08-25T12:20:30.000000005Z");
    assertThat(result.imageDigest()).isEqualTo(IMAGE);
    assertThat(result.scannedAt()).isEqualTo(NOW);
    assertThat(result.problems()).isEmpty();
    assertThat(result.matches()).extracting(match -> match.id() + " " + match.packageName() + " "
        + match.installedVersion() + " " + match.fixedVersion())
        .containsExactlyInAnyOrder(
            "CVE-2019-1549 libcrypto1.1 1.1.1c-r0 1.1.1d-r0",
            "CVE-2019-1551 libcrypto1.1 1.1.1c-r0 1.1.1d-r2",
            "CVE-2019-1549 libssl1.1 1.1.1c-r0 1.1.1d-r0",
            "CVE-2019-1551 libssl1.1 1.1.1c-r0 1.1.1d-r2");
  }

  @Test
  void realReportMapsSeverityScoreTypeAndLayer() throws IOException {
    ScanResult result = reports.read(TestData.file("reports/trivy/alpine-310.json"), IMAGE);

    VulnerabilityMatch match = result.matches().stream()
        .filter(m -> m.id().equals("CVE-2019-1549") && m.packageName().equals("libcrypto1.1"))
        .findFirst().orElseThrow();
    assertThat(match.severity()).isEqualTo(VulnSeverity.MEDIUM);
    assertThat(match.score()).isEqualTo(5.3); // the nvd V3Score, nvd being the SeveritySource
    assertThat(match.cvssVectors()).contains("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N");
    assertThat(match.packageType()).isEqualTo("apk");
    assertThat(match.purl()).startsWith("pkg:apk/alpine/libcrypto1.1@1.1.1c-r0");
    assertThat(match.ecosystem()).isEqualTo("alpine");
    assertThat(match.layer()).isZero();
    assertThat(match.summary()).isEqualTo("openssl: information disclosure in fork()");
  }

  @Test
  void reportOfAnotherImageIsNoted() throws IOException {
    ScanResult result = reports.read(TestData.file("reports/trivy/alpine-310.json"), "sha256:" + "0".repeat(64));

    assertThat(result.problems()).singleElement().asString().contains("is about image " + IMAGE);
  }

  @Test
  void sameIdListedTwiceForOnePackageIsMerged() throws IOException {
    Path report = write("{\"SchemaVersion\":2,\"Results\":[{\"Type\":\"node-pkg\",\"Vulnerabilities\":["
        + entry("CVE-2021-23337", "lodash", "4.17.15", "4.17.21", "HIGH") + ","
        + entry("CVE-2021-23337", "lodash", "4.17.15", "4.17.21", "MEDIUM") + "]}]}");

    ScanResult result = reports.read(report, IMAGE);

    assertThat(result.matches()).hasSize(1);
    VulnerabilityMatch match = result.matches().get(0);
    assertThat(match.id()).isEqualTo("CVE-2021-23337");
    assertThat(match.aliases()).isEmpty();
    assertThat(match.severity()).isEqualTo(VulnSeverity.HIGH);
    assertThat(match.packageType()).isEqualTo("npm");
  }

  @Test
  void unlinkedIdsOfOnePackageStaySeparate() throws IOException {
    // Trivy lists no aliases, so a GHSA and a CVE without a shared id cannot be known to be one.
    Path report = write("{\"SchemaVersion\":2,\"Results\":[{\"Type\":\"node-pkg\",\"Vulnerabilities\":["
        + entry("GHSA-35jh-r3h4-6jhm", "lodash", "4.17.15", "4.17.21", "HIGH") + ","
        + entry("CVE-2021-23337", "lodash", "4.17.15", "4.17.21", "HIGH") + "]}]}");

    assertThat(reports.read(report, IMAGE).matches()).hasSize(2);
  }

  @Test
  void vendorIdsBecomeAliasesAndMergeWithTheirOwnEntry() throws IOException {
    Path report = write("{\"SchemaVersion\":2,\"Results\":[{\"Type\":\"debian\",\"Vulnerabilities\":["
        + "{\"VulnerabilityID\":\"CVE-2023-0286\",\"VendorIDs\":[\"DSA-5343-1\"],\"PkgName\":\"libssl3\","
        + "\"InstalledVersion\":\"3.0.7-1\",\"FixedVersion\":\"3.0.8-1\",\"Severity\":\"HIGH\"},"
        + entry("DSA-5343-1", "libssl3", "3.0.7-1", "3.0.8-1", "HIGH") + "]}]}");

    ScanResult result = reports.read(report, IMAGE);

    assertThat(result.matches()).singleElement().satisfies(match -> {
      assertThat(match.id()).isEqualTo("CVE-2023-0286");
      assertThat(match.aliases()).containsExactly("DSA-5343-1");
      assertThat(match.packageType()).isEqualTo("deb");
    });
  }

  @Test
  void severalFixedVersionsKeepTheFirst() throws IOException {
    Path report = write("{\"SchemaVersion\":2,\"Results\":[{\"Type\":\"jar\",\"Vulnerabilities\":["
        + entry("CVE-2021-44228", "org.apache.logging.log4j:log4j-core", "2.14.1", "2.15.0, 2.3.1, 2.12.2",
            "CRITICAL") + "]}]}");

    VulnerabilityMatch match = reports.read(report, IMAGE).matches().get(0);

    assertThat(match.fixedVersion()).isEqualTo("2.15.0");
    assertThat(match.packageType()).isEqualTo("maven");
    assertThat(match.severity()).isEqualTo(VulnSeverity.CRITICAL);
  }

  @Test
  void entryWithoutRequiredFieldsIsSkippedAndOthersKept() throws IOException {
    Path report = write("{\"SchemaVersion\":2,\"Results\":[{\"Type\":\"alpine\",\"Vulnerabilities\":["
        + "{\"VulnerabilityID\":\"CVE-2024-1\",\"PkgName\":\"zlib\"},"
        + "{\"VulnerabilityID\":7,\"PkgName\":\"zlib\",\"InstalledVersion\":\"1\"},"
        + "\"not an object\","
        + entry("CVE-2024-2", "zlib", "1.2.13-r0", null, "LOW") + "]}]}");

    ScanResult result = reports.read(report, IMAGE);

    assertThat(result.matches()).extracting(VulnerabilityMatch::id).containsExactly("CVE-2024-2");
    assertThat(result.matches().get(0).fixable()).isFalse();
    assertThat(result.problems()).hasSize(3);
    assertThat(result.problems().get(0)).contains("CVE-2024-1");
  }

  @Test
  void unknownSeverityStaysUnknown() throws IOException {
    Path report = write("{\"SchemaVersion\":2,\"Results\":[{\"Type\":\"alpine\",\"Vulnerabilities\":["
        + entry("CVE-2024-3", "zlib", "1", null, "UNKNOWN") + "]}]}");

    assertThat(reports.read(report, IMAGE).matches().get(0).severity()).isEqualTo(VulnSeverity.UNKNOWN);
  }

  @Test
  void resultsThatAreNotAnArrayFailNamingTheFile() throws IOException {
    Path report = write("{\"SchemaVersion\":2,\"Results\":{\"Type\":\"alpine\"}}");

    assertThatThrownBy(() -> reports.read(report, IMAGE))
        .isInstanceOf(ExternalScannerReportException.class)
        .hasMessageContaining(report.toString())
        .hasMessageContaining("'Results' is a object, not an array");
  }

  @Test
  void oldSchemaVersionIsRejected() throws IOException {
    Path report = write("{\"SchemaVersion\":1,\"Results\":[]}");

    assertThatThrownBy(() -> reports.read(report, IMAGE))
        .isInstanceOf(ExternalScannerReportException.class)
        .hasMessageContaining("schema version 1 is not supported");
  }

  @Test
  void schemaVersionOfWrongTypeIsRejected() throws IOException {
    Path report = write("{\"SchemaVersion\":\"2\",\"Results\":[]}");

    assertThatThrownBy(() -> reports.read(report, IMAGE)).hasMessageContaining("'SchemaVersion' is missing");
  }

  @Test
  void tooManyEntriesFail() throws IOException {
    ExternalScannerReports small = new ExternalScannerReports(new ExternalScannerLimits(1 << 20, 64, 1 << 20, 1),
        Clock.systemUTC());
    Path report = write("{\"SchemaVersion\":2,\"Results\":[{\"Type\":\"alpine\",\"Vulnerabilities\":["
        + entry("CVE-1", "a", "1", null, "LOW") + "," + entry("CVE-2", "a", "1", null, "LOW") + "]}]}");

    assertThatThrownBy(() -> small.read(report, IMAGE)).hasMessageContaining("more than 1 vulnerabilities");
  }

  private Path write(String json) throws IOException {
    Path file = folder.resolve("trivy.json");
    Files.writeString(file, json);
    return file;
  }

  static String entry(String id, String name, String installed, String fixed, String severity) {
    return "{\"VulnerabilityID\":\"" + id + "\",\"PkgName\":\"" + name + "\",\"InstalledVersion\":\"" + installed
        + "\"" + (fixed == null ? "" : ",\"FixedVersion\":\"" + fixed + "\"") + ",\"Severity\":\"" + severity + "\"}";
  }
}
