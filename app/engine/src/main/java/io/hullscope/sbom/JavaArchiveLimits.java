package io.hullscope.sbom;

/**
 * Bounds on the work {@link JavaArchiveCataloger} does for one archive file found in an image.
 * The defaults are estimates that leave room for large Spring Boot jars and enterprise archives
 * while keeping a decompression bomb from running for more than a few seconds.
 *
 * @param maxNestingDepth number of archive levels below the file itself that are opened. With 1,
 *     the jars in a war are read but not the jars inside those. Deeper archives are skipped
 * @param maxEntriesPerArchive maximum number of entries, directories included, in one archive at
 *     any level
 * @param maxTotalBytes maximum number of decompressed bytes read for one archive file, summed over
 *     every entry at every nesting level (an entry inside a nested jar is counted once at each
 *     level it passes through)
 * @param maxMetadataBytes maximum size of one {@code pom.properties} or {@code MANIFEST.MF}
 */
public record JavaArchiveLimits(
    int maxNestingDepth, int maxEntriesPerArchive, long maxTotalBytes, int maxMetadataBytes) {

  /** Defaults: 4 nested levels, 250,000 entries per archive, 2 GiB decompressed, 4 MiB metadata files. */
  public static final JavaArchiveLimits DEFAULT = new JavaArchiveLimits(4, 250_000, 2L << 30, 4 << 20);

  public JavaArchiveLimits {
    if (maxNestingDepth < 0) {
      throw new IllegalArgumentException("maxNestingDepth must not be negative, got " + maxNestingDepth);
    }
    if (maxEntriesPerArchive <= 0) {
      throw new IllegalArgumentException("maxEntriesPerArchive must be positive, got " + maxEntriesPerArchive);
    }
    if (maxTotalBytes <= 0) {
      throw new IllegalArgumentException("maxTotalBytes must be positive, got " + maxTotalBytes);
    }
    if (maxMetadataBytes <= 0) {
      throw new IllegalArgumentException("maxMetadataBytes must be positive, got " + maxMetadataBytes);
    }
  }
}
