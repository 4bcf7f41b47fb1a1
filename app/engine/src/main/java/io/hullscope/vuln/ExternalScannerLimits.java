package io.hullscope.vuln;

/**
 * Bounds on reading the JSON report of another scanner, so a huge or hostile file cannot exhaust
 * memory.
 *
 * @param maxBytes the largest report read, in bytes
 * @param maxDepth the deepest JSON nesting accepted
 * @param maxStringLength the longest JSON string accepted, in characters
 * @param maxFindings the most vulnerability entries read from one report
 */
public record ExternalScannerLimits(int maxBytes, int maxDepth, int maxStringLength, int maxFindings) {

  /**
   * Defaults: 64 MiB per report (Trivy's report of a large image with descriptions is a few MiB),
   * nesting depth 64 (the formats need about 8), strings of 1 Mi characters, 200,000 entries.
   */
  public static final ExternalScannerLimits DEFAULT = new ExternalScannerLimits(64 * 1024 * 1024, 64, 1024 * 1024,
      200_000);

  public ExternalScannerLimits {
    if (maxBytes < 1 || maxDepth < 1 || maxStringLength < 1 || maxFindings < 1) {
      throw new IllegalArgumentException("scanner report limits must be positive");
    }
  }
}
