package io.hullscope.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.ProgressListener;
import io.hullscope.sbom.Distro;
import io.hullscope.sbom.ImagePackage;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.Package;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.hullscope.vuln.version.VersionSchemes;

class OsvMatcherTest {

  private static final Distro BOOKWORM = new Distro("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)");
  private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  private final InMemoryVulnerabilityDatabase database = new InMemoryVulnerabilityDatabase();
  private final OsvMatcher matcher = new OsvMatcher(database, VersionSchemes::forEcosystem, Clock.fixed(NOW, ZoneOffset.UTC));

  @ParameterizedTest(name = "{0} is affected: {1}")
  @CsvSource({
      "1.0-1, true, 1.2-1",
      "1.2-0.1, true, 1.2-1",
      "1.2-1, false, ",
      "1.3-1, false, ",
  })
  void introducedZeroUntilFixed(String installed, boolean affected, String fixed) throws Exception {
    database.add(record("DSA-1-1", "Debian:12", "demo", "[{\"introduced\":\"0\"},{\"fixed\":\"1.2-1\"}]"));

    List<VulnerabilityMatch> matches = scan(deb("demo", installed));

    assertThat(matches).hasSize(affected ? 1 : 0);
    if (affected) {
      assertThat(matches.get(0).fixedVersion()).isEqualTo(fixed);
    }
  }

  @ParameterizedTest(name = "{0} is affected: {1}")
  @CsvSource({"0.9, false", "1.0, true", "1.5, true", "1.6, false"})
  void lastAffectedIsInclusive(String installed, boolean affected) throws Exception {
    database.add(record("GHSA-aaaa-bbbb-cccc", "npm", "demo",
        "[{\"introduced\":\"1.0.0\"},{\"last_affected\":\"1.5.0\"}]"));

    List<VulnerabilityMatch> matches = scan(npm("demo", installed + ".0"));

    assertThat(matches).hasSize(affected ? 1 : 0);
    if (affected) {
      assertThat(matches.get(0).fixedVersion()).isNull();
      assertThat(matches.get(0).fixable()).isFalse();
    }
  }

  @ParameterizedTest(name = "{0} is affected: {1}, fixed {2}")
  @CsvSource({"0.9.0, false, ", "1.2.0, true, 1.5.0", "1.7.0, false, ", "2.1.0, true, 2.3.0", "2.3.0, false, "})
  void reintroducedRangeUsesNextFix(String installed, boolean affected, String fixed) throws Exception {
    database.add(record("GHSA-aaaa-bbbb-cccc", "npm", "demo", "[{\"introduced\":\"2.0.0\"},{\"fixed\":\"2.3.0\"},"
        + "{\"introduced\":\"1.0.0\"},{\"fixed\":\"1.5.0\"}]"));

    List<VulnerabilityMatch> matches = scan(npm("demo", installed));

    assertThat(matches).hasSize(affected ? 1 : 0);
    if (affected) {
      assertThat(matches.get(0).fixedVersion()).isEqualTo(fixed);
    }
  }

  @ParameterizedTest(name = "{0} is affected: {1}")
  @CsvSource({"0.5.0, true", "1.9.9, true", "2.0.0, false", "3.0.0, false"})
  void limitBoundsTheRange(String installed, boolean affected) throws Exception {
    database.add(record("GHSA-aaaa-bbbb-cccc", "npm", "demo", "[{\"introduced\":\"0\"},{\"limit\":\"2.0.0\"}]"));

    assertThat(scan(npm("demo", installed))).hasSize(affected ? 1 : 0);
  }

  @Test
  void explicitVersionsMatchWithoutRanges() throws Exception {
    database.add(parse("{\"id\":\"PYSEC-2024-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":"
        + "{\"ecosystem\":\"PyPI\",\"name\":\"demo-lib\"},\"versions\":[\"1.0\",\"1.1\"]}]}"));

    assertThat(scan(pypi("Demo_Lib", "1.1"))).extracting(VulnerabilityMatch::id).containsExactly("PYSEC-2024-1");
    assertThat(scan(pypi("demo-lib", "1.2"))).isEmpty();
  }

