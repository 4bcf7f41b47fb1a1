package io.hullscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code hullscope db} and {@code hullscope scan} in-process on the committed samples. */
class ScanCommandTest {

  @TempDir Path folder;

  private String previousData;

  @BeforeEach
  void useTemporaryDataFolder() {
    previousData = System.setProperty("hullscope.data", folder.resolve("data").toString());
  }

  @AfterEach
  void restoreDataFolder() {
    if (previousData == null) {
      System.clearProperty("hullscope.data");
    } else {
      System.setProperty("hullscope.data", previousData);
    }
  }

  private static Path repository() {
    return Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
  }

  private static String sample(String name) {
    return repository().resolve("samples/images/" + name).toString();
  }

  private static String sampleZip() {
    return repository().resolve("samples/osv/Debian/all.zip").toString();
  }

  @Test
  void scanWithoutDataIsAnInputError() {
    Result result = run("scan", sample("hygiene-bad.tar"));

    assertThat(result.code).isEqualTo(2);
    assertThat(result.err).contains("No vulnerability data is imported").contains("hullscope db import");
  }

  @Test
  void importThenStatusListsTheEcosystem() {
    Result imported = run("db", "import", sampleZip());
    Result status = run("db", "status");

    assertThat(imported.code).isZero();
    assertThat(imported.out).contains("Debian: stored 6 records, skipped 0");
    assertThat(status.code).isZero();
    assertThat(status.out).contains("ECOSYSTEM").contains("Debian").contains("2026-12-05T00:00:00Z");
  }

  @Test
  void importOfMissingFileIsAUsageError() {
    Result result = run("db", "import", folder.resolve("missing.zip").toString());

    assertThat(result.code).isEqualTo(2);
    assertThat(result.err).contains("File not found");
  }

  @Test
  void importOfNonZipSaysItIsNotAZip() throws Exception {
    run("db", "import", sampleZip());
    Path broken = Files.writeString(folder.resolve("all.zip"), "{\"id\":\"DSA-1\"}");

    Result result = run("db", "import", "--ecosystem", "Debian", broken.toString());

    assertThat(result.code).isEqualTo(1);
    assertThat(result.err).contains("is not a zip file").doesNotContain("download");
    assertThat(run("db", "status").out).contains("Debian").contains("6");
  }

  @Test
  void importOfTruncatedZipFailsAndKeepsData() throws Exception {
    run("db", "import", sampleZip());
    byte[] whole = Files.readAllBytes(Path.of(sampleZip()));
    Path truncated = Files.write(folder.resolve("all.zip"), java.util.Arrays.copyOf(whole, whole.length / 2));

    Result result = run("db", "import", "--ecosystem", "Debian", truncated.toString());

    assertThat(result.code).isEqualTo(1);
    assertThat(result.err).contains("not a complete zip file");
    assertThat(run("db", "status").out).contains("Debian").contains("6");
  }

  @Test
  void updateFromLocalFolderImportsTheSamples() {
    Result result = run("db", "update", "--base", repository().resolve("samples/osv").toString(), "Debian");

    assertThat(result.code).isZero();
    assertThat(result.out).contains("Debian: stored 6 records");
  }

  @Test
  void tableListsTheSampleFindings() {
    run("db", "import", sampleZip());

    Result result = run("scan", sample("hygiene-bad.tar"));

    assertThat(result.code).isZero();
    assertThat(result.out).contains("3 vulnerabilities (3 unknown)");
    assertThat(result.out).contains("CVE-2022-37434").contains("zlib1g").contains("1:1.2.11.dfsg-2+deb11u2");
    assertThat(result.out).contains("CVE-2022-4304").contains("1.1.1n-0+deb11u4");
    assertThat(result.out).contains("CVE-2023-0464").contains("1.1.1n-0+deb11u5");
  }

  @Test
  void secondScanComesFromTheCache() {
    run("db", "import", sampleZip());
    Result first = run("scan", sample("hygiene-bad.tar"));

    Result second = run("scan", sample("hygiene-bad.tar"));

    assertThat(first.out).doesNotContain("(cached)");
    assertThat(second.out).contains("(cached)");
    assertThat(second.out.lines().skip(1).toList()).isEqualTo(first.out.lines().skip(1).toList());
  }

