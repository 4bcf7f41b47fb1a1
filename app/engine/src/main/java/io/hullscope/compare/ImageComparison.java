package io.hullscope.compare;

import java.util.List;

/**
 * Everything that differs between two images: the one result that the CLI's {@code diff}, the
 * desktop's Compare window and {@link ComparisonWriters} read.
 *
 * <p>"Left" is the image compared from (the older one, or the one before a fix) and "right" the one
 * compared to, so "added" means present in the right image only.
 *
 * @param left the image compared from
 * @param right the image compared to
 * @param config config fields that differ, masked where a value looks secret
 * @param layers the layers side by side
 * @param files the final file systems' differences, bounded by a limit
 * @param packages package differences; unavailable when either SBOM is missing
 * @param vulnerabilities vulnerability differences; unavailable when either scan is missing
 * @param findings hardening finding differences and the grades
 */
public record ImageComparison(ComparedImage left, ComparedImage right, List<ConfigChange> config,
    LayerComparison layers, FileComparison files, PackageComparison packages,
    VulnerabilityComparison vulnerabilities, FindingComparison findings) {

  public ImageComparison {
    config = List.copyOf(config);
  }

  /** Compares two images, keeping at most {@link FileComparison#DEFAULT_LIMIT} file differences. */
  public static ImageComparison of(ComparedImage left, ComparedImage right) {
    return of(left, right, FileComparison.DEFAULT_LIMIT);
  }

  /**
   * Compares two images.
   *
   * @param fileLimit the maximum number of file differences kept in {@link FileComparison#changes()};
   *     counts and sizes still cover all of them
   */
  public static ImageComparison of(ComparedImage left, ComparedImage right, int fileLimit) {
    return new ImageComparison(left, right,
        ConfigDiffer.compare(left.config(), right.config()),
        LayerComparison.of(left, right),
        FileDiffer.compare(left.analysis(), right.analysis(), fileLimit),
        PackageComparison.of(left.sbom(), right.sbom()),
        VulnerabilityComparison.of(left.scan(), right.scan()),
        FindingComparison.of(left.hardening(), right.hardening()));
  }

  /** Returns true when the two images have the same digest. */
  public boolean sameImage() {
    return left.digest().equals(right.digest());
  }
}
