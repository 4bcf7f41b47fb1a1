package io.hullscope.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a parsed OSV record against the structure that the OSV JSON schema (validation/schema.json
 * of ossf/osv-schema) requires, and lists every violation with its JSON path.
 *
 * <p>It checks required fields, types, the id prefixes and ecosystem names the schema lists, the
 * timestamp form, range and reference types, that each event has exactly one of {@code
 * introduced}, {@code fixed}, {@code last_affected} and {@code limit}, that a range has an {@code
 * introduced} event, that {@code fixed} and {@code last_affected} do not share a range, that GIT
 * ranges have a repo and full commit hashes, and that severity is given either for the record or
 * per package. It does not check the CVSS vector patterns or URI syntax. Unlike the schema, it
 * accepts unknown top-level fields, because newer schema versions add fields and a record should
 * not be dropped for using one.
 */
final class OsvValidator {

  // The id prefixes and ecosystem names the schema lists; a new database needs a new entry here.
  private static final Pattern ID = Pattern.compile("^(x_|(ASB-A|PUB-A|ALPINE|ALSA|ALBA|ALEA|AZL|BELL|BIT|CGA"
      + "|CLEANSTART|CLSA|CURL|CVE|DEBIAN|DHI|DRUPAL|DSA|DLA|ELA|DTSA|ECHO|EEF|FreeBSD|GHSA|GO|GSD|HSEC|JLSEC"
      + "|KUBE|LBSEC|LSN|MAL|MINI|MGASA|OESA|OSEC|OSV|openSUSE-SU|PHSA|PSF|PYSEC|RHBA|RHEA|RHSA|RLSA|RXSA|RSEC"
      + "|ROOT|RUSTSEC|SUSE-[SRFO]U|UBUNTU|USN|V8)-)");
  private static final Pattern ECOSYSTEM = Pattern.compile("^(AlmaLinux|Alpaquita|Alpine|Android|Azure Linux"
      + "|BellSoft Hardened Containers|Bioconductor|Bitnami|Chainguard|CleanStart|ConanCenter|CRAN|crates\\.io"
      + "|Debian|Docker Hardened Images|Echo|FreeBSD|GHC|GitHub Actions|Go|Hackage|Hex|Julia|Kubernetes|Linux"
      + "|Mageia|Maven|MinimOS|npm|NuGet|opam|openEuler|openSUSE|OSS-Fuzz|Packagist|Photon OS|Pub|PyPI|Red Hat"
      + "|Rocky Linux|Root|RubyGems|SUSE|SwiftURL|TuxCare|Ubuntu|VSCode|Wolfi|GIT)(:.+)?$");
  private static final Pattern TIMESTAMP =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z");
  private static final Pattern COMMIT = Pattern.compile("^(0|[a-f0-9]{40}|[a-f0-9]{64})$");
  private static final Set<String> RANGE_TYPES = Set.of("GIT", "SEMVER", "ECOSYSTEM");
  private static final Set<String> SEVERITY_TYPES = Set.of("CVSS_V2", "CVSS_V3", "CVSS_V4", "Ubuntu");
  private static final Set<String> REFERENCE_TYPES = Set.of("ADVISORY", "ARTICLE", "DETECTION", "DISCUSSION",
      "REPORT", "FIX", "INTRODUCED", "GIT", "PACKAGE", "EVIDENCE", "WEB");
  private static final Set<String> CREDIT_TYPES = Set.of("FINDER", "REPORTER", "ANALYST", "COORDINATOR",
      "REMEDIATION_DEVELOPER", "REMEDIATION_REVIEWER", "REMEDIATION_VERIFIER", "TOOL", "SPONSOR", "OTHER");

  private final List<String> problems = new ArrayList<>();

  private OsvValidator() {}

  /** Returns the schema violations of {@code root}, empty when it is a valid OSV record. */
  static List<String> validate(JsonNode root) {
    OsvValidator validator = new OsvValidator();
    validator.checkRecord(root);
    return List.copyOf(validator.problems);
  }

  private void checkRecord(JsonNode root) {
    if (!root.isObject()) {
      problem("$", "must be an object, not " + kind(root));
      return;
    }
    JsonNode id = root.get("id");
    if (id == null) {
      problem("$.id", "is missing");
    } else if (!id.isTextual()) {
      problem("$.id", "must be a string, not " + kind(id));
    } else if (!ID.matcher(id.asText()).find()) {
      problem("$.id", "'" + shorten(id.asText()) + "' does not start with a known database prefix such as GHSA- or DSA-");
    }
    if (root.get("modified") == null) {
      problem("$.modified", "is missing");
    }
    checkTimestamp(root, "modified");
    checkTimestamp(root, "published");
    checkTimestamp(root, "withdrawn");
    optionalString(root, "schema_version", "$.schema_version");
    optionalString(root, "summary", "$.summary");
    optionalString(root, "details", "$.details");
    stringArray(root, "aliases", "$.aliases", true);
    stringArray(root, "related", "$.related", false);
    stringArray(root, "upstream", "$.upstream", false);
    checkSeverity(root.get("severity"), "$.severity");
    optionalObject(root, "database_specific", "$.database_specific");
    checkAffected(root.get("affected"), root.get("severity") != null);
    checkReferences(root.get("references"));
    checkCredits(root.get("credits"));
  }

