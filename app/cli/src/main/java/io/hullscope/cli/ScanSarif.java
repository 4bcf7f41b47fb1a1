package io.hullscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hullscope.image.Digest;
import io.hullscope.vuln.ScanResult;
import io.hullscope.vuln.VulnSeverity;
import io.hullscope.vuln.VulnerabilityMatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link ScanResult} as a SARIF 2.1.0 log with one run, following the conventions of the
 * {@code check} command's SARIF report: the same {@code $schema}, error for critical and high,
 * warning for medium, note below, a GitHub {@code security-severity} score, and logical locations
 * where no file applies.
 *
 * <ul>
 *   <li>Each vulnerability id becomes a rule; each match (one id in one package) a result.
 *   <li>An unrated vulnerability is a warning with security-severity 5.5, because {@code --fail-on}
 *       treats it as medium too.
 *   <li>The location is the package, a logical location {@code package/NAME@VERSION}, with the
 *       layer that brought it when known.
 *   <li>{@code partialFingerprints} hash the id, package and installed version, so the same
 *       finding keeps its fingerprint across scans and scanners.
 * </ul>
 */
final class ScanSarif {

  /** The schema URI written as {@code $schema}, the one the check report uses. */
  static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String FINGERPRINT_KEY = "hullscopeVulnerability/v1";

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ScanSarif() {}

  static String write(ScanResult result) throws IOException {
    return MAPPER.writeValueAsString(toSarif(result));
  }

  static ObjectNode toSarif(ScanResult result) {
    ObjectNode log = MAPPER.createObjectNode();
    log.put("$schema", SCHEMA_URI);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    int space = result.scanner().indexOf(' ');
    driver.put("name", space < 0 ? result.scanner() : result.scanner().substring(0, space));
    if (space > 0) {
      driver.put("version", result.scanner().substring(space + 1));
    }
    driver.put("informationUri", "https://osv.dev/");
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndexes = new LinkedHashMap<>();
    ArrayNode results = run.putArray("results");
    for (VulnerabilityMatch match : result.matches()) {
      Integer index = ruleIndexes.get(match.id());
      if (index == null) {
        index = rules.size();
        ruleIndexes.put(match.id(), index);
        rules.add(rule(match));
      }
      results.add(result(match, index));
    }
    ObjectNode properties = run.putObject("properties");
    properties.put("imageDigest", result.imageDigest());
    properties.put("dataVersion", result.dataVersion());
    properties.put("scannedAt", result.scannedAt().toString());
    return log;
  }

  private static ObjectNode rule(VulnerabilityMatch match) {
    ObjectNode rule = MAPPER.createObjectNode();
    rule.put("id", match.id());
    String title = match.summary() == null ? match.id() : match.summary();
    rule.putObject("shortDescription").put("text", title);
    rule.putObject("fullDescription").put("text", title + (match.aliases().isEmpty() ? ""
        : " Also known as " + String.join(", ", match.aliases()) + "."));
    rule.put("helpUri", "https://osv.dev/vulnerability/" + match.id());
    rule.putObject("defaultConfiguration").put("level", level(match.severity()));
    ObjectNode properties = rule.putObject("properties");
    properties.putArray("tags").add("security").add("vulnerability").add(match.packageType());
    properties.put("security-severity", securitySeverity(match));
    return rule;
  }

  private static ObjectNode result(VulnerabilityMatch match, int ruleIndex) {
    ObjectNode result = MAPPER.createObjectNode();
    result.put("ruleId", match.id());
    result.put("ruleIndex", ruleIndex);
    result.put("level", level(match.severity()));
    String fix = match.fixable() ? " Fixed in " + match.fixedVersion() + "." : " No fixed version is known.";
    result.putObject("message").put("text", match.id() + " in " + match.packageName() + " "
        + match.installedVersion() + "." + fix);

    ObjectNode location = result.putArray("locations").addObject();
    ObjectNode logical = location.putArray("logicalLocations").addObject();
    String packageName = match.packageName() + "@" + match.installedVersion();
    logical.put("name", packageName);
    logical.put("fullyQualifiedName", "package/" + packageName);
    logical.put("kind", "module");
    if (match.layer() >= 0) {
      location.putObject("message").put("text", "brought by layer " + match.layer());
    }

    String fingerprint = Digest.sha256Of((match.id() + "\n" + match.packageName() + "\n" + match.installedVersion())
        .getBytes(StandardCharsets.UTF_8)).hex();
    result.putObject("partialFingerprints").put(FINGERPRINT_KEY, fingerprint);

    ObjectNode properties = result.putObject("properties");
    properties.put("severity", match.severity().name().toLowerCase(Locale.ROOT));
    properties.put("security-severity", securitySeverity(match));
    if (match.score() != null) {
      properties.put("cvssScore", match.score());
    }
    if (match.purl() != null) {
      properties.put("purl", match.purl());
    }
    if (match.fixable()) {
      properties.put("fixedVersion", match.fixedVersion());
    }
    if (!match.aliases().isEmpty()) {
      ArrayNode aliases = properties.putArray("aliases");
      match.aliases().forEach(aliases::add);
    }
    return result;
  }

  private static String level(VulnSeverity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM, UNKNOWN -> "warning";
      case LOW, NONE -> "note";
    };
  }

  /** Returns the CVSS score when known, otherwise a score in the middle of the rating's band. */
  private static String securitySeverity(VulnerabilityMatch match) {
    if (match.score() != null) {
      return String.format(Locale.ROOT, "%.1f", match.score());
    }
    return switch (match.severity()) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM, UNKNOWN -> "5.5";
      case LOW -> "2.0";
      case NONE -> "0.0";
    };
  }
}
