package io.hullscope.ui.harbor;

import io.hullscope.cli.ByteSizes;
import io.hullscope.source.harbor.HarborModel.Accessory;
import io.hullscope.source.harbor.HarborModel.Artifact;
import io.hullscope.source.harbor.HarborModel.ScanSummary;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The texts of one artifact in the artifact table. */
public record ArtifactRow(Artifact artifact) {

  /** Severities in the order Harbor's scanners report them, most severe first. */
  static final List<String> SEVERITIES = List.of("Critical", "High", "Medium", "Low", "Unknown");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  public String tags() {
    return artifact.tags().isEmpty() ? "(untagged)" : String.join(", ", artifact.tags());
  }

  /** Returns the digest shortened to 8 hex characters, as Harbor's own web interface shows it. */
  public String shortDigest() {
    String digest = artifact.digest();
    int colon = digest.indexOf(':');
    return colon < 0 || digest.length() < colon + 9 ? digest : digest.substring(0, colon + 9);
  }

  public String size() {
    return artifact.size() < 0 ? "" : ByteSizes.format(artifact.size());
  }

  public String pushed() {
    return time(artifact.pushed());
  }

  /** Returns the last pull time, or "never" when Harbor has none. */
  public String pulled() {
    return artifact.pulled() == null ? "never" : time(artifact.pulled());
  }

  public String labels() {
    return String.join(", ", artifact.labels());
  }

  /**
   * Returns the scan overview by the first letters of the severities, for example "C 1 · H 4 · M 7",
   * or "not scanned"; a scan that has not finished shows its state.
   */
  public String vulnerabilities() {
    ScanSummary scan = artifact.scan();
    if (scan == null) {
      return "not scanned";
    }
    if (!"Success".equals(scan.status())) {
      return scan.status() == null ? "unknown scan state" : "scan " + scan.status();
    }
    List<String> parts = new ArrayList<>();
    for (String severity : SEVERITIES) {
      Integer count = scan.counts().get(severity);
      if (count != null && count > 0) {
        parts.add(severity.charAt(0) + " " + count);
      }
    }
    return parts.isEmpty() ? "none found" : String.join(" · ", parts);
  }

  /** Returns the accessories by short names, for example "cosign, SBOM". */
  public String accessories() {
    List<String> names = new ArrayList<>();
    for (Accessory accessory : artifact.accessories()) {
      names.add(accessoryName(accessory.type()));
    }
    return String.join(", ", names);
  }

  /** Returns true when the artifact has an SBOM accessory that Harbor generated. */
  public boolean hasHarborSbom() {
    return artifact.accessories().stream().anyMatch(accessory -> "sbom.harbor".equals(accessory.type()));
  }

  static String accessoryName(String type) {
    if (type == null) {
      return "unknown accessory";
    }
    return switch (type) {
      case "signature.cosign" -> "cosign";
      case "signature.notation" -> "notation";
      case "sbom.harbor" -> "SBOM";
      default -> type;
    };
  }

  private static String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
  }
}
