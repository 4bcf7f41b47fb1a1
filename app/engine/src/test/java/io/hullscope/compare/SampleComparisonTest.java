package io.hullscope.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.check.Finding;
import io.hullscope.report.ReportRedaction;
import io.hullscope.vuln.ScanResult;
import io.hullscope.vuln.VulnSeverity;
import io.hullscope.vuln.VulnerabilityMatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Compares the committed training samples: {@code hygiene-bad} (root, Debian 11, five layers) and
 * {@code hygiene-good} (65532:65532, distroless-style Debian 12, two layers). The expected
 * differences follow samples/README.md and were checked against the Markdown output.
 */
class SampleComparisonTest {

  private static ComparedImage bad;
  private static ComparedImage good;
  private static ImageComparison comparison;

  @BeforeAll
  static void compareSamples() throws IOException {
    bad = ComparedImages.load(ComparedImages.sample("hygiene-bad.tar"), null);
    good = ComparedImages.load(ComparedImages.sample("hygiene-good.tar"), null);
    comparison = ImageComparison.of(bad, good);
  }

  @Test
  void userChangesFromRootToNonRoot() {
    ConfigChange user = config("User", "").orElseThrow();

    assertThat(user.before()).isEqualTo("(unset: root)");
    assertThat(user.after()).isEqualTo("65532:65532");
    assertThat(user.kind()).isEqualTo(ConfigChange.Kind.CHANGED);
  }

  @Test
  void sshPortIsRemoved() {
    ConfigChange port = config("ExposedPorts", "22/tcp").orElseThrow();

    assertThat(port.kind()).isEqualTo(ConfigChange.Kind.REMOVED);
  }

  @Test
  void secretEnvironmentValuesAreMasked() throws IOException {
    ConfigChange password = config("Env", "DB_PASSWORD").orElseThrow();
    String secret = bad.config().env().stream().filter(line -> line.startsWith("DB_PASSWORD="))
        .findFirst().orElseThrow().substring("DB_PASSWORD=".length());

    assertThat(password.before()).isEqualTo(ReportRedaction.MASK);
    for (ComparisonFormat format : ComparisonFormat.values()) {
      assertThat(written(comparison, format)).as(format.name()).doesNotContain(secret);
    }
  }

  @Test
  void noLayerIsShared() {
    assertThat(comparison.layers().shared()).isEmpty();
    assertThat(comparison.layers().removed()).hasSize(5);
    assertThat(comparison.layers().added()).hasSize(2);
    assertThat(comparison.layers().rows()).hasSize(5);
    assertThat(comparison.layers().rows().get(4).right()).isNull();
  }

  @Test
  void filesShowRemovedToolsAndChangedAccounts() {
    FileComparison files = comparison.files();

    assertThat(files.added()).isEqualTo(13);
    assertThat(files.removed()).isEqualTo(38);
    assertThat(files.changed()).isEqualTo(2);
    assertThat(files.omitted()).isZero();
    assertThat(file("usr/bin/sudo").kind()).isEqualTo(FileChange.Kind.REMOVED);
    assertThat(file("usr/bin/sudo").before().mode()).isEqualTo(04755);
    assertThat(file("app/server").kind()).isEqualTo(FileChange.Kind.ADDED);
    assertThat(file("etc/passwd").differences()).containsExactly("size 133 -> 149");
    assertThat(files.sizeDelta()).isEqualTo(files.rightBytes() - files.leftBytes()).isNegative();
  }

  @Test
  void packagesShowUpgradesAndRemovals() {
    PackageComparison packages = comparison.packages();

    assertThat(packages.available()).isTrue();
    assertThat(packages.changed()).extracting(PackageChange::name, PackageChange::direction).containsExactly(
        org.assertj.core.groups.Tuple.tuple("base-files", PackageChange.Direction.UPGRADE),
        org.assertj.core.groups.Tuple.tuple("libc6", PackageChange.Direction.UPGRADE));
    assertThat(packages.added()).extracting(found -> found.pkg().name())
        .containsExactly("ca-certificates", "libssl3", "tzdata");
    assertThat(packages.removed()).extracting(found -> found.pkg().name())
        .contains("libssl1.1", "openssh-server", "sudo").hasSize(12);
  }

  @Test
  void findingsAreResolvedAndGradeImproves() {
    FindingComparison findings = comparison.findings();

    assertThat(findings.available()).isTrue();
    assertThat(findings.added()).isEmpty();
    assertThat(findings.resolved()).extracting(Finding::id).contains("ROOT-USER", "PORT-22-EXPOSED", "SUDO-PRESENT");
    assertThat(findings.resolved()).hasSize(bad.hardening().findings().size());
    assertThat(findings.leftGrade().letter()).isEqualTo('F');
    assertThat(findings.rightGrade().letter()).isEqualTo('A');
  }

