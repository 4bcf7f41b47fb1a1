package io.hullscope.ui.sbom;

import io.hullscope.sbom.ImagePackage;
import io.hullscope.ui.sbom.SbomNode.Evidence;
import io.hullscope.ui.sbom.SbomNode.Group;
import io.hullscope.ui.sbom.SbomNode.PackageItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Builds the top rows of the SBOM tree for each {@link SbomGrouping}. */
final class SbomTrees {

  /** Orders packages by name, ignoring case, then by version. */
  static final Comparator<ImagePackage> BY_NAME = Comparator
      .comparing((ImagePackage found) -> found.pkg().name().toLowerCase(Locale.ROOT))
      .thenComparing(found -> String.valueOf(found.pkg().version()));

  private SbomTrees() {}

  /**
   * Groups the matching packages by ecosystem, in the order of {@code totals}.
   *
   * @param totals package count per type in the whole SBOM, most frequent first
   */
  static List<SbomNode> byEcosystem(List<ImagePackage> matching, Map<String, Integer> totals) {
    Map<String, List<ImagePackage>> byType = new LinkedHashMap<>();
    totals.keySet().forEach(type -> byType.put(type, new ArrayList<>()));
    for (ImagePackage found : matching) {
      byType.computeIfAbsent(found.pkg().type(), type -> new ArrayList<>()).add(found);
    }
    List<SbomNode> groups = new ArrayList<>();
    byType.forEach((type, packages) -> {
      if (!packages.isEmpty()) {
        int total = totals.getOrDefault(type, packages.size());
        String name = Ecosystems.displayName(type);
        String description = name + ": package URL type " + type;
        groups.add(new Group(name, count(packages.size(), total), description, withEvidence(packages)));
      }
    });
    return groups;
  }

  /**
   * Groups the matching packages by the layer that added them, bottom layer first. Packages whose
   * layer is unknown, as in an imported SBOM, come last.
   */
  static List<SbomNode> byLayer(List<ImagePackage> matching, List<ImagePackage> all, List<SbomLayer> layers) {
    Map<Integer, List<ImagePackage>> byLayer = new TreeMap<>(Comparator.comparingInt(SbomTrees::unknownLast));
    for (ImagePackage found : matching) {
      byLayer.computeIfAbsent(found.addedLayer(), layer -> new ArrayList<>()).add(found);
    }
    Map<Integer, Integer> totals = new TreeMap<>();
    for (ImagePackage found : all) {
      totals.merge(found.addedLayer(), 1, Integer::sum);
    }
    List<SbomNode> groups = new ArrayList<>();
    byLayer.forEach((layer, packages) -> {
      String label = layerLabel(layer, layers);
      String description = layer < 0 ? "Packages of an imported SBOM, which records no layers"
          : "Packages added in layer " + fullLayerLabel(layer, layers);
      groups.add(new Group(label, count(packages.size(), totals.getOrDefault(layer, 0)), description,
          withEvidence(packages)));
    });
    return groups;
  }

  /**
   * Lists the matching packages, each expandable to the packages it depends on.
   *
   * @param graph resolved dependencies of every package of the SBOM, see
   *     {@link io.hullscope.sbom.ImageSbom#dependencies()}
   */
  static List<SbomNode> byDependencies(List<ImagePackage> matching, Map<ImagePackage, List<ImagePackage>> graph) {
    List<ImagePackage> sorted = new ArrayList<>(matching);
    sorted.sort(Comparator.comparing((ImagePackage found) -> Ecosystems.displayName(found.pkg().type()))
        .thenComparing(BY_NAME));
    List<SbomNode> rows = new ArrayList<>(sorted.size());
    for (ImagePackage found : sorted) {
      rows.add(dependencyRow(found, null, graph));
    }
    return rows;
  }

  private static PackageItem dependencyRow(
      ImagePackage found, PackageItem parent, Map<ImagePackage, List<ImagePackage>> graph) {
    return new PackageItem(found, parent, self -> {
      List<SbomNode> children = new ArrayList<>();
      for (ImagePackage dependency : graph.getOrDefault(self.pkg(), List.of())) {
        children.add(dependencyRow(dependency, self, graph));
      }
      return children;
    });
  }

  /** Returns the label of a layer position, or of -1 for an unknown layer. */
  static String layerLabel(int layer, List<SbomLayer> layers) {
    if (layer < 0) {
      return "Unknown layer";
    }
    return layer < layers.size() ? layers.get(layer).label() : "#" + layer;
  }

  /** Returns the label of a layer position with the whole history command. */
  static String fullLayerLabel(int layer, List<SbomLayer> layers) {
    return layer >= 0 && layer < layers.size() ? layers.get(layer).fullLabel() : layerLabel(layer, layers);
  }

  private static List<SbomNode> withEvidence(List<ImagePackage> packages) {
    List<ImagePackage> sorted = new ArrayList<>(packages);
    sorted.sort(BY_NAME);
    List<SbomNode> rows = new ArrayList<>(sorted.size());
    for (ImagePackage found : sorted) {
      rows.add(new PackageItem(found, null, self -> evidence(self.pkg())));
    }
    return rows;
  }

  private static List<SbomNode> evidence(ImagePackage found) {
    String path = found.pkg().evidencePath();
    if (path == null || path.isBlank()) {
      return List.of();
    }
    return List.of(new Evidence(found, EvidencePaths.display(path)));
  }

  private static String count(int matching, int total) {
    return matching == total ? Integer.toString(total) : matching + " of " + total;
  }

  private static int unknownLast(int layer) {
    return layer < 0 ? Integer.MAX_VALUE : layer;
  }
}
