package io.hullscope.check;

import java.util.List;

/** The default set of image checks, one entry per family, in the order docs/checks.md lists them. */
public final class HardeningChecks {

  private HardeningChecks() {}

  /** A fresh set of the default checks for one image (checks that read files keep per-image state). */
  public static ImageChecks defaults() {
    return defaults(SecretScanCache.NONE);
  }

  /**
   * A fresh set of the default checks whose secret scan keeps its per-layer results in a cache, so
   * a layer scanned once is not read again for secrets.
   */
  public static ImageChecks defaults(SecretScanCache secretCache) {
    return new ImageChecks(List.of(
        new UserCheck(),
        new SecretCheck(new SecretFiles(secretCache)),
        new BaseImageCheck(),
        new AttackSurfaceCheck(),
        new BuildHygieneCheck(),
        new SupplyChainCheck()));
  }
}
