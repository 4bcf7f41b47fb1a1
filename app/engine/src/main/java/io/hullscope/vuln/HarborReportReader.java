package io.hullscope.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the vulnerability report Harbor holds for an artifact (the scanner adapter's report,
 * {@code application/vnd.security.vulnerability.report; version=1.1}, or the older {@code
 * vnd.scanner.adapter.vuln.report.harbor+json; version=1.0}) into a {@link ScanResult} with scanner
 * {@code harbor:NAME VERSION}, where NAME is the scanner Harbor used, for example Trivy.
 *
 * <p>Each entry of {@code vulnerabilities} becomes one match: {@code id}, {@code package}, {@code
 * version}, {@code fix_version}, {@code severity} and {@code preferred_cvss}. The report has no
 * layer information, so every match has layer -1, and no database version, so the data version is
 * the report's {@code generated_at} time ({@code report@TIME}), or {@code unknown}.
 */
final class HarborReportReader {

  private HarborReportReader() {}

  static ScanResult read(String name, JsonNode root, String imageDigest, Instant now, ExternalScannerLimits limits,
      Problems problems) throws ExternalScannerReportException {
    JsonNode scannerNode = root.path("scanner");
    String scannerName = ExternalScannerReports.text(scannerNode, "name");
    String scannerVersion = ExternalScannerReports.text(scannerNode, "version");
    String scanner = "harbor:" + (scannerName == null ? "unknown" : scannerName.replace(' ', '-'))
        + (scannerVersion == null ? "" : " " + scannerVersion);
    String generated = ExternalScannerReports.text(root, "generated_at");
    String dataVersion = generated == null ? "unknown" : "report@" + generated;
    String artifactDigest = ExternalScannerReports.text(root.path("artifact"), "digest");
    if (imageDigest != null && artifactDigest != null && !artifactDigest.equals(imageDigest)) {
      problems.add("The report is about artifact " + artifactDigest + ", not " + imageDigest);
    }
    List<VulnerabilityMatch> found = new ArrayList<>();
    for (JsonNode entry : ExternalScannerReports.array(name, root, "vulnerabilities")) {
      if (found.size() >= limits.maxFindings()) {
        throw new ExternalScannerReportException(name, "it lists more than " + limits.maxFindings()
            + " vulnerabilities");
      }
      VulnerabilityMatch match = toMatch(entry, problems);
      if (match != null) {
        found.add(match);
      }
    }
    return new ScanResult(imageDigest, scanner, dataVersion, now, ExternalScannerReports.merge(found),
        problems.list());
  }

  private static VulnerabilityMatch toMatch(JsonNode entry, Problems problems) {
    if (!entry.isObject()) {
      problems.add("A vulnerability entry is not an object and was skipped");
      return null;
    }
    String id = ExternalScannerReports.text(entry, "id");
    String packageName = ExternalScannerReports.text(entry, "package");
    String installed = ExternalScannerReports.text(entry, "version");
    if (id == null || packageName == null || installed == null) {
      problems.add("A vulnerability entry without id, package or version was skipped"
          + (id == null ? "" : " (" + id + ")"));
      return null;
    }

    JsonNode cvss = entry.path("preferred_cvss");
    Set<String> vectors = new LinkedHashSet<>();
    for (String field : List.of("vector_v3", "vector_v2")) {
      String vector = ExternalScannerReports.text(cvss, field);
      if (vector != null) {
        vectors.add(vector);
      }
    }
    Double score = ExternalScannerReports.validScore(ExternalScannerReports.number(cvss, "score_v3"));
    if (score == null) {
      score = ExternalScannerReports.validScore(ExternalScannerReports.number(cvss, "score_v2"));
    }

    String purl = ExternalScannerReports.text(entry, "purl");
    String packageType = ExternalScannerReports.purlType(purl);
    String summary = ExternalScannerReports.text(entry, "description");
    if (summary != null && summary.length() > 300) {
      summary = summary.substring(0, 300) + "...";
    }
    return new VulnerabilityMatch(id, List.of(), summary, packageName, packageType == null ? "unknown" : packageType,
        purl, "harbor", installed, ExternalScannerReports.text(entry, "fix_version"),
        VulnSeverity.fromLabel(ExternalScannerReports.text(entry, "severity")), score, List.copyOf(vectors), -1);
  }
}
