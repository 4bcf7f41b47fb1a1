package io.hullscope.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.source.harbor.HarborClient;
import io.hullscope.source.harbor.HarborConnection;
import io.hullscope.source.harbor.HarborStub;
import io.hullscope.source.harbor.HarborStub.Answer;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HarborReportFetcherTest {

  private static final String REPORT_PATH = "/api/v2.0/projects/team/repositories/app%252Fapi/artifacts/";
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  private HarborStub stub;

  @BeforeEach
  void start() throws IOException {
    stub = new HarborStub();
  }

  @AfterEach
  void stop() {
    if (stub != null) {
      stub.close();
    }
  }

  @Test
  void harborReportBecomesScanOfItsScanner() throws IOException {
    stub.on("GET", REPORT_PATH + DIGEST + "/additions/vulnerabilities", Answer.json(200,
        "{\"application/vnd.security.vulnerability.report; version=1.1\":{"
            + "\"generated_at\":\"2025-06-01T08:31:00.000Z\",\"artifact\":{\"digest\":\"" + DIGEST + "\"},"
            + "\"scanner\":{\"name\":\"Trivy\",\"vendor\":\"Aqua Security\",\"version\":\"v0.56.1\"},"
            + "\"severity\":\"Critical\",\"vulnerabilities\":["
            + "{\"id\":\"CVE-2023-0286\",\"package\":\"libssl3\",\"version\":\"3.0.7-1\",\"fix_version\":\"3.0.8-1\","
            + "\"severity\":\"High\",\"description\":\"X.400 address type confusion\",\"preferred_cvss\":"
            + "{\"score_v3\":7.4,\"vector_v3\":\"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H\"}},"
            + "{\"id\":\"CVE-2021-44228\",\"package\":\"org.apache.logging.log4j:log4j-core\",\"version\":\"2.14.1\","
            + "\"fix_version\":\"2.15.0\",\"severity\":\"Critical\"},"
            + "{\"id\":\"CVE-2024-0001\",\"package\":\"bash\",\"version\":\"5.2\",\"severity\":\"Unknown\"}]}}"));

    Optional<ScanResult> result = fetcher().fetch("team/app/api", DIGEST, null);

    assertThat(result).isPresent();
    ScanResult scan = result.get();
    assertThat(scan.scanner()).isEqualTo("harbor:Trivy v0.56.1");
    assertThat(scan.imageDigest()).isEqualTo(DIGEST);
    assertThat(scan.dataVersion()).isEqualTo("report@2025-06-01T08:31:00.000Z");
    assertThat(scan.matches()).extracting(match -> match.id() + " " + match.severity() + " " + match.fixedVersion())
        .containsExactly("CVE-2021-44228 CRITICAL 2.15.0", "CVE-2023-0286 HIGH 3.0.8-1", "CVE-2024-0001 UNKNOWN null");
    assertThat(scan.matches().get(1).score()).isEqualTo(7.4);
    assertThat(scan.matches().get(1).layer()).isEqualTo(-1);
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void neverScannedArtifactGivesNoResult() throws IOException {
    stub.on("GET", REPORT_PATH + DIGEST + "/additions/vulnerabilities", Answer.json(200, "{}"));

    assertThat(fetcher().fetch("team/app/api", DIGEST, DIGEST)).isEmpty();
  }

  @Test
  void reportOfAnotherArtifactIsNoted() throws IOException {
    stub.on("GET", REPORT_PATH + "1.0/additions/vulnerabilities", Answer.json(200,
        "{\"application/vnd.security.vulnerability.report; version=1.1\":{\"artifact\":{\"digest\":\"sha256:"
            + "cd".repeat(32) + "\"},\"scanner\":{\"name\":\"Trivy\"},\"vulnerabilities\":[]}}"));

    ScanResult scan = fetcher().fetch("team/app/api", "1.0", DIGEST).orElseThrow();

    assertThat(scan.scanner()).isEqualTo("harbor:Trivy");
    assertThat(scan.problems()).singleElement().asString().contains("not " + DIGEST);
  }

  @Test
  void malformedVulnerabilityListFails() throws IOException {
    stub.on("GET", REPORT_PATH + DIGEST + "/additions/vulnerabilities", Answer.json(200,
        "{\"application/vnd.security.vulnerability.report; version=1.1\":{\"scanner\":{\"name\":\"Trivy\"},"
            + "\"vulnerabilities\":{\"id\":\"CVE-1\"}}}"));

    assertThatThrownBy(() -> fetcher().fetch("team/app/api", DIGEST, DIGEST))
        .isInstanceOf(ExternalScannerReportException.class)
        .hasMessageContaining("Harbor report of team/app/api@" + DIGEST)
        .hasMessageContaining("'vulnerabilities' is a object, not an array");
  }

  private HarborReportFetcher fetcher() throws IOException {
    return new HarborReportFetcher(new HarborClient(new HarborConnection(stub.url(), null, null, null, true, null)),
        new ExternalScannerReports());
  }
}
