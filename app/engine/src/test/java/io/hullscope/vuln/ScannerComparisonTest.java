package io.hullscope.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScannerComparisonTest {

  @Test
  void sharedAliasPairsMatchesAcrossScanners() {
    ScanResult builtin = result("hullscope-osv 1",
        match("CVE-2021-44228", List.of("GHSA-jfh8-c2jp-5v3q"), "org.apache.logging.log4j:log4j-core", "2.14.1", "2.15.0"),
        match("CVE-2023-1", List.of(), "zlib1g", "1:1.2.13.dfsg-1", null));
    ScanResult grype = result("grype 0.79.0",
        match("GHSA-jfh8-c2jp-5v3q", List.of(), "log4j-core", "2.14.1", "2.15.0"),
        match("CVE-2024-2", List.of(), "lodash", "4.17.15", "4.17.21"));

    ScannerComparison comparison = ScannerComparison.of(builtin, grype);

    assertThat(comparison.left()).isEqualTo("hullscope-osv 1");
    assertThat(comparison.right()).isEqualTo("grype 0.79.0");
    assertThat(comparison.both()).singleElement().satisfies(pair -> {
      assertThat(pair.left().id()).isEqualTo("CVE-2021-44228");
      assertThat(pair.right().id()).isEqualTo("GHSA-jfh8-c2jp-5v3q");
      assertThat(pair.fixedVersionsDiffer()).isFalse();
    });
    assertThat(comparison.onlyLeft()).extracting(VulnerabilityMatch::id).containsExactly("CVE-2023-1");
    assertThat(comparison.onlyRight()).extracting(VulnerabilityMatch::id).containsExactly("CVE-2024-2");
  }

  @Test
  void sameIdInAnotherPackageVersionIsNotTheSame() {
    ScanResult a = result("a", match("CVE-1", List.of(), "openssl", "3.0.1", "3.0.2"));
    ScanResult b = result("b", match("CVE-1", List.of(), "openssl", "3.0.0", "3.0.2"));

    ScannerComparison comparison = ScannerComparison.of(a, b);

    assertThat(comparison.both()).isEmpty();
    assertThat(comparison.onlyLeft()).hasSize(1);
    assertThat(comparison.onlyRight()).hasSize(1);
  }

  @Test
  void differentFixedVersionsAreFlagged() {
    ScanResult a = result("a", match("CVE-1", List.of(), "openssl", "3.0.1", "3.0.2"));
    ScanResult b = result("b", match("CVE-1", List.of(), "openssl", "3.0.1", null));

    assertThat(ScannerComparison.of(a, b).both().get(0).fixedVersionsDiffer()).isTrue();
  }

  @Test
  void eachMatchPairsOnce() {
    ScanResult a = result("a", match("CVE-1", List.of(), "x", "1", null), match("CVE-1", List.of(), "x", "1", null));
    ScanResult b = result("b", match("CVE-1", List.of(), "x", "1", null));

    ScannerComparison comparison = ScannerComparison.of(a, b);

    assertThat(comparison.both()).hasSize(1);
    assertThat(comparison.onlyLeft()).hasSize(1);
  }

  private static ScanResult result(String scanner, VulnerabilityMatch... matches) {
    return new ScanResult("sha256:" + "a".repeat(64), scanner, "v", Instant.EPOCH, List.of(matches), List.of());
  }

  private static VulnerabilityMatch match(String id, List<String> aliases, String name, String version, String fixed) {
    return new VulnerabilityMatch(id, aliases, null, name, "maven", null, "Maven", version, fixed, VulnSeverity.HIGH,
        null, List.of(), -1);
  }
}
