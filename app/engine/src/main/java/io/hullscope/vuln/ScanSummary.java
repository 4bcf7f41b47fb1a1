package io.hullscope.vuln;

import java.time.Instant;

/**
 * One past scan of an image, as the scan history lists it.
 *
 * @param id the stored scan's key, for loading the whole result
 * @param matches how many vulnerabilities it found
 */
public record ScanSummary(long id, String imageDigest, String scanner, String dataVersion, Instant scannedAt,
    int matches) {}
