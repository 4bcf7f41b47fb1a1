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
  void importOfBrokenZipFailsAndKeepsData() throws Exception {
    run("db", "import", sampleZip());
    Path broken = Files.writeString(folder.resolve("all.zip"), "not a zip");

    Result result = run("db", "import", "--ecosystem", "Debian", broken.toString());

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
  void failOnIgnoresUnknownSeverity() {
    run("db", "import", sampleZip());

    Result result = run("scan", "--fail-on", "low", sample("hygiene-bad.tar"));

    assertThat(result.code).isZero();
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
    assertThat(run("scan", "--scanner", "trivy", sample("hygiene-bad.tar")).err).contains("only builtin");
  }

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = HullscopeCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  private record Result(int code, String out, String err) {}
}