  @Test
  void jsonOutputHasMatches() throws Exception {
    run("db", "import", sampleZip());

    Result result = run("scan", "--format", "json", sample("hygiene-bad.tar"));

    assertThat(result.code).isZero();
    JsonNode json = new ObjectMapper().readTree(result.out);
    assertThat(json.get("scanner").asText()).isEqualTo("hullscope-osv 1");
    assertThat(json.get("matches")).hasSize(3);
    assertThat(json.get("dataVersion").asText()).startsWith("Debian@");
  }

  @Test
  void failOnCountsUnratedAsMedium() {
    run("db", "import", sampleZip());

    Result low = run("scan", "--fail-on", "low", sample("hygiene-bad.tar"));
    Result medium = run("scan", "--fail-on", "medium", sample("hygiene-bad.tar"));
    Result high = run("scan", "--fail-on", "high", sample("hygiene-bad.tar"));

    assertThat(low.code).isEqualTo(1);
    assertThat(medium.code).isEqualTo(1);
    assertThat(high.code).isZero();
  }

  @Test
  void failOnExitsOneWhenSeverityIsReached() throws Exception {
    Path zip = folder.resolve("Debian.zip");
    String record = "{\"id\":\"DSA-9999-1\",\"modified\":\"2024-01-01T00:00:00Z\","
        + "\"affected\":[{\"package\":{\"ecosystem\":\"Debian:11\",\"name\":\"zlib\"},"
        + "\"ecosystem_specific\":{\"urgency\":\"high\"},"
        + "\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1:1.3-1\"}]}]}]}";
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new java.util.zip.ZipEntry("DSA-9999-1.json"));
      out.write(record.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    run("db", "import", zip.toString());

    Result high = run("scan", "--fail-on", "HIGH", sample("hygiene-bad.tar"));
    Result critical = run("scan", "--fail-on", "critical", sample("hygiene-bad.tar"));

    assertThat(high.code).isEqualTo(1);
    assertThat(high.out).contains("HIGH").contains("DSA-9999-1");
    assertThat(critical.code).isZero();
  }

  @Test
  void invalidOptionsAreUsageErrors() {
    run("db", "import", sampleZip());

    assertThat(run("scan", "--fail-on", "severe", sample("hygiene-bad.tar")).code).isEqualTo(2);
    assertThat(run("scan", "--format", "xml", sample("hygiene-bad.tar")).code).isEqualTo(2);
    assertThat(run("scan", "--scanner", "snyk", sample("hygiene-bad.tar")).err).contains("Invalid scanner 'snyk'");
    assertThat(run("scan", "--compare", "builtin", sample("hygiene-bad.tar")).err)
        .contains("names the same scanner");
    assertThat(run("scan", "--timeout", "0", sample("hygiene-bad.tar")).code).isEqualTo(2);
  }

