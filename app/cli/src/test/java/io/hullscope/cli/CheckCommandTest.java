package io.hullscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.hullscope.testing.Ci;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code hullscope check} in-process on the committed sample images. */
class CheckCommandTest {

  @TempDir Path folder;

  private static String sample(String name) {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    return root.resolve("samples/images/" + name + ".tar").toString();
  }

  private static final String BAD = sample("hygiene-bad");
  private static final String GOOD = sample("hygiene-good");

  @Test
  void badSampleFailsOnHigh() {
    Result result = run("check", BAD, "--fail-on", "high");

    assertThat(result.code).isEqualTo(CheckCommand.EXIT_POLICY_FAILED);
    assertThat(result.out).contains("ROOT-USER").contains("Grade   ");
    assertThat(result.err).containsPattern("hullscope: policy failed: \\d+ findings? (is|are) high or worse");
  }

  @Test
  void goodSamplePassesOnHigh() {
    Result result = run("check", GOOD, "--fail-on", "high");

    assertThat(result.code).isEqualTo(CheckCommand.EXIT_PASSED);
    assertThat(result.err).isEmpty();
    assertThat(result.out).contains("Image   hullscope-samples/hygiene-good:1.4.2")
        .contains("User    UID 65532, GID 65532");
  }

  @Test
  void withoutFailOnBadSamplePasses() {
    Result result = run("check", BAD);

    assertThat(result.code).isEqualTo(CheckCommand.EXIT_PASSED);
    assertThat(result.out).contains("ROOT-USER");
  }

  @Test
  void policyFailOnIsUsed() throws Exception {
    Path policy = write("policy.yaml", "version: 1\nfailOn: high\n");

    Result result = run("check", BAD, "--policy", policy.toString());

    assertThat(result.code).isEqualTo(CheckCommand.EXIT_POLICY_FAILED);
  }

  @Test
  void commandLineFailOnOverridesPolicy() throws Exception {
    Path policy = write("policy.yaml", "failOn: high\n");

    Result result = run("check", BAD, "--policy", policy.toString(), "--fail-on", "never");

    assertThat(result.code).isEqualTo(CheckCommand.EXIT_PASSED);
  }

  @Test
  void policyReRatesAndDisables() throws Exception {
    Path policy = write("policy.yaml", "failOn: high\nchecks:\n  ROOT-USER:\n    severity: low\n");

    Result result = run("check", BAD, "--policy", policy.toString(), "--format", "json");

    JsonNode root = new ObjectMapper().readTree(result.out);
    assertThat(severityOf(root, "ROOT-USER")).isEqualTo("low");

    Path off = write("off.yaml", "checks:\n  ROOT-USER:\n    enabled: false\n");
    Result disabled = run("check", BAD, "--policy", off.toString(), "--format", "json");
    assertThat(disabled.code).isEqualTo(CheckCommand.EXIT_PASSED);
    assertThat(findingIds(new ObjectMapper().readTree(disabled.out))).doesNotContain("ROOT-USER");
  }

  @Test
  void latestScanFeedsTheSupplyChainChecks() throws Exception {
    String previous = System.setProperty("hullscope.data", folder.resolve("data").toString());
    try {
      Result before = run("check", BAD, "--format", "json");
      assertThat(findingIds(new ObjectMapper().readTree(before.out))).doesNotContain("FIXABLE-VULNERABILITIES");

      Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
      assertThat(run("db", "import", root.resolve("samples/osv/Debian/all.zip").toString()).code).isZero();
      assertThat(run("scan", BAD).code).isZero();
      Result after = run("check", BAD, "--format", "json");

      // The sample OSV set has fixed versions for libssl1.1 and zlib1g in the bad sample.
      assertThat(findingIds(new ObjectMapper().readTree(after.out))).contains("FIXABLE-VULNERABILITIES");
    } finally {
      if (previous == null) {
        System.clearProperty("hullscope.data");
      } else {
        System.setProperty("hullscope.data", previous);
      }
    }
  }

