package io.hullscope.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads Trivy's JSON report (schema version 2, {@code trivy image --format json}) into a {@link
 * ScanResult} with scanner {@code trivy VERSION}.
 *
 * <p>Each entry of {@code Results[].Vulnerabilities} becomes one match: {@code VulnerabilityID}
 * and {@code VendorIDs} are its ids, {@code Severity} its rating, the CVSS of {@code
 * SeveritySource} (or the highest v3 score) its score, and {@code Layer.DiffID} its layer by
 * position in {@code Metadata.DiffIDs}. The data version is the report's {@code CreatedAt} time
 * ({@code report@TIME}), or {@code unknown} without it.
 *
 * <p>NOTE: the real schema version 2 report in the test data names no vulnerability database
 * version, so none is read; running {@code trivy version --format json} would give it.
 */
final class TrivyReportReader {

  private TrivyReportReader() {}

  static ScanResult read(String name, JsonNode root, String imageDigest, Instant now, ExternalScannerLimits limits,
      Problems problems) throws ExternalScannerReportException {
    JsonNode schema = root.get("SchemaVersion");
    if (schema == null || !schema.isInt()) {
      throw new ExternalScannerReportException(name, "'SchemaVersion' is missing or not a number");
    }
    if (schema.asInt() != 2) {
      throw new ExternalScannerReportException(name, "Trivy schema version " + schema.asInt()
          + " is not supported; write the report with a Trivy release that writes schema version 2");
    }
    String version = ExternalScannerReports.text(root.path("Trivy"), "Version");
    String scanner = version == null ? "trivy" : "trivy " + version;
    String created = ExternalScannerReports.text(root, "CreatedAt");
    String dataVersion = created == null ? "unknown" : "report@" + created;
    JsonNode metadata = root.path("Metadata");
    checkImage(metadata, imageDigest, problems);
    List<String> diffIds = new ArrayList<>();
    for (JsonNode diffId : metadata.path("DiffIDs")) {
      diffIds.add(diffId.asText());
    }
    List<VulnerabilityMatch> found = new ArrayList<>();
    int results = 0;
    for (JsonNode result : ExternalScannerReports.array(name, root, "Results")) {
      results++;
      if (!result.isObject()) {
        problems.add("Result " + results + " is not an object and was skipped");
        continue;
      }
      String type = ExternalScannerReports.text(result, "Type");
      JsonNode vulnerabilities = result.get("Vulnerabilities");
      if (vulnerabilities == null || vulnerabilities.isNull()) {
        continue;
      }
      if (!vulnerabilities.isArray()) {
        problems.add("Vulnerabilities of result " + results + " is not an array and was skipped");
        continue;
      }
      for (JsonNode entry : vulnerabilities) {
        if (found.size() >= limits.maxFindings()) {
          throw new ExternalScannerReportException(name, "it lists more than " + limits.maxFindings()
              + " vulnerabilities");
        }
        VulnerabilityMatch match = toMatch(entry, type, diffIds, problems);
        if (match != null) {
          found.add(match);
        }
      }
    }
    return new ScanResult(imageDigest, scanner, dataVersion, now, ExternalScannerReports.merge(found),
        problems.list());
  }

  private static VulnerabilityMatch toMatch(JsonNode entry, String type, List<String> diffIds, Problems problems) {
    if (!entry.isObject()) {
      problems.add("A vulnerability entry is not an object and was skipped");
      return null;
    }
    String id = ExternalScannerReports.text(entry, "VulnerabilityID");
    String packageName = ExternalScannerReports.text(entry, "PkgName");
    String installed = ExternalScannerReports.text(entry, "InstalledVersion");
    if (id == null || packageName == null || installed == null) {
      problems.add("A vulnerability entry without VulnerabilityID, PkgName or InstalledVersion was skipped"
          + (id == null ? "" : " (" + id + ")"));
      return null;
    }
    Set<String> aliases = new LinkedHashSet<>();
    for (JsonNode vendorId : entry.path("VendorIDs")) {
      if (vendorId.isTextual() && !vendorId.asText().equals(id)) {
        aliases.add(vendorId.asText());
      }
    }
    String purl = ExternalScannerReports.text(entry.path("PkgIdentifier"), "PURL");
    String packageType = ExternalScannerReports.purlType(purl);
    if (packageType == null) {
      packageType = packageType(type);
    }
    String summary = ExternalScannerReports.text(entry, "Title");
    VulnSeverity severity = VulnSeverity.fromLabel(ExternalScannerReports.text(entry, "Severity"));
    Cvss cvss = cvss(entry.path("CVSS"), ExternalScannerReports.text(entry, "SeveritySource"));
    String diffId = ExternalScannerReports.text(entry.path("Layer"), "DiffID");
    int layer = diffId == null ? -1 : diffIds.indexOf(diffId);
    return new VulnerabilityMatch(id, List.copyOf(aliases), summary, packageName, packageType, purl,
        type == null ? "unknown" : type, installed, fixedVersion(ExternalScannerReports.text(entry, "FixedVersion")),
        severity, cvss.score(), cvss.vectors(), layer);
  }