  @Test
  void gitRangesAreIgnored() throws Exception {
    database.add(parse("{\"id\":\"OSV-2024-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":"
        + "{\"ecosystem\":\"npm\",\"name\":\"demo\"},\"ranges\":[{\"type\":\"GIT\",\"repo\":\"https://example.com/r\","
        + "\"events\":[{\"introduced\":\"0\"}]}]}]}"));

    ScanResult result = matcher.match("sha256:x", sbom(null, npm("demo", "1.0.0")), ProgressListener.NONE);

    assertThat(result.matches()).isEmpty();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void withdrawnAdvisoryIsSkipped() throws Exception {
    database.add(parse("{\"id\":\"GHSA-aaaa-bbbb-cccc\",\"modified\":\"2024-01-01T00:00:00Z\","
        + "\"withdrawn\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"demo\"},"
        + "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"}]}]}]}"));

    assertThat(scan(npm("demo", "1.0.0"))).isEmpty();
  }

  @Test
  void osPackageMatchesBySourceName() throws Exception {
    database.add(record("DSA-5001-1", "Debian:12", "openssl", "[{\"introduced\":\"0\"},{\"fixed\":\"3.0.11-1~deb12u2\"}]"));
    Package libssl = new Package("libssl3", "3.0.9-1", "deb", "pkg:deb/debian/libssl3@3.0.9-1?distro=debian-12",
        List.of(), "openssl", null, "amd64", "var/lib/dpkg/status", List.of());

    List<VulnerabilityMatch> matches = scan(libssl);

    assertThat(matches).singleElement().satisfies(match -> {
      assertThat(match.packageName()).isEqualTo("libssl3");
      assertThat(match.ecosystem()).isEqualTo("Debian:12");
      assertThat(match.installedVersion()).isEqualTo("3.0.9-1");
      assertThat(match.fixedVersion()).isEqualTo("3.0.11-1~deb12u2");
      assertThat(match.layer()).isEqualTo(2);
    });
  }

  @Test
  void sourceVersionIsComparedForBinNmu() throws Exception {
    database.add(record("DSA-5001-1", "Debian:12", "demo", "[{\"introduced\":\"0\"},{\"fixed\":\"1.0-2\"}]"));
    Package binNmu = new Package("libdemo1", "1.0-2+b1", "deb", null, List.of(), "demo", "1.0-2", "amd64",
        "var/lib/dpkg/status", List.of());

    assertThat(scan(binNmu)).isEmpty();
  }

  @Test
  void aliasesMergeIntoOneCve() throws Exception {
    database.add(record("DSA-5001-1", "Debian:12", "openssl", "[{\"introduced\":\"0\"},{\"fixed\":\"3.0.11-1\"}]",
        "\"aliases\":[\"CVE-2024-0001\"],"));
    database.add(record("DEBIAN-CVE-2024-0001", "Debian:12", "openssl", "[{\"introduced\":\"0\"},{\"fixed\":\"3.0.11-1\"}]",
        "\"upstream\":[\"CVE-2024-0001\"],"));
    database.add(record("DEBIAN-CVE-2024-0002", "Debian:12", "openssl", "[{\"introduced\":\"0\"}]",
        "\"upstream\":[\"CVE-2024-0002\"],"));

    List<VulnerabilityMatch> matches = scan(deb("openssl", "3.0.9-1"));

    assertThat(matches).extracting(VulnerabilityMatch::id).containsExactlyInAnyOrder("CVE-2024-0001", "CVE-2024-0002");
    VulnerabilityMatch merged = matches.stream().filter(m -> m.id().equals("CVE-2024-0001")).findFirst().orElseThrow();
    assertThat(merged.aliases()).containsExactly("DEBIAN-CVE-2024-0001", "DSA-5001-1");
    assertThat(merged.fixedVersion()).isEqualTo("3.0.11-1");
  }

  @Test
  void distroAdvisoryFixWinsForOsPackages() throws Exception {
    database.add(record("DSA-5001-1", "Debian:12", "demo", "[{\"introduced\":\"0\"},{\"fixed\":\"1.0-3\"}]",
        "\"aliases\":[\"CVE-2024-0001\"],"));
    database.add(record("OSV-2024-1", "Debian:12", "demo", "[{\"introduced\":\"0\"},{\"fixed\":\"1.0-9\"}]",
        "\"aliases\":[\"CVE-2024-0001\"],"));

    assertThat(scan(deb("demo", "1.0-1"))).singleElement()
        .extracting(VulnerabilityMatch::fixedVersion).isEqualTo("1.0-3");
  }

  @Test
  void severityComesFromDatabaseRating() throws Exception {
    database.add(record("GHSA-aaaa-bbbb-cccc", "npm", "demo", "[{\"introduced\":\"0\"},{\"fixed\":\"2.0.0\"}]",
        "\"database_specific\":{\"severity\":\"MODERATE\"},"
            + "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}],"));

    VulnerabilityMatch match = scan(npm("demo", "1.0.0")).get(0);

    assertThat(match.severity()).isEqualTo(VulnSeverity.MEDIUM);
    assertThat(match.score()).isEqualTo(9.8);
    assertThat(match.cvssVectors()).containsExactly("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  }

  @Test
  void severityComesFromVectorWithoutRating() throws Exception {
    database.add(record("GHSA-aaaa-bbbb-cccc", "npm", "demo", "[{\"introduced\":\"0\"},{\"fixed\":\"2.0.0\"}]",
        "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N\"}],"));

    VulnerabilityMatch match = scan(npm("demo", "1.0.0")).get(0);

    assertThat(match.severity()).isEqualTo(VulnSeverity.MEDIUM);
    assertThat(match.score()).isEqualTo(5.3);
  }

  @Test
  void distroUrgencyGivesSeverity() throws Exception {
    database.add(parse("{\"id\":\"DEBIAN-CVE-2024-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{"
        + "\"package\":{\"ecosystem\":\"Debian:12\",\"name\":\"demo\"},\"ecosystem_specific\":{\"urgency\":\"high\"},"
        + "\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"}]}]}]}"));

    VulnerabilityMatch match = scan(deb("demo", "1.0-1")).get(0);

    assertThat(match.severity()).isEqualTo(VulnSeverity.HIGH);
    assertThat(match.score()).isNull();
  }

  @Test
  void matchesAreSortedMostSevereFirst() throws Exception {
    database.add(record("GHSA-aaaa-bbbb-0001", "npm", "demo", "[{\"introduced\":\"0\"}]",
        "\"database_specific\":{\"severity\":\"LOW\"},"));
    database.add(record("GHSA-aaaa-bbbb-0002", "npm", "demo", "[{\"introduced\":\"0\"}]",
        "\"database_specific\":{\"severity\":\"CRITICAL\"},"));
    database.add(record("GHSA-aaaa-bbbb-0003", "npm", "demo", "[{\"introduced\":\"0\"}]"));

    assertThat(scan(npm("demo", "1.0.0"))).extracting(VulnerabilityMatch::severity)
        .containsExactly(VulnSeverity.CRITICAL, VulnSeverity.LOW, VulnSeverity.UNKNOWN);
  }

  @Test
  void invalidInstalledVersionIsReportedAndSkipped() throws Exception {
    database.add(record("DSA-1-1", "Debian:12", "demo", "[{\"introduced\":\"0\"},{\"fixed\":\"1.2-1\"}]"));

    ScanResult result = matcher.match("sha256:x", sbom(BOOKWORM, deb("demo", "1:")), ProgressListener.NONE);

    assertThat(result.matches()).isEmpty();
    assertThat(result.problems()).singleElement().asString()
        .contains("Package demo was not matched because its version is invalid");
  }

  @Test
  void invalidEventVersionSkipsOnlyThatRange() throws Exception {
    database.add(parse("{\"id\":\"DSA-1-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":"
        + "{\"ecosystem\":\"Debian:12\",\"name\":\"demo\"},\"ranges\":["
        + "{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1:\"}]},"
        + "{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"2.0-1\"}]}]}]}"));

    ScanResult result = matcher.match("sha256:x", sbom(BOOKWORM, deb("demo", "1.0-1")), ProgressListener.NONE);

    assertThat(result.matches()).singleElement().extracting(VulnerabilityMatch::fixedVersion).isEqualTo("2.0-1");
    assertThat(result.problems()).singleElement().asString().contains("DSA-1-1").contains("the range was skipped");
  }

  @Test
  void ecosystemWithoutSchemeStillChecksVersionsList() throws Exception {
    OsvMatcher noSchemes = new OsvMatcher(database, ecosystem -> Optional.empty(), Clock.systemUTC());
    database.add(parse("{\"id\":\"GHSA-aaaa-bbbb-cccc\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":"
        + "{\"ecosystem\":\"npm\",\"name\":\"demo\"},\"versions\":[\"1.0.0\"],\"ranges\":[{\"type\":\"SEMVER\","
        + "\"events\":[{\"introduced\":\"0\"}]}]}]}"));

    ScanResult result = noSchemes.match("sha256:x", sbom(null, npm("demo", "1.0.0")), ProgressListener.NONE);

    assertThat(result.matches()).hasSize(1);
    assertThat(result.problems()).singleElement().asString().contains("no version ordering is known for npm");
  }

  @Test
  void resultCarriesDigestScannerAndDataVersion() throws Exception {
    ScanResult result = matcher.match("sha256:abc", sbom(BOOKWORM), ProgressListener.NONE);

    assertThat(result.imageDigest()).isEqualTo("sha256:abc");
    assertThat(result.scanner()).isEqualTo(OsvMatcher.SCANNER);
    assertThat(result.dataVersion()).isEqualTo("Test@2024-01-01T00:00:00Z");
    assertThat(result.scannedAt()).isEqualTo(NOW);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
      "debian, 12, Debian:12",
      "debian, 11.9, Debian:11",
      "ubuntu, 22.04, Ubuntu:22.04:LTS",
      "ubuntu, 23.10, Ubuntu:23.10",
      "ubuntu, 21.04, Ubuntu:21.04",
      "alpine, 3.19.1, Alpine:v3.19",
      "rocky, 9.3, Rocky Linux:9",
  })
  void distroReleaseGivesEcosystem(String id, String release, String ecosystem) {
    Package pkg = new Package("zlib", "1.0", id.equals("alpine") ? "apk" : id.equals("rocky") ? "rpm" : "deb", null,
        List.of(), null, null, null, "x", List.of());

    OsvEcosystems.Query query = OsvEcosystems.query(pkg, new Distro(id, release, null, null));

    assertThat(query.ecosystem()).isEqualTo(ecosystem);
    assertThat(query.name()).isEqualTo("zlib");
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource({
      "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1, Maven, org.apache.logging.log4j:log4j-core, 2.14.1",
      "pkg:npm/%40babel/core@7.0.0, npm, @babel/core, 7.0.0",
      "pkg:npm/lodash@4.17.15, npm, lodash, 4.17.15",
      "pkg:golang/golang.org/x/net@v0.7.0, Go, golang.org/x/net, 0.7.0",
      "pkg:golang/stdlib@1.21.3, Go, stdlib, 1.21.3",
      "pkg:pypi/jinja2@2.10, PyPI, jinja2, 2.10",
      "pkg:cargo/smallvec@1.6.0, crates.io, smallvec, 1.6.0",
      "pkg:composer/symfony/http-kernel@5.0.0, Packagist, symfony/http-kernel, 5.0.0",
  })
  void packageUrlGivesEcosystem(String purl, String ecosystem, String name, String version) throws Exception {
    String type = new com.github.packageurl.PackageURL(purl).getType();
    Package pkg = new Package("x", version, type, purl, List.of(), null, null, null, "x", List.of());

    OsvEcosystems.Query query = OsvEcosystems.query(pkg, null);

    assertThat(query.ecosystem()).isEqualTo(ecosystem);
    assertThat(query.name()).isEqualTo(name);
    assertThat(query.version()).isEqualTo(version);
  }

  @Test
  void osPackageWithoutDistroIsReported() throws Exception {
    ScanResult result = matcher.match("sha256:x", sbom(null, deb("demo", "1.0")), ProgressListener.NONE);

    assertThat(result.problems()).singleElement().asString().contains("distro is unknown");
  }

  private List<VulnerabilityMatch> scan(Package pkg) throws Exception {
    return matcher.match("sha256:x", sbom(BOOKWORM, pkg), ProgressListener.NONE).matches();
  }

  private static ImageSbom sbom(Distro distro, Package... packages) {
    List<ImagePackage> found = java.util.Arrays.stream(packages).map(p -> new ImagePackage(p, 1, 2)).toList();
    return new ImageSbom(null, distro, found, List.of(), List.of(), "test");
  }

  private static Package deb(String name, String version) {
    return new Package(name, version, "deb", null, List.of(), null, null, "amd64", "var/lib/dpkg/status", List.of());
  }

  private static Package npm(String name, String version) {
    return new Package(name, version, "npm", "pkg:npm/" + name + "@" + version, List.of(), null, null, null,
        "node_modules/" + name + "/package.json", List.of());
  }

  private static Package pypi(String name, String version) {
    return new Package(name, version, "pypi", "pkg:pypi/" + name.toLowerCase() + "@" + version, List.of(), null, null,
        null, "site-packages", List.of());
  }

  private static OsvRecord record(String id, String ecosystem, String name, String events) throws Exception {
    return record(id, ecosystem, name, events, "");
  }

  private static OsvRecord record(String id, String ecosystem, String name, String events, String extra)
      throws Exception {
    String type = ecosystem.equals("npm") ? "SEMVER" : "ECOSYSTEM";
    return parse("{\"id\":\"" + id + "\",\"modified\":\"2024-01-01T00:00:00Z\"," + extra
        + "\"affected\":[{\"package\":{\"ecosystem\":\"" + ecosystem + "\",\"name\":\"" + name + "\"},"
        + "\"ranges\":[{\"type\":\"" + type + "\",\"events\":" + events + "}]}]}");
  }

  private static OsvRecord parse(String json) throws Exception {
    return new OsvRecordParser().parse("test.json", json.getBytes(StandardCharsets.UTF_8));
  }
}
