package io.hullscope.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.hullscope.testing.Ci;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the JSON schemas the report tests validate against, and validates documents with them. */
final class SchemaFiles {

  /**
   * Environment variable naming the official SARIF 2.1.0 schema file. {@code .ci/run} sets it after
   * unpacking the schema from an npm package; the SARIF schema test is skipped without it, except
   * under {@code CI=true}.
   */
  static final String SARIF_SCHEMA_VARIABLE = "HULLSCOPE_SARIF_SCHEMA";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SchemaFiles() {}

  /** Returns {@code docs/report-schema.json} of this repository. */
  static Path reportSchema() {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    return root.resolve("docs/report-schema.json");
  }

  /** Returns the SARIF schema file, skipping the test (or failing it in CI) when it is not there. */
  static Path sarifSchema() {
    String configured = System.getenv(SARIF_SCHEMA_VARIABLE);
    boolean present = configured != null && !configured.isBlank() && Files.isRegularFile(Path.of(configured));
    Ci.requireService(present, "the SARIF 2.1.0 schema (set " + SARIF_SCHEMA_VARIABLE + " to its file; .ci/run"
        + " unpacks it from the npm package @microsoft/jest-sarif)");
    return Path.of(configured);
  }

  /** Returns every validation error of {@code document} against the schema file, as text. */
  static List<String> problems(Path schemaFile, SpecificationVersion version, JsonNode document) throws IOException {
    JsonNode schemaNode = JSON.readTree(schemaFile.toFile());
    Schema schema = SchemaRegistry.withDefaultDialect(version).getSchema(schemaNode);
    return schema.validate(document).stream().map(Object::toString).toList();
  }

  static JsonNode parse(byte[] document) throws IOException {
    return JSON.readTree(document);
  }
}