  private void checkTimestamp(JsonNode parent, String field) {
    JsonNode value = parent.get(field);
    if (value == null) {
      return;
    }
    String path = "$." + field;
    if (!value.isTextual()) {
      problem(path, "must be a string, not " + kind(value));
    } else if (!TIMESTAMP.matcher(value.asText()).find()) {
      problem(path, "'" + shorten(value.asText()) + "' is not an RFC 3339 UTC timestamp such as 2024-01-31T12:00:00Z");
    }
  }

  private void checkSeverity(JsonNode severity, String path) {
    if (severity == null || severity.isNull()) {
      return;
    }
    if (!severity.isArray()) {
      problem(path, "must be an array, not " + kind(severity));
      return;
    }
    for (int i = 0; i < severity.size(); i++) {
      JsonNode entry = severity.get(i);
      String at = path + "[" + i + "]";
      if (!entry.isObject()) {
        problem(at, "must be an object, not " + kind(entry));
        continue;
      }
      JsonNode type = entry.get("type");
      if (type != null && !(type.isTextual() && SEVERITY_TYPES.contains(type.asText()))) {
        problem(at + ".type", "must be one of " + sorted(SEVERITY_TYPES) + ", not " + describe(type));
      }
      optionalString(entry, "score", at + ".score");
    }
  }

  private void checkAffected(JsonNode affected, boolean recordHasSeverity) {
    if (affected == null || affected.isNull()) {
      return;
    }
    if (!affected.isArray()) {
      problem("$.affected", "must be an array, not " + kind(affected));
      return;
    }
    for (int i = 0; i < affected.size(); i++) {
      JsonNode entry = affected.get(i);
      String at = "$.affected[" + i + "]";
      if (!entry.isObject()) {
        problem(at, "must be an object, not " + kind(entry));
        continue;
      }
      checkPackage(entry.get("package"), at + ".package");
      JsonNode severity = entry.get("severity");
      if (recordHasSeverity && severity != null && !severity.isNull()) {
        problem(at + ".severity", "must be absent because the record has a top-level severity");
      }
      checkSeverity(severity, at + ".severity");
      checkRanges(entry.get("ranges"), at + ".ranges");
      stringArray(entry, "versions", at + ".versions", false);
      optionalObject(entry, "ecosystem_specific", at + ".ecosystem_specific");
      optionalObject(entry, "database_specific", at + ".database_specific");
    }
  }

  private void checkPackage(JsonNode pkg, String path) {
    if (pkg == null) {
      return;
    }
    if (!pkg.isObject()) {
      problem(path, "must be an object, not " + kind(pkg));
      return;
    }
    JsonNode ecosystem = pkg.get("ecosystem");
    if (ecosystem == null) {
      problem(path + ".ecosystem", "is missing");
    } else if (!ecosystem.isTextual()) {
      problem(path + ".ecosystem", "must be a string, not " + kind(ecosystem));
    } else if (!ECOSYSTEM.matcher(ecosystem.asText()).find()) {
      problem(path + ".ecosystem", "'" + shorten(ecosystem.asText()) + "' is not an OSV ecosystem");
    }
    JsonNode name = pkg.get("name");
    if (name == null) {
      problem(path + ".name", "is missing");
    } else if (!name.isTextual()) {
      problem(path + ".name", "must be a string, not " + kind(name));
    }
    optionalString(pkg, "purl", path + ".purl");
  }

  private void checkRanges(JsonNode ranges, String path) {
    if (ranges == null) {
      return;
    }
    if (!ranges.isArray()) {
      problem(path, "must be an array, not " + kind(ranges));
      return;
    }
    for (int i = 0; i < ranges.size(); i++) {
      JsonNode range = ranges.get(i);
      String at = path + "[" + i + "]";
      if (!range.isObject()) {
        problem(at, "must be an object, not " + kind(range));
        continue;
      }
      JsonNode type = range.get("type");
      if (type == null) {
        problem(at + ".type", "is missing");
      } else if (!(type.isTextual() && RANGE_TYPES.contains(type.asText()))) {
        problem(at + ".type", "must be one of " + sorted(RANGE_TYPES) + ", not " + describe(type));
      }
      boolean git = type != null && "GIT".equals(type.asText());
      if (git && range.get("repo") == null) {
        problem(at + ".repo", "is missing, and GIT ranges require it");
      }
      optionalString(range, "repo", at + ".repo");
      optionalObject(range, "database_specific", at + ".database_specific");
      checkEvents(range.get("events"), at + ".events", git);
    }
  }