  /**
   * Returns the first fixed version. Trivy joins several, one per release line, with {@code ", "};
   * NOTE: the first is not always the one for the installed release line.
   */
  private static String fixedVersion(String fixed) {
    if (fixed == null) {
      return null;
    }
    String first = fixed.split(",")[0].strip();
    return first.isEmpty() ? null : first;
  }

  private record Cvss(Double score, List<String> vectors) {}

  /** Takes the score of the severity source when it has one, otherwise the highest v3 (then v2) score. */
  private static Cvss cvss(JsonNode bySource, String severitySource) {
    Set<String> vectors = new LinkedHashSet<>();
    Double preferred = null;
    Double highestV3 = null;
    Double highestV2 = null;
    for (Map.Entry<String, JsonNode> source : bySource.properties()) {
      JsonNode values = source.getValue();
      String v3 = ExternalScannerReports.text(values, "V3Vector");
      String v2 = ExternalScannerReports.text(values, "V2Vector");
      if (v3 != null) {
        vectors.add(v3);
      }
      if (v2 != null) {
        vectors.add(v2);
      }
      Double v3Score = ExternalScannerReports.validScore(ExternalScannerReports.number(values, "V3Score"));
      Double v2Score = ExternalScannerReports.validScore(ExternalScannerReports.number(values, "V2Score"));
      if (source.getKey().equals(severitySource)) {
        preferred = v3Score != null ? v3Score : v2Score;
      }
      if (v3Score != null && (highestV3 == null || v3Score > highestV3)) {
        highestV3 = v3Score;
      }
      if (v2Score != null && (highestV2 == null || v2Score > highestV2)) {
        highestV2 = v2Score;
      }
    }
    // The preferred source's score wins; without one, the highest v3 score, then the highest v2 score.
    Double score = preferred;
    if (score == null) {
      score = highestV3 != null ? highestV3 : highestV2;
    }
    return new Cvss(score, List.copyOf(vectors));
  }

  /** Maps Trivy's result type to a package URL type; unknown types are kept as Trivy names them. */
  static String packageType(String type) {
    if (type == null) {
      return "unknown";
    }
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "alpine", "wolfi", "chainguard" -> "apk";
      case "debian", "ubuntu" -> "deb";
      case "redhat", "centos", "rocky", "alma", "amazon", "oracle", "photon", "suse", "opensuse", "opensuse.leap",
          "sles", "fedora", "cbl-mariner", "azurelinux" -> "rpm";
      case "jar", "pom", "gradle", "sbt" -> "maven";
      case "npm", "node-pkg", "yarn", "pnpm", "bun" -> "npm";
      case "python-pkg", "pip", "pipenv", "poetry", "uv" -> "pypi";
      case "gobinary", "gomod" -> "golang";
      case "cargo", "rustbinary" -> "cargo";
      case "bundler", "gemspec" -> "gem";
      case "composer", "composer-vendor" -> "composer";
      case "nuget", "dotnet-core", "packages-props" -> "nuget";
      default -> type;
    };
  }

  /** Notes when the report names another image than the one it is stored for. */
  private static void checkImage(JsonNode metadata, String imageDigest, Problems problems) {
    String imageId = ExternalScannerReports.text(metadata, "ImageID");
    if (imageDigest == null || imageId == null || imageId.equals(imageDigest)) {
      return;
    }
    for (JsonNode repoDigest : metadata.path("RepoDigests")) {
      if (repoDigest.asText().endsWith("@" + imageDigest)) {
        return;
      }
    }
    problems.add("The report is about image " + imageId + ", not " + imageDigest
        + "; check that it was made for this image");
  }
}