  @Test
  void missingImageIsInputError() {
    Result result = run("check", folder.resolve("absent.tar").toString(), "--fail-on", "high");

    assertThat(result.code).isEqualTo(CheckCommand.EXIT_INPUT_ERROR);
    assertThat(result.out).isEmpty();
    assertThat(result.err.strip()).startsWith("hullscope: ").contains("absent.tar").doesNotContain("\n");
  }

  @Test
  void badPolicyIsInputErrorWithLine() throws Exception {
    Path policy = write("policy.yaml", "version: 1\nchecks:\n  ROOT-USR:\n    enabled: false\n");

    Result result = run("check", BAD, "--policy", policy.toString());

    assertThat(result.code).isEqualTo(CheckCommand.EXIT_INPUT_ERROR);
    assertThat(result.out).isEmpty();
    assertThat(result.err.strip()).isEqualTo("hullscope: " + policy + ", line 3: unknown check id 'ROOT-USR';"
        + " did you mean 'ROOT-USER'?; docs/checks.md lists the ids");
  }

  @Test
  void missingPolicyIsInputError() {
    Result result = run("check", BAD, "--policy", folder.resolve("none.yaml").toString());

    assertThat(result.code).isEqualTo(CheckCommand.EXIT_INPUT_ERROR);
    assertThat(result.err).contains("none.yaml").contains("cannot read the policy file");
  }

  @Test
  void unknownFailOnIsUsageError() {
    Result result = run("check", BAD, "--fail-on", "severe");

    assertThat(result.code).isEqualTo(CheckCommand.EXIT_INPUT_ERROR);
    assertThat(result.err).contains("Invalid severity 'severe'");
  }

  @Test
  void unknownFormatIsUsageError() {
    Result result = run("check", BAD, "--format", "pdf");

    assertThat(result.code).isEqualTo(CheckCommand.EXIT_INPUT_ERROR);
    assertThat(result.err).contains("pdf");
  }

  @Test
  void unknownOutputExtensionIsUsageErrorAndWritesNothing() {
    Path pdf = folder.resolve("report.pdf");

    Result result = run("check", BAD, "-o", pdf.toString());

    assertThat(result.code).isEqualTo(CheckCommand.EXIT_INPUT_ERROR);
    assertThat(result.err).contains("cannot tell the report format from the extension .pdf");
    assertThat(pdf).doesNotExist();
  }

  @Test
  void outputFormatFollowsFileName() throws Exception {
    Path html = folder.resolve("report.html");
    Path sarif = folder.resolve("report.sarif");

    Result first = run("check", BAD, "-o", html.toString());
    Result second = run("check", BAD, "-o", sarif.toString(), "--fail-on", "high");

    assertThat(first.code).isEqualTo(CheckCommand.EXIT_PASSED);
    assertThat(first.out).startsWith("Wrote the html report to " + html + ": grade ");
    assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("ROOT-USER");
    assertThat(second.code).isEqualTo(CheckCommand.EXIT_POLICY_FAILED);
    JsonNode log = new ObjectMapper().readTree(sarif.toFile());
    assertThat(log.get("version").asText()).isEqualTo("2.1.0");
    List<String> ruleIds = new ArrayList<>();
    log.at("/runs/0/results").forEach(r -> ruleIds.add(r.get("ruleId").asText()));
    assertThat(ruleIds).contains("ROOT-USER");
  }

  @Test
  void badSampleJsonValidatesAgainstSchema() throws Exception {
    Result result = run("check", BAD, "--format", "json");

    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    assertThat(problems(root.resolve("docs/report-schema.json"), SpecificationVersion.DRAFT_2020_12, result.out))
        .isEmpty();
  }

  @Test
  void badSampleSarifValidatesAgainstSchema() throws Exception {
    String schema = System.getenv("HULLSCOPE_SARIF_SCHEMA");
    boolean present = schema != null && Files.isRegularFile(Path.of(schema));
    Ci.requireService(present, "the SARIF 2.1.0 schema (set HULLSCOPE_SARIF_SCHEMA to its file)");

    Result result = run("check", BAD, "--format", "sarif");

    assertThat(problems(Path.of(schema), SpecificationVersion.DRAFT_4, result.out)).isEmpty();
  }

