package io.hullscope.compare;

import io.hullscope.sbom.ImagePackage;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.SbomComparison;
import io.hullscope.vuln.version.VersionScheme;
import io.hullscope.vuln.version.VersionSchemes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The package differences of two images, matched as {@link SbomComparison} matches them (purl type,
 * namespace and name; architecture for OS packages).
 *
 * @param available false when either image has no SBOM; the lists are then empty
 * @param added packages only the right image has, sorted by type, name and version
 * @param removed packages only the left image has, sorted the same way
 * @param changed packages in both with different versions, sorted by type and name
 * @param unchanged number of packages in both with the same version
 */
public record PackageComparison(boolean available, List<ImagePackage> added, List<ImagePackage> removed,
    List<PackageChange> changed, int unchanged) {

  /**
   * Package URL types mapped to the OSV ecosystem whose version scheme orders them. {@code deb}
   * covers Ubuntu too, because Debian and Ubuntu share dpkg's ordering.
   */
  private static final Map<String, String> ECOSYSTEM_BY_TYPE = Map.ofEntries(
      Map.entry("deb", "Debian"),
      Map.entry("apk", "Alpine"),
      Map.entry("rpm", "Red Hat"),
      Map.entry("npm", "npm"),
      Map.entry("cargo", "crates.io"),
      Map.entry("golang", "Go"),
      Map.entry("maven", "Maven"),
      Map.entry("pypi", "PyPI"),
      Map.entry("nuget", "NuGet"),
      Map.entry("gem", "RubyGems"),
      Map.entry("composer", "Packagist"));

  private static final Comparator<ImagePackage> BY_IDENTITY = Comparator
      .comparing((ImagePackage found) -> found.pkg().type())
      .thenComparing(found -> found.pkg().name())
      .thenComparing(found -> String.valueOf(found.pkg().version()))
      .thenComparing(found -> String.valueOf(found.pkg().evidencePath()));

  public PackageComparison {
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    changed = List.copyOf(changed);
  }

  static PackageComparison of(ImageSbom left, ImageSbom right) {
    if (left == null || right == null) {
      return new PackageComparison(false, List.of(), List.of(), List.of(), 0);
    }
    SbomComparison comparison = SbomComparison.compare(left, right);
    List<PackageChange> changed = new ArrayList<>();
    for (SbomComparison.Match match : comparison.differentVersions()) {
      changed.add(new PackageChange(match.ours(), match.theirs(), direction(match.ours(), match.theirs())));
    }
    changed.sort(Comparator.comparing(PackageChange::before, BY_IDENTITY));
    return new PackageComparison(true, sorted(comparison.onlyInTheirs()), sorted(comparison.onlyInOurs()), changed,
        comparison.identical().size());
  }

  private static List<ImagePackage> sorted(List<ImagePackage> packages) {
    List<ImagePackage> copy = new ArrayList<>(packages);
    copy.sort(BY_IDENTITY);
    return copy;
  }

  /** Orders the two versions with the scheme of the package type, when one fits. */
  static PackageChange.Direction direction(ImagePackage before, ImagePackage after) {
    Optional<VersionScheme> scheme = schemeOf(after.pkg().type());
    if (scheme.isEmpty() || before.pkg().version() == null || after.pkg().version() == null) {
      return PackageChange.Direction.UNKNOWN;
    }
    try {
      int order = scheme.get().compare(before.pkg().version(), after.pkg().version());
      if (order == 0) {
        return PackageChange.Direction.UNKNOWN;
      }
      return order < 0 ? PackageChange.Direction.UPGRADE : PackageChange.Direction.DOWNGRADE;
    } catch (IllegalArgumentException e) {
      // InvalidVersionException is an IllegalArgumentException: a version outside the scheme.
      return PackageChange.Direction.UNKNOWN;
    }
  }

  private static Optional<VersionScheme> schemeOf(String purlType) {
    String ecosystem = purlType == null ? null : ECOSYSTEM_BY_TYPE.get(purlType.toLowerCase(Locale.ROOT));
    return ecosystem == null ? Optional.empty() : VersionSchemes.forEcosystem(ecosystem);
  }
}
