package io.hullscope.sbom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The differences between two SBOMs of one image, typically ours and one another tool made.
 *
 * <p>Packages are matched by identity, see {@link SbomComparisonKeys}: purl type, namespace and
 * name (normalized per type), {@code arch} for OS packages, and type and name when a side has no
 * purl. Versions are compared after normalizing rpm and deb epochs. When several packages share
 * an identity (the same npm package installed twice), equal versions are paired first.
 *
 * @param onlyInOurs packages of ours that the other SBOM does not list, in our order
 * @param onlyInTheirs packages of theirs that ours does not list, in their order
 * @param differentVersions packages both list, with different versions
 * @param identical packages both list with the same version
 */
public record SbomComparison(
    List<ImagePackage> onlyInOurs, List<ImagePackage> onlyInTheirs, List<Match> differentVersions, List<Match> identical) {

  public SbomComparison {
    onlyInOurs = List.copyOf(onlyInOurs);
    onlyInTheirs = List.copyOf(onlyInTheirs);
    differentVersions = List.copyOf(differentVersions);
    identical = List.copyOf(identical);
  }

  /** One package as each SBOM lists it. */
  public record Match(ImagePackage ours, ImagePackage theirs) {}

  /** The number of packages in each group of a comparison. */
  public record Summary(int identical, int differentVersions, int onlyInOurs, int onlyInTheirs) {

    /** Returns the counts as one line, for example {@code 120 identical, 3 different versions, 2 only in ours, 0 only in theirs}. */
    @Override
    public String toString() {
      return identical + " identical, " + differentVersions + " different versions, " + onlyInOurs + " only in ours, "
          + onlyInTheirs + " only in theirs";
    }
  }

  /** Returns the number of packages in each group. */
  public Summary summary() {
    return new Summary(identical.size(), differentVersions.size(), onlyInOurs.size(), onlyInTheirs.size());
  }

  /**
   * Compares two SBOMs.
   *
   * <p>NOTE: packages that share a name are compared pairwise, so a document listing thousands of
   * packages under one name costs time quadratic in that number.
   */
  public static SbomComparison compare(ImageSbom ours, ImageSbom theirs) {
    List<Side> ourSide = sides(ours);
    List<Side> theirSide = sides(theirs);
    Map<String, List<Side>> theirsByBucket = new HashMap<>();
    for (Side side : theirSide) {
      theirsByBucket.computeIfAbsent(side.identity.bucket(), bucket -> new ArrayList<>()).add(side);
    }

    List<Match> identical = new ArrayList<>();
    List<Match> differentVersions = new ArrayList<>();
    for (boolean sameVersionOnly : new boolean[] {true, false}) {
      for (Side our : ourSide) {
        if (our.partner != null) {
          continue;
        }
        for (Side their : theirsByBucket.getOrDefault(our.identity.bucket(), List.of())) {
          if (their.partner == null && our.identity.matches(their.identity)
              && (!sameVersionOnly || our.version.equals(their.version))) {
            our.partner = their;
            their.partner = our;
            break;
          }
        }
      }
    }

    List<ImagePackage> onlyInOurs = new ArrayList<>();
    for (Side our : ourSide) {
      if (our.partner == null) {
        onlyInOurs.add(our.found);
      } else if (our.version.equals(our.partner.version)) {
        identical.add(new Match(our.found, our.partner.found));
      } else {
        differentVersions.add(new Match(our.found, our.partner.found));
      }
    }
    List<ImagePackage> onlyInTheirs = new ArrayList<>();
    for (Side their : theirSide) {
      if (their.partner == null) {
        onlyInTheirs.add(their.found);
      }
    }
    return new SbomComparison(onlyInOurs, onlyInTheirs, differentVersions, identical);
  }

  private static List<Side> sides(ImageSbom sbom) {
    List<Side> sides = new ArrayList<>(sbom.packages().size());
    for (ImagePackage found : sbom.packages()) {
      sides.add(new Side(found, SbomComparisonKeys.identity(found.pkg()), SbomComparisonKeys.effectiveVersion(found.pkg())));
    }
    return sides;
  }

  /** A package of one SBOM with its identity, its normalized version and, once matched, its partner. */
  private static final class Side {
    final ImagePackage found;
    final SbomComparisonKeys.Identity identity;
    final String version;
    Side partner;

    Side(ImagePackage found, SbomComparisonKeys.Identity identity, String version) {
      this.found = found;
      this.identity = identity;
      this.version = version;
    }
  }
}