  private void checkEvents(JsonNode events, String path, boolean git) {
    if (events == null) {
      problem(path, "is missing");
      return;
    }
    if (!events.isArray()) {
      problem(path, "must be an array, not " + kind(events));
      return;
    }
    if (events.isEmpty()) {
      problem(path, "must not be empty");
      return;
    }
    boolean introduced = false;
    boolean fixed = false;
    boolean lastAffected = false;
    for (int i = 0; i < events.size(); i++) {
      JsonNode event = events.get(i);
      String at = path + "[" + i + "]";
      if (!event.isObject()) {
        problem(at, "must be an object, not " + kind(event));
        continue;
      }
      List<String> kinds = new ArrayList<>();
      for (OsvRecord.EventKind kind : OsvRecord.EventKind.values()) {
        if (event.has(kind.field())) {
          kinds.add(kind.field());
        }
      }
      if (kinds.size() != 1) {
        problem(at, "must have exactly one of introduced, fixed, last_affected or limit, not " + kinds);
        continue;
      }
      String field = kinds.get(0);
      JsonNode value = event.get(field);
      if (!value.isTextual()) {
        problem(at + "." + field, "must be a string, not " + kind(value));
        continue;
      }
      if (git && !COMMIT.matcher(value.asText()).find()) {
        problem(at + "." + field, "'" + shorten(value.asText()) + "' is not a full commit hash, which GIT ranges require");
      }
      introduced |= field.equals("introduced");
      fixed |= field.equals("fixed");
      lastAffected |= field.equals("last_affected");
    }
    if (!introduced) {
      problem(path, "has no introduced event");
    }
    if (fixed && lastAffected) {
      problem(path, "has both fixed and last_affected events, which the schema forbids in one range");
    }
  }

  private void checkReferences(JsonNode references) {
    if (references == null || references.isNull()) {
      return;
    }
    if (!references.isArray()) {
      problem("$.references", "must be an array, not " + kind(references));
      return;
    }
    for (int i = 0; i < references.size(); i++) {
      JsonNode reference = references.get(i);
      String at = "$.references[" + i + "]";
      if (!reference.isObject()) {
        problem(at, "must be an object, not " + kind(reference));
        continue;
      }
      JsonNode type = reference.get("type");
      if (type == null) {
        problem(at + ".type", "is missing");
      } else if (!(type.isTextual() && REFERENCE_TYPES.contains(type.asText()))) {
        problem(at + ".type", "must be one of " + sorted(REFERENCE_TYPES) + ", not " + describe(type));
      }
      if (reference.get("url") == null) {
        problem(at + ".url", "is missing");
      }
      optionalString(reference, "url", at + ".url");
    }
  }

  private void checkCredits(JsonNode credits) {
    if (credits == null) {
      return;
    }
    if (!credits.isArray()) {
      problem("$.credits", "must be an array, not " + kind(credits));
      return;
    }
    for (int i = 0; i < credits.size(); i++) {
      JsonNode credit = credits.get(i);
      String at = "$.credits[" + i + "]";
      if (!credit.isObject()) {
        problem(at, "must be an object, not " + kind(credit));
        continue;
      }
      if (credit.get("name") == null) {
        problem(at + ".name", "is missing");
      }
      optionalString(credit, "name", at + ".name");
      stringArray(credit, "contact", at + ".contact", false);
      JsonNode type = credit.get("type");
      if (type != null && !(type.isTextual() && CREDIT_TYPES.contains(type.asText()))) {
        problem(at + ".type", "must be one of " + sorted(CREDIT_TYPES) + ", not " + describe(type));
      }
    }
  }

  private void optionalString(JsonNode parent, String field, String path) {
    JsonNode value = parent.get(field);
    if (value != null && !value.isTextual()) {
      problem(path, "must be a string, not " + kind(value));
    }
  }

  private void optionalObject(JsonNode parent, String field, String path) {
    JsonNode value = parent.get(field);
    if (value != null && !value.isObject()) {
      problem(path, "must be an object, not " + kind(value));
    }
  }

  private void stringArray(JsonNode parent, String field, String path, boolean nullable) {
    JsonNode value = parent.get(field);
    if (value == null || (nullable && value.isNull())) {
      return;
    }
    if (!value.isArray()) {
      problem(path, "must be an array, not " + kind(value));
      return;
    }
    int i = 0;
    for (Iterator<JsonNode> items = value.elements(); items.hasNext(); i++) {
      JsonNode item = items.next();
      if (!item.isTextual()) {
        problem(path + "[" + i + "]", "must be a string, not " + kind(item));
        return;
      }
    }
  }

  private void problem(String path, String message) {
    // A hostile record could repeat one error a million times; the first ones are enough to act on.
    if (problems.size() < 20) {
      problems.add(path + " " + message);
    }
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String describe(JsonNode value) {
    return value.isTextual() ? "'" + shorten(value.asText()) + "'" : kind(value);
  }

  private static String sorted(Set<String> values) {
    return String.join(", ", new java.util.TreeSet<>(values));
  }

  static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
