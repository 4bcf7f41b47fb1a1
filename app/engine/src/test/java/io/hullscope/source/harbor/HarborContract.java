package io.hullscope.source.harbor;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.hullscope.testing.Ci;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Harbor's official API description (Swagger 2.0, {@code harbor-api-v2.0-swagger.yaml} in the
 * shared reference folder) used as the contract of the test stub: every response of the stub must
 * be one the description allows for that operation and status, so the client is built against
 * Harbor's real contract rather than against our own reading of it.
 *
 * <p>Swagger 2.0 schemas are a subset of JSON Schema draft 4 with {@code #/definitions/...}
 * references, so each response schema is checked by a draft 4 validator given the document's
 * definitions. A response declared as {@code type: string} (Harbor declares vulnerability
 * reports so) is checked only for being text.
 */
public final class HarborContract {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static HarborContract instance;

  private final JsonNode document;
  private final String basePath;
  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

  private HarborContract(JsonNode document) {
    this.document = document;
    this.basePath = document.path("basePath").asText("");
  }

  /** Returns the contract, skipping the test (failing it in CI) when the reference folder is absent. */
  static synchronized HarborContract load() {
    if (instance == null) {
      Path root = Path.of(System.getProperty("hullscope.reference", "../shared/reference")).toAbsolutePath().normalize();
      Path file = root.resolve("harbor-api-v2.0-swagger.yaml");
      if (!Files.isRegularFile(file)) {
        if (Ci.isCi()) {
          throw new AssertionError("Harbor API description " + file + " is missing, and CI=true requires it");
        }
        assumeTrue(false, "Harbor API description " + file + " is missing; skipping");
      }
      try {
        instance = new HarborContract(new YAMLMapper().readTree(file.toFile()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /**
   * Returns what is wrong with a response, or an empty list when the description allows it.
   *
   * @param method HTTP method, for example {@code GET}
   * @param rawPath the request path as sent, still URL-encoded, for example {@code
   *     /api/v2.0/projects/library/repositories/a%252Fb/artifacts}
   */
  List<String> check(String method, String rawPath, int status, String body) {
    List<String> problems = new ArrayList<>();
    Operation operation = locate(method, rawPath, problems);
    if (operation == null) {
      return problems;
    }

    JsonNode response = resolve(operation.node().path("responses").path(String.valueOf(status)));
    if (response.isMissingNode()) {
      problems.add(method + " " + operation.template() + " does not declare status " + status);
      return problems;
    }
    JsonNode schema = response.path("schema");
    if (schema.isMissingNode() || ("string".equals(schema.path("type").asText()) && !schema.has("$ref"))) {
      return problems;
    }

    JsonNode instance;
    try {
      instance = JSON.readTree(body);
    } catch (IOException e) {
      problems.add("the body is not JSON: " + e.getMessage());
      return problems;
    }
    ObjectNode full = JSON.createObjectNode();
    full.setAll((ObjectNode) schema.deepCopy());
    full.set("definitions", document.path("definitions"));
    Schema validator = registry.getSchema(full);
    validator.validate(instance)
        .forEach(error -> problems.add(method + " " + operation.template() + " " + status + ": " + error));
    return problems;
  }

  /** An operation of the description: its path template and its node. */
  private record Operation(String template, JsonNode node) {}

  /** Finds the operation a request addresses, or adds why there is none to {@code problems}. */
  private Operation locate(String method, String rawUri, List<String> problems) {
    if (!rawUri.startsWith(basePath + "/")) {
      problems.add(rawUri + " is not below the API base path " + basePath);
      return null;
    }
    String relative = rawUri.substring(basePath.length());
    String template = findTemplate(relative);
    JsonNode node = template == null ? null
        : document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
    if (node == null || node.isMissingNode()) {
      problems.add("the Harbor API has no operation " + method + " " + relative);
      return null;
    }
    return new Operation(template, node);
  }

  /**
   * Returns what is wrong with a request: an operation the description does not have, or a query
   * parameter it does not declare for that operation.
   */
  List<String> checkRequest(String method, String rawUri) {
    List<String> problems = new ArrayList<>();
    Operation operation = locate(method, rawUri, problems);
    if (operation == null) {
      return problems;
    }
    String template = operation.template();
    String relative = rawUri.substring(basePath.length());
    java.util.Set<String> declared = new java.util.HashSet<>();
    for (JsonNode parameter : operation.node().path("parameters")) {
      JsonNode resolved = resolve(parameter);
      if ("query".equals(resolved.path("in").asText())) {
        declared.add(resolved.path("name").asText());
      }
    }
    int question = relative.indexOf('?');
    if (question >= 0) {
      for (String pair : relative.substring(question + 1).split("&")) {
        String name = java.net.URLDecoder.decode(pair.split("=", 2)[0], java.nio.charset.StandardCharsets.UTF_8);
        if (!declared.contains(name)) {
          problems.add(method + " " + template + " has no query parameter '" + name + "'");
        }
      }
    }
    return problems;
  }

  /** Returns true when the description has this operation; a guard against typos in tests. */
  boolean hasOperation(String method, String template) {
    return !document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT)).isMissingNode();
  }

  private String findTemplate(String relative) {
    String path = relative.contains("?") ? relative.substring(0, relative.indexOf('?')) : relative;
    String[] actual = path.split("/", -1);
    Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
    String best = null;
    int bestLiterals = -1;
    while (paths.hasNext()) {
      String template = paths.next().getKey();
      String[] parts = template.split("/", -1);
      if (parts.length != actual.length) {
        continue;
      }
      int literals = 0;
      boolean matches = true;
      for (int i = 0; i < parts.length && matches; i++) {
        if (parts[i].startsWith("{") && parts[i].endsWith("}")) {
          matches = !actual[i].isEmpty();
        } else {
          matches = parts[i].equals(actual[i]);
          literals++;
        }
      }
      // A literal segment beats a parameter: /projects/{id}/summary over /projects/{a}/{b}.
      if (matches && literals > bestLiterals) {
        best = template;
        bestLiterals = literals;
      }
    }
    return best;
  }

  private JsonNode resolve(JsonNode node) {
    if (node.has("$ref")) {
      String ref = node.get("$ref").asText();
      if (ref.startsWith("#/")) {
        JsonNode target = document;
        for (String part : ref.substring(2).split("/")) {
          target = target.path(part);
        }
        return target;
      }
    }
    return node;
  }
}
