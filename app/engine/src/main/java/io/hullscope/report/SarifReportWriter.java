package io.hullscope.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hullscope.check.CheckDefinition;
import io.hullscope.check.Evidence;
import io.hullscope.check.Finding;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.Severity;
import io.hullscope.image.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a hardening report as a SARIF 2.1.0 log with one run, for code-scanning dashboards.
 *
 * <ul>
 *   <li>Each check definition becomes a rule (id, name, short and full description, help, default
 *       level); a finding whose check is not listed gets a rule made from the finding.
 *   <li>Levels: critical and high are {@code error}, medium is {@code warning}, low and info are
 *       {@code note}. The exact severity and a GitHub {@code security-severity} score are kept in
 *       properties.
 *   <li>A file evidence becomes a physical location with the relative URI
 *       {@code layer/<n>/<path>}; history lines, config fields, packages, scans, signatures and
 *       Harbor settings become logical locations such as {@code history/4} or {@code config/User}.
 *   <li>{@code partialFingerprints} hold a SHA-256 of the check id, the title and what the evidence
 *       points at (kind, path, field, the history line's text), but not layer or history positions.
 *       So the fingerprint stays the same across runs and across rebuilds that only add layers
 *       elsewhere.
 *   <li>Messages are built from the redacted title, evidence and suggestion.
 * </ul>
 *
 * @see <a href="https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html">SARIF 2.1.0</a>
 */
final class SarifReportWriter {

  /** The schema URI written as {@code $schema}, the one GitHub code scanning documents. */
  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

  /** Key of our fingerprint in {@code partialFingerprints}; the suffix changes if the recipe does. */
  static final String FINGERPRINT_KEY = "hullscopeFinding/v1";

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  void write(ReportModel model, OutputStream out) throws IOException {
    MAPPER.writeValue(out, toSarif(model));
  }

  static ObjectNode toSarif(ReportModel model) {
    HardeningReport report = model.report();
    ObjectNode log = MAPPER.createObjectNode();
    log.put("$schema", SCHEMA_URI);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();

    ObjectNode driver = run.putObject("tool").putObject("driver");
    String[] nameAndVersion = splitTool(report.tool());
    driver.put("name", nameAndVersion[0]);
    if (nameAndVersion[1] != null) {
      driver.put("version", nameAndVersion[1]);
    }
    Map<String, Integer> ruleIndexes = new LinkedHashMap<>();
    ArrayNode rules = driver.putArray("rules");
    for (CheckDefinition definition : model.definitions()) {
      ruleIndexes.put(definition.id(), rules.size());
      rules.add(rule(definition));
    }
    for (ReportModel.Entry entry : model.entries()) {
      Finding finding = entry.finding();
      if (!ruleIndexes.containsKey(finding.id())) {
        ruleIndexes.put(finding.id(), rules.size());
        rules.add(rule(new CheckDefinition(finding.id(), entry.title(), finding.severity(), entry.group(),
            finding.rationale())));
      }
    }

    run.putObject("automationDetails").put("id", "hullscope/" + automationName(report) + "/");

    ArrayNode results = run.putArray("results");
    Map<String, Integer> fingerprintCounts = new HashMap<>();
    for (ReportModel.Entry entry : model.entries()) {
      results.add(result(entry, ruleIndexes.get(entry.finding().id()), fingerprintCounts));
    }

    ObjectNode properties = run.putObject("properties");
    properties.put("imageName", report.imageName());
    if (report.digest() != null) {
      properties.put("imageDigest", report.digest().toString());
    }
    properties.put("grade", String.valueOf(report.grade().letter()));
    properties.put("score", report.grade().score());
    properties.put("createdAt", report.createdAt().toString());
    return log;
  }

  private static ObjectNode rule(CheckDefinition definition) {
    ObjectNode rule = MAPPER.createObjectNode();
    rule.put("id", definition.id());
    rule.put("name", pascalCase(definition.id()));
    rule.putObject("shortDescription").put("text", definition.title());
    String rationale = definition.rationale().isBlank() ? definition.title() : definition.rationale();
    rule.putObject("fullDescription").put("text", rationale);
    rule.putObject("help").put("text", rationale + " Each result names the evidence in the image and the change"
        + " that fixes it.");
    rule.putObject("defaultConfiguration").put("level", level(definition.defaultSeverity()));
    ObjectNode properties = rule.putObject("properties");
    properties.putArray("tags").add("security").add("container").add(definition.group());
    properties.put("security-severity", securitySeverity(definition.defaultSeverity()));
    return rule;
  }

  private static ObjectNode result(ReportModel.Entry entry, int ruleIndex, Map<String, Integer> fingerprintCounts) {
    Finding finding = entry.finding();
    ObjectNode result = MAPPER.createObjectNode();
    result.put("ruleId", finding.id());
    result.put("ruleIndex", ruleIndex);
    result.put("level", level(finding.severity()));
    result.putObject("message").put("text", message(entry));

    ArrayNode locations = result.putArray("locations");
    for (Evidence evidence : entry.evidenceItems()) {
      locations.add(location(evidence));
    }
    if (locations.isEmpty()) {
      ObjectNode logical = locations.addObject().putArray("logicalLocations").addObject();
      logical.put("name", "image");
      logical.put("fullyQualifiedName", "image");
      logical.put("kind", "module");
    }

    String fingerprint = fingerprint(entry);
    int seen = fingerprintCounts.merge(fingerprint, 1, Integer::sum);
    if (seen > 1) {
      // Two findings with identical evidence still need different fingerprints; the order of
      // findings is stable, so the occurrence number is too.
      fingerprint = Digest.sha256Of((fingerprint + "#" + seen).getBytes(StandardCharsets.UTF_8)).hex();
    }
    result.putObject("partialFingerprints").put(FINGERPRINT_KEY, fingerprint);

    ObjectNode properties = result.putObject("properties");
    properties.put("severity", ReportModel.label(finding.severity()));
    properties.put("security-severity", securitySeverity(finding.severity()));
    properties.put("confidence", finding.confidence().name().toLowerCase(Locale.ROOT));
    properties.put("points", entry.points());
    if (finding.location() != null && !finding.location().isBlank()) {
      properties.put("fixLocation", finding.location());
    }
    return result;
  }

  private static String message(ReportModel.Entry entry) {
    StringBuilder text = new StringBuilder(entry.title());
    appendSentence(text, "Evidence: ", entry.evidence());
    appendSentence(text, "Suggestion: ", entry.suggestion());
    return text.toString();
  }

  private static void appendSentence(StringBuilder text, String label, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    char last = text.charAt(text.length() - 1);
    text.append(last == '.' || last == '!' || last == '?' ? " " : ". ").append(label).append(value.strip());
  }

  private static ObjectNode location(Evidence evidence) {
    ObjectNode location = MAPPER.createObjectNode();
    if (evidence.kind() == Evidence.Kind.FILE && evidence.path() != null && evidence.layer() >= 0) {
      ObjectNode physical = location.putObject("physicalLocation");
      physical.putObject("artifactLocation").put("uri", layerUri(evidence.layer(), evidence.path()));
    } else {
      ObjectNode logical = location.putArray("logicalLocations").addObject();
      String[] nameAndKind = logicalName(evidence);
      logical.put("name", nameAndKind[0]);
      logical.put("fullyQualifiedName", nameAndKind[1]);
      logical.put("kind", nameAndKind[2]);
    }
    if (!evidence.text().isEmpty()) {
      location.putObject("message").put("text", evidence.text());
    }
    return location;
  }

  /** Returns the name, fully qualified name and SARIF kind of a logical location. */
  private static String[] logicalName(Evidence evidence) {
    return switch (evidence.kind()) {
      case HISTORY -> new String[] {"history[" + evidence.historyIndex() + "]", "history/" + evidence.historyIndex(),
          "element"};
      case CONFIG -> new String[] {field(evidence), "config/" + field(evidence), "property"};
      case PACKAGE -> {
        String name = evidence.text().isEmpty() ? "package" : evidence.text();
        yield new String[] {name, "sbom/" + name, "object"};
      }
      case SCAN -> new String[] {"scan", "scan", "object"};
      case SIGNATURE -> new String[] {"signatures", "signatures", "object"};
      case HARBOR -> new String[] {field(evidence), "harbor/" + field(evidence), "property"};
      case FILE -> {
        String path = evidence.path() == null ? "" : evidence.path();
        yield new String[] {path, "files/" + path, "resource"};
      }
    };
  }

  private static String field(Evidence evidence) {
    return evidence.field() == null || evidence.field().isBlank() ? evidence.kind().name().toLowerCase(Locale.ROOT)
        : evidence.field();
  }

  /**
   * Returns {@code layer/<n>/<path>} with each path segment percent-encoded as RFC 3986 requires,
   * so that spaces, {@code %}, {@code #} or {@code ?} in a file name cannot change the URI's meaning.
   * A leading slash and {@code .}/{@code ..} segments are dropped: the URI stays below its layer.
   */
  static String layerUri(int layer, String path) {
    StringBuilder uri = new StringBuilder("layer/").append(layer);
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        continue;
      }
      uri.append('/').append(percentEncode(segment));
    }
    return uri.toString();
  }

  private static String percentEncode(String segment) {
    StringBuilder out = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~';
      if (unreserved) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** The fingerprint recipe: see the class comment. */
  static String fingerprint(ReportModel.Entry entry) {
    StringBuilder text = new StringBuilder(entry.finding().id()).append('\n').append(entry.title());
    List<String> places = new ArrayList<>();
    for (Evidence evidence : entry.evidenceItems()) {
      String what = switch (evidence.kind()) {
        case FILE -> evidence.path();
        case HISTORY -> evidence.text();
        case CONFIG, HARBOR -> evidence.field();
        case PACKAGE -> evidence.path() + " " + evidence.text();
        case SCAN, SIGNATURE -> evidence.text();
      };
      places.add(evidence.kind() + ":" + what);
    }
    places.stream().sorted().forEach(place -> text.append('\n').append(place));
    return Digest.sha256Of(text.toString().getBytes(StandardCharsets.UTF_8)).hex();
  }

  static String level(Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  /** A CVSS-like score that GitHub code scanning maps back to critical, high, medium and low. */
  private static String securitySeverity(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "3.0";
      case INFO -> "0.0";
    };
  }

  /** {@code ROOT-USER} becomes {@code RootUser}: SARIF rule names are identifiers, ids stay as they are. */
  static String pascalCase(String id) {
    StringBuilder name = new StringBuilder();
    for (String part : id.split("-")) {
      if (!part.isEmpty()) {
        name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return name.toString();
  }

  /** Splits {@code Hullscope 0.1.0} into name and version; the version is null without a space. */
  private static String[] splitTool(String tool) {
    String text = tool == null || tool.isBlank() ? "Hullscope" : tool.strip();
    int space = text.lastIndexOf(' ');
    if (space < 0) {
      return new String[] {text, null};
    }
    return new String[] {text.substring(0, space), text.substring(space + 1)};
  }

  /** The image name reduced to characters that are safe in an automation id. */
  private static String automationName(HardeningReport report) {
    String name = report.imageName() == null ? "image" : report.imageName();
    return name.replaceAll("[^A-Za-z0-9._:@-]", "_");
  }
}
