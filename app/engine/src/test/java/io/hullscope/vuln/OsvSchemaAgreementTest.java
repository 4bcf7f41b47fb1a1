package io.hullscope.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.hullscope.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks that {@link OsvValidator} accepts and rejects the same records as the official OSV JSON
 * schema does, run by the networknt validator: the real records, and broken variants of each.
 */
class OsvSchemaAgreementTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Schema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    JsonNode schemaNode = JSON.readTree(TestData.file("osv/osv-schema.json").toFile());
    schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaNode);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void validatorAgreesWithSchema(String name, JsonNode record, boolean expectValid) {
    List<Error> schemaErrors = schema.validate(record);
    List<String> ours = OsvValidator.validate(record);

    assertThat(schemaErrors.isEmpty()).as("schema verdict on %s: %s", name, schemaErrors).isEqualTo(expectValid);
    assertThat(ours.isEmpty()).as("our verdict on %s: %s", name, ours).isEqualTo(expectValid);
  }

  /**
   * The one intended difference: the schema forbids unknown top-level fields, but newer schema
   * versions add fields (such as {@code upstream} in 1.7), so our validator ignores them rather than
   * dropping a record that a newer feed publishes.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("records")
  void unknownTopLevelFieldIsOnlyRejectedBySchema(String name, ObjectNode record) {
    record.put("x_note", "kept");

    assertThat(schema.validate(record)).isNotEmpty();
    assertThat(OsvValidator.validate(record)).isEmpty();
  }

  static Stream<Arguments> records() throws IOException {
    List<Arguments> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(TestData.file("osv/records"))) {
      for (Path file : files.sorted().toList()) {
        records.add(Arguments.of(file.getFileName().toString(), JSON.readTree(file.toFile())));
      }
    }
    return records.stream();
  }

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(TestData.file("osv/records"))) {
      for (Path file : files.sorted().toList()) {
        JsonNode record = JSON.readTree(file.toFile());
        String name = file.getFileName().toString();
        cases.add(Arguments.of(name, record, true));
        for (Variant variant : VARIANTS) {
          ObjectNode copy = record.deepCopy();
          if (variant.applies(copy)) {
            variant.change.accept(copy);
            cases.add(Arguments.of(name + " " + variant.name, copy, variant.valid));
          }
        }
      }
    }
    return cases.stream();
  }

  private record Variant(String name, boolean valid, Consumer<ObjectNode> change, boolean needsRange) {

    boolean applies(ObjectNode record) {
      return !needsRange || firstRange(record) != null;
    }
  }

  private static final List<Variant> VARIANTS = List.of(
      new Variant("without id", false, r -> r.remove("id"), false),
      new Variant("without modified", false, r -> r.remove("modified"), false),
      new Variant("with numeric id", false, r -> r.put("id", 42), false),
      new Variant("with unknown id prefix", false, r -> r.put("id", "NOPE-1"), false),
      new Variant("with date-only modified", false, r -> r.put("modified", "2024-01-01"), false),
      new Variant("with aliases as string", false, r -> r.put("aliases", "CVE-2024-1"), false),
      new Variant("with null aliases", true, r -> r.putNull("aliases"), false),
      new Variant("with numeric alias", false, r -> r.putArray("aliases").add(7), false),
      new Variant("with summary as array", false, r -> r.putArray("summary"), false),
      new Variant("with affected as object", false, r -> r.putObject("affected"), false),
      new Variant("with unknown ecosystem", false, r -> firstPackage(r).put("ecosystem", "Nonsense"), true),
      new Variant("with package without name", false, r -> firstPackage(r).remove("name"), true),
      new Variant("with unknown range type", false, r -> firstRange(r).put("type", "DATE"), true),
      new Variant("with empty events", false, r -> firstRange(r).putArray("events"), true),
      new Variant("without introduced", false, r -> {
        ArrayNode events = firstRange(r).putArray("events");
        events.addObject().put("fixed", "1.0");
      }, true),
      new Variant("with fixed and last_affected", false, r -> {
        ArrayNode events = firstRange(r).putArray("events");
        events.addObject().put("introduced", "0");
        events.addObject().put("fixed", "1.0");
        events.addObject().put("last_affected", "0.9");
      }, true),
      new Variant("with two keys in one event", false, r -> {
        ArrayNode events = firstRange(r).putArray("events");
        events.addObject().put("introduced", "0").put("fixed", "1.0");
      }, true),
      new Variant("with numeric event version", false, r -> {
        ArrayNode events = firstRange(r).putArray("events");
        events.addObject().put("introduced", 0);
      }, true),
      new Variant("with limit event", true, r -> {
        ArrayNode events = firstRange(r).putArray("events");
        events.addObject().put("introduced", "0");
        events.addObject().put("limit", "9.9");
      }, true),
      new Variant("with GIT range without repo", false, r -> {
        ObjectNode range = firstRange(r);
        range.put("type", "GIT");
        range.remove("repo");
        range.putArray("events").addObject().put("introduced", "0");
      }, true),
      new Variant("with GIT range and short hash", false, r -> {
        ObjectNode range = firstRange(r);
        range.put("type", "GIT");
        range.put("repo", "https://example.com/repo.git");
        range.putArray("events").addObject().put("introduced", "abc123");
      }, true),
      new Variant("with valid GIT range", true, r -> {
        ObjectNode range = firstRange(r);
        range.put("type", "GIT");
        range.put("repo", "https://example.com/repo.git");
        ArrayNode events = range.putArray("events");
        events.addObject().put("introduced", "0");
        events.addObject().put("fixed", "0123456789abcdef0123456789abcdef01234567");
      }, true),
      new Variant("with unknown reference type", false, r -> r.putArray("references").addObject()
          .put("type", "BLOG").put("url", "https://example.com"), false),
      new Variant("with reference without url", false, r -> r.putArray("references").addObject()
          .put("type", "WEB"), false),
      new Variant("with unknown severity type", false, r -> r.putArray("severity").addObject()
          .put("type", "CVSS_V9").put("score", "x"), false),
      new Variant("with severity twice", false, r -> {
        r.putArray("severity").addObject().put("type", "Ubuntu").put("score", "low");
        firstAffected(r).putArray("severity").addObject().put("type", "Ubuntu").put("score", "low");
      }, true),
      new Variant("with credit without name", false, r -> r.putArray("credits").addObject().put("type", "FINDER"),
          false),
      new Variant("with database_specific as string", false, r -> r.put("database_specific", "x"), false),
      new Variant("with extra field in a package", true, r -> firstPackage(r).put("x_note", "kept"), true));

  private static ObjectNode firstAffected(ObjectNode record) {
    JsonNode affected = record.get("affected");
    return affected != null && affected.isArray() && !affected.isEmpty() ? (ObjectNode) affected.get(0) : null;
  }

  private static ObjectNode firstPackage(ObjectNode record) {
    return (ObjectNode) firstAffected(record).get("package");
  }

  private static ObjectNode firstRange(ObjectNode record) {
    ObjectNode affected = firstAffected(record);
    if (affected == null || affected.get("ranges") == null || affected.get("ranges").isEmpty()) {
      return null;
    }
    return (ObjectNode) affected.get("ranges").get(0);
  }
}
