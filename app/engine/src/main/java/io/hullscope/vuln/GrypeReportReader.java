package io.hullscope.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads Grype's JSON report ({@code grype -o json}) into a {@link ScanResult} with scanner {@code
 * grype VERSION}.
 *
 * <p>Each entry of {@code matches} becomes one match: {@code vulnerability.id} plus the ids of
 * {@code relatedVulnerabilities} are its ids, {@code vulnerability.severity} its rating (Grype's
 * {@code Negligible} counts as low), the highest {@code cvss[].metrics.baseScore} its score, and
 * the first {@code artifact.locations[].layerID} its layer by position in {@code
 * source.target.layers}. The data version is the build time of Grype's database ({@code
 * descriptor.db.built}, or {@code descriptor.db.status.built} since Grype's v6 database), written
 * {@code grype-db@TIME}.
 */
final class GrypeReportReader {

  private GrypeReportReader() {}

  static ScanResult read(String name, JsonNode root, String imageDigest, Instant now, ExternalScannerLimits limits,
      Problems problems) throws ExternalScannerReportException {
    JsonNode descriptor = root.path("descriptor");
    String version = ExternalScannerReports.text(descriptor, "version");
    if (version != null && version.startsWith("[")) {
      version = null; // Grype writes "[not provided]" when built without version information
    }
    String scanner = version == null ? "grype" : "grype " + version;
    JsonNode target = root.path("source").path("target");
    checkImage(target, imageDigest, problems);
    List<String> layers = new ArrayList<>();
    for (JsonNode layer : target.path("layers")) {
      layers.add(layer.path("digest").asText());
    }
    List<VulnerabilityMatch> found = new ArrayList<>();
    for (JsonNode entry : ExternalScannerReports.array(name, root, "matches")) {
      if (found.size() >= limits.maxFindings()) {
        throw new ExternalScannerReportException(name, "it lists more than " + limits.maxFindings() + " matches");
      }
      VulnerabilityMatch match = toMatch(entry, layers, problems);
      if (match != null) {
        found.add(match);
      }
    }
    return new ScanResult(imageDigest, scanner, dataVersion(descriptor), now, ExternalScannerReports.merge(found),
        problems.list());
  }

  private static String dataVersion(JsonNode descriptor) {
    JsonNode db = descriptor.path("db");
    String built = ExternalScannerReports.text(db, "built");
    if (built == null) {
      built = ExternalScannerReports.text(db.path("status"), "built");
    }
    if (built != null) {
      return "grype-db@" + built;
    }
    String timestamp = ExternalScannerReports.text(descriptor, "timestamp");
    return timestamp == null ? "unknown" : "report@" + timestamp;
  }

  private static VulnerabilityMatch toMatch(JsonNode entry, List<String> layers, Problems problems) {
    if (!entry.isObject()) {
      problems.add("A match is not an object and was skipped");
      return null;
    }
    JsonNode vulnerability = entry.path("vulnerability");
    JsonNode artifact = entry.path("artifact");
    String id = ExternalScannerReports.text(vulnerability, "id");
    String packageName = ExternalScannerReports.text(artifact, "name");
    String installed = ExternalScannerReports.text(artifact, "version");
    if (id == null || packageName == null || installed == null) {
      problems.add("A match without vulnerability.id, artifact.name or artifact.version was skipped"
          + (id == null ? "" : " (" + id + ")"));
      return null;
    }

    Set<String> aliases = new LinkedHashSet<>();
    String summary = ExternalScannerReports.text(vulnerability, "description");
    for (JsonNode related : entry.path("relatedVulnerabilities")) {
      String relatedId = ExternalScannerReports.text(related, "id");
      if (relatedId != null && !relatedId.equals(id)) {
        aliases.add(relatedId);
      }
      if (summary == null) {
        summary = ExternalScannerReports.text(related, "description");
      }
    }

    String purl = ExternalScannerReports.text(artifact, "purl");
    String packageType = ExternalScannerReports.purlType(purl);
    String artifactType = ExternalScannerReports.text(artifact, "type");
    if (packageType == null) {
      packageType = packageType(artifactType);
    }
    String ecosystem = ExternalScannerReports.text(vulnerability, "namespace");
    if (ecosystem == null) {
      ecosystem = artifactType == null ? "unknown" : artifactType;
    }

    Set<String> vectors = new LinkedHashSet<>();
    Double score = null;
    for (JsonNode cvss : vulnerability.path("cvss")) {
      String vector = ExternalScannerReports.text(cvss, "vector");
      if (vector != null) {
        vectors.add(vector);
      }
      Double base = ExternalScannerReports.validScore(ExternalScannerReports.number(cvss.path("metrics"), "baseScore"));
      if (base != null && (score == null || base > score)) {
        score = base;
      }
    }
    return new VulnerabilityMatch(id, List.copyOf(aliases), summary, packageName, packageType, purl, ecosystem,
        installed, fixedVersion(entry, vulnerability), VulnSeverity.fromLabel(ExternalScannerReports.text(vulnerability,
            "severity")), score, List.copyOf(vectors), layer(artifact, layers));
  }

  /**
   * Returns the version Grype suggests for this package ({@code matchDetails[].fix.suggestedVersion}),
   * otherwise the first of {@code vulnerability.fix.versions} when its state is {@code fixed}.
   */
  private static String fixedVersion(JsonNode entry, JsonNode vulnerability) {
    for (JsonNode detail : entry.path("matchDetails")) {
      String suggested = ExternalScannerReports.text(detail.path("fix"), "suggestedVersion");
      if (suggested != null) {
        return suggested;
      }
    }
    JsonNode fix = vulnerability.path("fix");
    if (!"fixed".equals(ExternalScannerReports.text(fix, "state"))) {
      return null;
    }
    for (JsonNode version : fix.path("versions")) {
      if (version.isTextual() && !version.asText().isBlank()) {
        return version.asText().strip();
      }
    }
    return null;
  }

  private static int layer(JsonNode artifact, List<String> layers) {
    for (JsonNode location : artifact.path("locations")) {
      String layerId = ExternalScannerReports.text(location, "layerID");
      if (layerId != null && layers.contains(layerId)) {
        return layers.indexOf(layerId);
      }
    }
    return -1;
  }

  /** Maps Grype's package type to a package URL type; unknown types are kept as Grype names them. */
  static String packageType(String type) {
    if (type == null) {
      return "unknown";
    }
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "java-archive", "jenkins-plugin" -> "maven";
      case "python" -> "pypi";
      case "go-module" -> "golang";
      case "rust-crate" -> "cargo";
      case "php-composer" -> "composer";
      case "dotnet" -> "nuget";
      default -> type.toLowerCase(Locale.ROOT);
    };
  }

  private static void checkImage(JsonNode target, String imageDigest, Problems problems) {
    String imageId = ExternalScannerReports.text(target, "imageID");
    if (imageDigest == null || imageId == null || imageId.equals(imageDigest)
        || imageDigest.equals(ExternalScannerReports.text(target, "manifestDigest"))) {
      return;
    }
    for (JsonNode repoDigest : target.path("repoDigests")) {
      if (repoDigest.asText().endsWith("@" + imageDigest)) {
        return;
      }
    }
    problems.add("The report is about image " + imageId + ", not " + imageDigest
        + "; check that it was made for this image");
  }
}
