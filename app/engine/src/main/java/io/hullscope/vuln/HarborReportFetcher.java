package io.hullscope.vuln;

import com.fasterxml.jackson.databind.JsonNode;
import io.hullscope.source.harbor.HarborClient;
import java.io.IOException;
import java.util.Optional;

/**
 * Fetches the vulnerability report Harbor holds for an artifact and reads it into a {@link
 * ScanResult} with scanner {@code harbor:NAME VERSION}, so Harbor's own scan can be cached and
 * compared like any other.
 */
public final class HarborReportFetcher {

  private final HarborClient client;
  private final ExternalScannerReports reports;

  public HarborReportFetcher(HarborClient client, ExternalScannerReports reports) {
    this.client = client;
    this.reports = reports;
  }

  /**
   * Returns Harbor's report of an artifact; empty when Harbor never scanned it.
   *
   * @param repository the repository, {@code PROJECT/NAME}
   * @param reference the artifact's digest or tag
   * @param imageDigest the digest the result is stored under; null to use the report's artifact digest
   * @throws IOException when Harbor cannot be reached or the report cannot be read
   */
  public Optional<ScanResult> fetch(String repository, String reference, String imageDigest) throws IOException {
    Optional<JsonNode> report = client.vulnerabilityReport(repository, reference);
    if (report.isEmpty()) {
      return Optional.empty();
    }
    String digest = imageDigest;
    if (digest == null) {
      JsonNode artifactDigest = report.get().path("artifact").path("digest");
      digest = artifactDigest.isTextual() ? artifactDigest.asText() : reference;
    }
    String name = "Harbor report of " + repository + "@" + reference;
    return Optional.of(reports.read(name, report.get(), ExternalScannerReports.Format.HARBOR, digest));
  }
}