  @Test
  void importStoresTrivyReportForTheImage() throws Exception {
    run("db", "import", sampleZip());
    String digest = new ObjectMapper().readTree(run("scan", "--format", "json", sample("hygiene-bad.tar")).out)
        .get("imageDigest").asText();
    // The real report names the image it was made for; pointing it at the sample makes it this image's report.
    com.fasterxml.jackson.databind.node.ObjectNode trivy = (com.fasterxml.jackson.databind.node.ObjectNode)
        new ObjectMapper().readTree(io.hullscope.testing.TestData.file("reports/trivy/alpine-310.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) trivy.get("Metadata")).put("ImageID", digest);
    Path report = write("trivy.json", trivy.toString());

    Result imported = run("scan", "--import", report.toString(), "--format", "json", sample("hygiene-bad.tar"));

    assertThat(imported.code).isZero();
    JsonNode json = new ObjectMapper().readTree(imported.out);
    assertThat(json.get("scanner").asText()).isEqualTo("trivy dev");
    assertThat(json.get("matches")).hasSize(4);
    assertThat(imported.err).doesNotContain("The report is about image");
    Result compared = run("scan", "--scanner", "trivy", "--compare", "grype", sample("hygiene-bad.tar"));
    assertThat(compared.code).isEqualTo(1);
    assertThat(compared.err).contains("No stored grype scan");
  }

  @Test
  void importOfReportForAnotherImageStoresNothing() {
    Path report = io.hullscope.testing.TestData.file("reports/trivy/alpine-310.json");

    Result imported = run("scan", "--import", report.toString(), sample("hygiene-bad.tar"));

    assertThat(imported.code).isEqualTo(2);
    assertThat(imported.err).contains("was not stored: the report is about image sha256:9617696764");
    assertThat(imported.err).doesNotContain("Usage:");
    Result compared = run("scan", "--scanner", "trivy", "--compare", "builtin", sample("hygiene-bad.tar"));
    assertThat(compared.err).contains("No stored trivy scan");
  }

  @Test
  void importWithScannerOfOtherFormatFails() {
    Path report = io.hullscope.testing.TestData.file("reports/grype/image-matches.json");

    Result result = run("scan", "--scanner", "trivy", "--import", report.toString(), sample("hygiene-bad.tar"));

    assertThat(result.code).isEqualTo(1);
    assertThat(result.err).contains("it is a grype report, not a trivy report");
  }

  @Test
  void compareShowsFoundByBothAndOnlyOne() throws Exception {
    run("db", "import", sampleZip());
    run("scan", sample("hygiene-bad.tar"));
    Path grype = write("grype.json", "{\"descriptor\":{\"name\":\"grype\",\"version\":\"0.79.0\"},"
        + "\"matches\":[{\"vulnerability\":{\"id\":\"CVE-2022-37434\",\"severity\":\"Critical\","
        + "\"fix\":{\"versions\":[\"1:1.2.11.dfsg-2+deb11u2\"],\"state\":\"fixed\"}},"
        + "\"artifact\":{\"name\":\"zlib1g\",\"version\":\"1:1.2.11.dfsg-2+deb11u1\",\"type\":\"deb\"}},"
        + "{\"vulnerability\":{\"id\":\"CVE-2099-0001\",\"severity\":\"Low\"},"
        + "\"artifact\":{\"name\":\"bash\",\"version\":\"5.1-2+deb11u1\",\"type\":\"deb\"}}]}");
    assertThat(run("scan", "--import", grype.toString(), sample("hygiene-bad.tar")).code).isZero();

    Result result = run("scan", "--compare", "grype", sample("hygiene-bad.tar"));

    assertThat(result.code).isZero();
    assertThat(result.out).contains("Comparing hullscope-osv 1 with grype 0.79.0: 1 found by both, 2 only by"
        + " hullscope-osv 1, 1 only by grype 0.79.0");
    assertThat(result.out).contains("Found by both:").contains("CVE-2022-37434");
    assertThat(result.out).contains("Only grype 0.79.0:").contains("CVE-2099-0001");
    JsonNode json = new ObjectMapper().readTree(
        run("scan", "--compare", "grype", "--format", "json", sample("hygiene-bad.tar")).out);
    assertThat(json.get("both")).hasSize(1);
    assertThat(json.get("onlyLeft")).hasSize(2);
    assertThat(json.get("onlyRight").get(0).get("id").asText()).isEqualTo("CVE-2099-0001");
  }

  @Test
  void sarifOutputValidatesAgainstSchema() throws Exception {
    run("db", "import", sampleZip());
    Path file = folder.resolve("scan.sarif");

    Result result = run("scan", "--format", "sarif", "-o", file.toString(), sample("hygiene-bad.tar"));

    assertThat(result.code).isZero();
    assertThat(result.out).contains("Wrote the sarif scan to " + file + ": 3 vulnerabilities");
    JsonNode sarif = new ObjectMapper().readTree(file.toFile());
    assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    JsonNode run = sarif.get("runs").get(0);
    assertThat(run.get("tool").get("driver").get("name").asText()).isEqualTo("hullscope-osv");
    assertThat(run.get("results")).hasSize(3);
    // Unrated advisories are warnings, as --fail-on counts them as medium.
    assertThat(run.get("results").get(0).get("level").asText()).isEqualTo("warning");
    String schema = System.getenv("HULLSCOPE_SARIF_SCHEMA");
    boolean present = schema != null && Files.isRegularFile(Path.of(schema));
    io.hullscope.testing.Ci.requireService(present, "the SARIF 2.1.0 schema (set HULLSCOPE_SARIF_SCHEMA to its file)");
    com.networknt.schema.Schema validator = com.networknt.schema.SchemaRegistry
        .withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_4)
        .getSchema(new ObjectMapper().readTree(Path.of(schema).toFile()));
    assertThat(validator.validate(sarif)).isEmpty();
  }

  @Test
  void trivyMissingFromPathSaysSo() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        new io.hullscope.vuln.ExternalScanner(io.hullscope.vuln.ExternalScanner.Kind.TRIVY, System.getenv("PATH"),
            java.time.Duration.ofSeconds(1), new io.hullscope.vuln.ExternalScannerReports()).executable().isEmpty(),
        "trivy is installed here");