  @Test
  void vulnerabilitiesNeedBothScans() {
    assertThat(comparison.vulnerabilities().available()).isFalse();
  }

  @Test
  void vulnerabilitiesSplitIntoNewFixedAndOpen() {
    VulnerabilityMatch zlib = match("CVE-2022-37434", "zlib1g", VulnSeverity.HIGH);
    VulnerabilityMatch openssl = match("CVE-2022-4304", "libssl1.1", VulnSeverity.MEDIUM);
    VulnerabilityMatch glibc = match("CVE-2099-0001", "libc6", VulnSeverity.LOW);
    ComparedImage left = withScan(bad, List.of(zlib, openssl));
    ComparedImage right = withScan(good, List.of(glibc, zlib));

    VulnerabilityComparison vulnerabilities = ImageComparison.of(left, right).vulnerabilities();

    assertThat(vulnerabilities.available()).isTrue();
    assertThat(vulnerabilities.added()).extracting(VulnerabilityMatch::id).containsExactly("CVE-2099-0001");
    assertThat(vulnerabilities.fixed()).extracting(VulnerabilityMatch::id).containsExactly("CVE-2022-4304");
    assertThat(vulnerabilities.stillOpen()).extracting(VulnerabilityMatch::id).containsExactly("CVE-2022-37434");
  }

  @Test
  void imageComparedWithItselfHasNoDifferences() {
    ImageComparison same = ImageComparison.of(bad, bad);

    assertThat(same.sameImage()).isTrue();
    assertThat(same.config()).isEmpty();
    assertThat(same.layers().shared()).hasSize(5);
    assertThat(same.layers().rows()).allMatch(LayerComparison.Row::samePosition);
    assertThat(same.files().total()).isZero();
    assertThat(same.packages().changed()).isEmpty();
    assertThat(same.packages().added()).isEmpty();
    assertThat(same.packages().unchanged()).isEqualTo(bad.sbom().packages().size());
    assertThat(same.findings().added()).isEmpty();
    assertThat(same.findings().resolved()).isEmpty();
    assertThat(same.findings().unchanged()).isEqualTo(bad.hardening().findings().size());
  }

  @Test
  void writersAreDeterministic() throws IOException {
    ImageComparison again = ImageComparison.of(bad, good);

    for (ComparisonFormat format : ComparisonFormat.values()) {
      assertThat(written(again, format)).as(format.name()).isEqualTo(written(comparison, format));
    }
  }

  @Test
  void htmlIsSelfContained() throws IOException {
    String html = written(comparison, ComparisonFormat.HTML);

    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(html).doesNotContain("<script", "http-equiv", "<link", "src=");
    assertThat(html).contains("<h2>Files</h2>", "65532:65532");
  }

  @Test
  void jsonListsEverySection() throws IOException {
    JsonNode json = new ObjectMapper().readTree(written(comparison, ComparisonFormat.JSON));

    assertThat(json.path("layers").path("shared")).isEmpty();
    assertThat(json.path("files").path("removed").asInt()).isEqualTo(38);
    assertThat(json.path("packages").path("changed").get(0).path("direction").asText()).isEqualTo("upgrade");
    assertThat(json.path("findings").path("rightGrade").path("letter").asText()).isEqualTo("A");
    assertThat(json.path("vulnerabilities").path("available").asBoolean()).isFalse();
  }

  @Test
  void onlyChosenSectionsAreWritten() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ComparisonWriters.write(comparison, ComparisonFormat.MARKDOWN,
        java.util.EnumSet.of(ComparisonSection.CONFIG), out);
    String markdown = out.toString(StandardCharsets.UTF_8);

    assertThat(markdown).contains("## Config").doesNotContain("## Files", "## Packages");
  }

  private static Optional<ConfigChange> config(String field, String key) {
    return comparison.config().stream()
        .filter(change -> change.field().equals(field) && change.key().equals(key)).findFirst();
  }

  private static FileChange file(String path) {
    return comparison.files().changes().stream().filter(change -> change.path().equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError("no change for " + path));
  }

  private static VulnerabilityMatch match(String id, String packageName, VulnSeverity severity) {
    return new VulnerabilityMatch(id, List.of(), null, packageName, "deb", null, "Debian:11", "1", "2", severity,
        null, List.of(), -1);
  }

  private static ComparedImage withScan(ComparedImage image, List<VulnerabilityMatch> matches) {
    ScanResult scan = new ScanResult(image.digest().toString(), "test", "1", Instant.EPOCH, matches, List.of());
    return new ComparedImage(image.name(), image.config(), image.analysis(), image.sbom(), scan, image.hardening());
  }

  static String written(ImageComparison comparison, ComparisonFormat format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ComparisonWriters.write(comparison, format, out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