  @Test
  void markdownGoesToStdout() {
    Result result = run("check", GOOD, "--format", "md");

    assertThat(result.code).isEqualTo(CheckCommand.EXIT_PASSED);
    assertThat(result.out).startsWith("# Hardening report: hullscope-samples/hygiene-good:1.4.2")
        .contains("- Grade: **A**");
  }

  @Test
  void unwritableOutputIsInputError() {
    Path inMissingFolder = folder.resolve("no/such/folder/report.json");

    Result result = run("check", GOOD, "-o", inMissingFolder.toString());

    assertThat(result.code).isEqualTo(CheckCommand.EXIT_INPUT_ERROR);
    assertThat(result.err).contains("Failed to write the report to " + inMissingFolder);
    assertThat(inMissingFolder).doesNotExist();
  }

  @Test
  void suggestionFilesAreWrittenBesideReport() throws Exception {
    Path dockerfile = folder.resolve("Dockerfile.suggested");
    Path kyverno = folder.resolve("kyverno.yaml");
    Path harbor = folder.resolve("harbor.md");

    Result result = run("check", BAD, "--format", "json", "--dockerfile", dockerfile.toString(),
        "--kyverno", kyverno.toString(), "--harbor-advice", harbor.toString());

    assertThat(result.code).isEqualTo(CheckCommand.EXIT_PASSED);
    assertThat(findingIds(new ObjectMapper().readTree(result.out))).contains("ROOT-USER");
    assertThat(result.err).contains("Wrote the suggested Dockerfile to " + dockerfile);
    assertThat(Files.readString(dockerfile)).contains("USER 10001").contains("# Hullscope:");
    assertThat(kinds(Files.readString(kyverno))).isNotEmpty().containsOnly("ClusterPolicy");
    assertThat(Files.readString(harbor)).isNotBlank();
  }

  @Test
  void suggestionsKeepPolicyExitCode() throws Exception {
    Path dockerfile = folder.resolve("Dockerfile");

    Result result = run("check", BAD, "--fail-on", "high", "--dockerfile", dockerfile.toString());

    assertThat(result.code).isEqualTo(CheckCommand.EXIT_POLICY_FAILED);
    assertThat(dockerfile).exists();
  }

  @Test
  void unwritableSuggestionIsInputError() {
    Path inMissingFolder = folder.resolve("no/such/folder/kyverno.yaml");

    Result result = run("check", BAD, "--fail-on", "high", "--kyverno", inMissingFolder.toString());

    assertThat(result.code).isEqualTo(CheckCommand.EXIT_INPUT_ERROR);
    assertThat(result.err).contains("Failed to write the Kyverno policies to " + inMissingFolder);
    assertThat(inMissingFolder).doesNotExist();
  }

  /** Returns the {@code kind} of every document in a YAML stream; parsing fails the test on invalid YAML. */
  private static List<String> kinds(String yaml) throws Exception {
    List<String> kinds = new ArrayList<>();
    try (MappingIterator<JsonNode> documents =
        new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(yaml)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document != null && !document.isMissingNode() && !document.isNull()) {
          kinds.add(document.path("kind").asText());
        }
      }
    }
    return kinds;
  }

  private Path write(String name, String text) throws Exception {
    Path file = folder.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static List<String> problems(Path schemaFile, SpecificationVersion version, String document)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    Schema schema = SchemaRegistry.withDefaultDialect(version).getSchema(json.readTree(schemaFile.toFile()));
    return schema.validate(json.readTree(document)).stream().map(Object::toString).toList();
  }

  private static String severityOf(JsonNode root, String id) {
    for (JsonNode finding : root.get("findings")) {
      if (finding.get("id").asText().equals(id)) {
        return finding.get("severity").asText();
      }
    }
    throw new AssertionError("no finding " + id);
  }

  private static List<String> findingIds(JsonNode root) {
    List<String> ids = new ArrayList<>();
    root.get("findings").forEach(f -> ids.add(f.get("id").asText()));
    return ids;
  }

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = HullscopeCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  private record Result(int code, String out, String err) {}
}
