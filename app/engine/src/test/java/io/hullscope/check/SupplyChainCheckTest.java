package io.hullscope.check;

import static io.hullscope.check.CheckImages.ids;
import static io.hullscope.check.CheckImages.image;
import static io.hullscope.check.CheckImages.only;
import static io.hullscope.check.CheckImages.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.VulnerabilityFacts.Item;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SupplyChainCheckTest {

  private final SupplyChainCheck check = new SupplyChainCheck();

  @Test
  void unknownFactsSayNothing() {
    assertThat(run(check, image().facts())).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(nullValues = "none", value = {
      // signatures, verified, sbom attached, expected ids
      "0, 0, false, NOT-SIGNED NO-SBOM-ATTACHED",
      "0, 0, true, NOT-SIGNED",
      "2, 0, true, SIGNATURE-NOT-VERIFIED",
      "2, 1, true, none",
      "1, 1, false, NO-SBOM-ATTACHED",
  })
  void signatures(int signatures, int verified, boolean sbom, String expected) {
    SignatureFacts facts = new SignatureFacts(signatures, verified, List.of(), sbom, List.of());

    List<Finding> findings = run(check, image().signatures(facts).facts());

    assertThat(ids(findings)).containsExactlyElementsOf(expected == null ? List.of() : List.of(expected.split(" ")));
  }

  @Test
  void unverifiedSignatureListsSignersAndProblems() {
    SignatureFacts facts = new SignatureFacts(1, 0, List.of("SHA256:abc"), true,
        List.of("the signature does not match the image digest"));

    Finding finding = only(run(check, image().signatures(facts).facts()), "SIGNATURE-NOT-VERIFIED");

    assertThat(finding.evidenceItems()).extracting(Evidence::text).containsExactly(
        "1 signature found, 0 verified", "signer SHA256:abc", "the signature does not match the image digest");
    assertThat(finding.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void cleanScanSaysNothing() {
    VulnerabilityFacts scan = new VulnerabilityFacts("Hullscope 0.1.0", "osv-2026-12-01", List.of(
        item("CVE-2024-1", Severity.LOW, null)));

    assertThat(run(check, image().vulnerabilities(scan).facts())).isEmpty();
  }

  @Test
  void fixableVulnerabilitiesAreCountedBySeverity() {
    VulnerabilityFacts scan = new VulnerabilityFacts("Hullscope 0.1.0", "osv-2026-12-01", List.of(
        item("CVE-2024-3", Severity.MEDIUM, "1.2"),
        item("CVE-2024-1", Severity.HIGH, "1.1"),
        item("CVE-2024-2", Severity.HIGH, "1.1"),
        item("CVE-2024-4", Severity.LOW, null)));

    Finding finding = only(run(check, image().vulnerabilities(scan).facts()), "FIXABLE-VULNERABILITIES");

    assertThat(finding.severity()).isEqualTo(Severity.HIGH);
    assertThat(finding.title()).isEqualTo("3 vulnerabilities have fixes (2 high, 1 medium)");
    assertThat(finding.evidence()).isEqualTo("2 high, 1 medium in 1 package, found by Hullscope 0.1.0"
        + " (data osv-2026-12-01)");
    assertThat(finding.evidenceItems()).extracting(Evidence::text).containsExactly(
        "CVE-2024-1 (HIGH) in libfoo 1.0, fixed in 1.1",
        "CVE-2024-2 (HIGH) in libfoo 1.0, fixed in 1.1",
        "CVE-2024-3 (MEDIUM) in libfoo 1.0, fixed in 1.2");
    assertThat(finding.evidenceItems()).extracting(Evidence::layer).containsOnly(2);
  }

  @Test
  void fixableCriticalRatesTheFindingCritical() {
    VulnerabilityFacts scan = new VulnerabilityFacts("s", null, List.of(item("CVE-1", Severity.CRITICAL, "2")));

    assertThat(only(run(check, image().vulnerabilities(scan).facts()), "FIXABLE-VULNERABILITIES").severity())
        .isEqualTo(Severity.CRITICAL);
  }

  @Test
  void manyVulnerabilitiesShowOnlyTheWorst() {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      items.add(item(String.format("CVE-2024-%02d", i), i == 17 ? Severity.CRITICAL : Severity.LOW, "9"));
    }
    SupplyChainCheck capped = new SupplyChainCheck(3);

    Finding finding = only(run(capped, image().vulnerabilities(new VulnerabilityFacts("s", "", items)).facts()),
        "FIXABLE-VULNERABILITIES");

    assertThat(finding.evidenceItems()).hasSize(4);
    assertThat(finding.evidenceItems().get(0).text()).startsWith("CVE-2024-17 (CRITICAL)");
    assertThat(finding.evidenceItems().get(3).text()).isEqualTo("and 27 more not listed");
  }

  @Test
  void criticalWithoutFixIsSeparate() {
    VulnerabilityFacts scan = new VulnerabilityFacts("s", "", List.of(
        item("CVE-1", Severity.CRITICAL, null),
        item("CVE-2", Severity.CRITICAL, ""),
        item("CVE-3", Severity.HIGH, null)));

    List<Finding> findings = run(check, image().vulnerabilities(scan).facts());

    assertThat(ids(findings)).containsExactly("CRITICAL-WITHOUT-FIX");
    assertThat(findings.get(0).title()).isEqualTo("2 critical vulnerabilities have no fix");
  }

  @Test
  void unratedVulnerabilitiesAreCounted() {
    VulnerabilityFacts scan = new VulnerabilityFacts("s", "", List.of(item("GHSA-1", null, "2")));

    Finding finding = only(run(check, image().vulnerabilities(scan).facts()), "FIXABLE-VULNERABILITIES");

    assertThat(finding.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(finding.title()).isEqualTo("1 vulnerability has a fix (1 unrated)");
  }

  @Test
  void unratedNextToLowStillCostsMedium() {
    VulnerabilityFacts scan = new VulnerabilityFacts("s", "",
        List.of(item("CVE-1", Severity.LOW, "2"), item("DSA-1", null, "2")));

    Finding finding = only(run(check, image().vulnerabilities(scan).facts()), "FIXABLE-VULNERABILITIES");

    assertThat(finding.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(finding.title()).isEqualTo("2 vulnerabilities have fixes (1 low, 1 unrated)");
  }

  @Test
  void scanWithoutRatingIsUnratedNotMedium() {
    assertThat(VulnerabilityFacts.severity(io.hullscope.vuln.VulnSeverity.UNKNOWN)).isNull();
    assertThat(VulnerabilityFacts.severity(io.hullscope.vuln.VulnSeverity.MEDIUM)).isEqualTo(Severity.MEDIUM);
  }

  private static Item item(String id, Severity severity, String fixed) {
    return new Item(id, List.of(), severity, "libfoo", "1.0", fixed, 2);
  }
}
