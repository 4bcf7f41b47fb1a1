package io.hullscope.ui.sbom;

import io.hullscope.sbom.ImagePackage;
import io.hullscope.sbom.Package;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The details pane's content for one package: every field as a named row.
 *
 * @param pkg the package shown
 * @param rows the fields in display order; a field the package does not record has the value
 *     {@link #NONE}
 */
public record PackageDetails(ImagePackage pkg, List<Row> rows) {

  /** Value of a field that the package does not record. */
  public static final String NONE = "none";

  /** Name of the row whose value is the evidence path. */
  public static final String EVIDENCE = "Evidence";

  public PackageDetails {
    rows = List.copyOf(rows);
  }

  /**
   * One field.
   *
   * @param link true when the value is the evidence path and can be opened in the Layers tab
   */
  public record Row(String name, String value, boolean link) {}

  /**
   * Describes a package.
   *
   * @param resolved the packages of the SBOM that its declared dependency names resolve to
   * @param canReveal true when the image's files are open, so that the evidence can be shown in
   *     the Layers tab
   */
  static PackageDetails of(ImagePackage found, List<SbomLayer> layers, List<ImagePackage> resolved, boolean canReveal) {
    Package pkg = found.pkg();
    List<Row> rows = new ArrayList<>();
    rows.add(text("Name", pkg.name()));
    rows.add(text("Version", pkg.version()));
    rows.add(text("Type", Ecosystems.displayName(pkg.type()) + " (" + pkg.type() + ")"));
    rows.add(text("Package URL", pkg.purl()));
    rows.add(text("Source package", sourcePackage(pkg)));
    rows.add(text("Architecture", pkg.architecture()));
    rows.add(text("Licenses", String.join(", ", pkg.licenses())));

    String evidence = pkg.evidencePath();
    boolean hasEvidence = evidence != null && !evidence.isBlank();
    rows.add(new Row(EVIDENCE, hasEvidence ? EvidencePaths.display(evidence) : NONE, hasEvidence && canReveal));
    rows.add(text("Added in layer",
        found.addedLayer() < 0 ? null : SbomTrees.fullLayerLabel(found.addedLayer(), layers)));
    rows.add(text("Changed in layer",
        found.changedLayer() < 0 ? null : SbomTrees.fullLayerLabel(found.changedLayer(), layers)));

    Map<String, String> hashes = new TreeMap<>(pkg.hashes());
    if (hashes.isEmpty()) {
      rows.add(text("Hashes", null));
    }
    hashes.forEach((algorithm, hex) -> rows.add(text(algorithm, hex)));

    rows.add(text("Dependencies", resolved.stream()
        .map(dependency -> dependency.pkg().name() + " " + dependency.pkg().version())
        .collect(Collectors.joining("\n"))));
    List<String> resolvedNames = resolved.stream().map(dependency -> dependency.pkg().name()).toList();
    List<String> unresolved = pkg.dependencies().stream().filter(name -> !resolvedNames.contains(name)).toList();
    if (!unresolved.isEmpty()) {
      rows.add(text("Dependencies not found", String.join(", ", unresolved)));
    }
    return new PackageDetails(found, rows);
  }

  /** Returns the value of the first row with that name, or null. */
  public String value(String name) {
    return rows.stream().filter(row -> row.name().equals(name)).map(Row::value).findFirst().orElse(null);
  }

  private static String sourcePackage(Package pkg) {
    if (pkg.sourceName() == null || pkg.sourceName().isBlank()) {
      // dpkg and apk leave the source out when it has the binary package's name.
      return Set.of("deb", "apk").contains(pkg.type()) ? "the same as the package (" + pkg.name() + ")" : null;
    }
    return pkg.sourceVersion() == null ? pkg.sourceName() : pkg.sourceName() + " " + pkg.sourceVersion();
  }

  private static Row text(String name, String value) {
    return new Row(name, value == null || value.isBlank() ? NONE : value, false);
  }
}