    Result result = run("scan", "--scanner", "trivy", sample("hygiene-bad.tar"));

    assertThat(result.code).isEqualTo(1);
    assertThat(result.err).contains("trivy was not found on the PATH");
  }

  @Test
  void harborScannerNeedsRegistryImage() {
    Result result = run("scan", "--scanner", "harbor", sample("hygiene-bad.tar"));

    assertThat(result.code).isEqualTo(2);
    assertThat(result.err).contains("--scanner harbor needs a docker://");
  }

  @Test
  void harborScannerStoresHarborsReport() throws Exception {
    String digest = "sha256:" + "ab".repeat(32);
    try (io.hullscope.source.harbor.HarborStub stub = new io.hullscope.source.harbor.HarborStub()) {
      stub.on("GET", "/api/v2.0/projects/team/repositories/app%252Fapi/artifacts/1.0/additions/vulnerabilities",
          io.hullscope.source.harbor.HarborStub.Answer.json(200,
              "{\"application/vnd.security.vulnerability.report; version=1.1\":{\"artifact\":{\"digest\":\""
                  + digest + "\"},\"scanner\":{\"name\":\"Trivy\",\"version\":\"v0.56.1\"},"
                  + "\"vulnerabilities\":[{\"id\":\"CVE-2021-44228\",\"package\":"
                  + "\"org.apache.logging.log4j:log4j-core\",\"version\":\"2.14.1\",\"fix_version\":\"2.15.0\","
                  + "\"severity\":\"Critical\"}]}}"));
      String host = stub.url().getHost() + ":" + stub.url().getPort();

      Result result = run("scan", "--scanner", "harbor", "--url", stub.url().toString(), "--insecure-registry", host,
          "--fail-on", "high", "docker://" + host + "/team/app/api:1.0");

      assertThat(result.code).isEqualTo(1);
      assertThat(result.out).contains("Image " + digest).contains("by harbor:Trivy v0.56.1")
          .contains("CVE-2021-44228").contains("2.15.0");
      assertThat(stub.contractViolations()).isEmpty();
    }
  }

  @Test
  void harborScannerWithoutReportSaysSo() throws Exception {
    try (io.hullscope.source.harbor.HarborStub stub = new io.hullscope.source.harbor.HarborStub()) {
      stub.on("GET", "/api/v2.0/projects/team/repositories/app/artifacts/2.0/additions/vulnerabilities",
          io.hullscope.source.harbor.HarborStub.Answer.json(200, "{}"));
      String host = stub.url().getHost() + ":" + stub.url().getPort();

      Result result = run("scan", "--scanner", "harbor", "--url", stub.url().toString(), "--insecure-registry", host,
          "docker://" + host + "/team/app:2.0");

      assertThat(result.code).isEqualTo(1);
      assertThat(result.err).contains("Harbor has no vulnerability report for");
    }
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(folder.resolve(name), text);
  }

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = HullscopeCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  private record Result(int code, String out, String err) {}
}
