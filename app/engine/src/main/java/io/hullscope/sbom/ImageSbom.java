package io.hullscope.sbom;

import io.hullscope.image.Digest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The software bill of materials of one image: every package found, the layer each came from,
 * and the files that could not be read.
 *
 * @param subject the image described; null for an imported SBOM that names no image digest
 * @param distro the distro of the final file system; null when unknown
 * @param packages the packages, in the order the catalog found them
 * @param layers the diff ids (uncompressed digests) of the image's layers by position; empty for
 *     an imported SBOM
 * @param warnings files whose packages could not be read
 * @param tool name and version of the tool that made the SBOM, for example {@code Hullscope 0.1.0}
 *     or {@code syft 1.18.1}
 */
public record ImageSbom(
    SbomSubject subject,
    Distro distro,
    List<ImagePackage> packages,
    List<Digest> layers,
    List<CatalogWarning> warnings,
    String tool) {

  public ImageSbom {
    packages = List.copyOf(packages);
    layers = List.copyOf(layers);
    warnings = List.copyOf(warnings);
  }

  /** Returns the number of packages per package URL type, most frequent first. */
  public Map<String, Integer> countsByType() {
    Map<String, Integer> counts = new HashMap<>();
    for (ImagePackage found : packages) {
      counts.merge(found.pkg().type(), 1, Integer::sum);
    }
    List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    Map<String, Integer> ordered = new LinkedHashMap<>();
    sorted.forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
    return ordered;
  }

  /**
   * Resolves each package's declared dependency names to packages of the same type in this SBOM.
   * Where several packages share the name (the same npm package nested twice), the one whose
   * evidence path shares the longest prefix with the dependent's is taken. Names that match no
   * package are left out.
   */
  public Map<ImagePackage, List<ImagePackage>> dependencies() {
    Map<String, List<ImagePackage>> byTypeAndName = new TreeMap<>();
    for (ImagePackage found : packages) {
      byTypeAndName.computeIfAbsent(key(found.pkg().type(), found.pkg().name()), k -> new ArrayList<>()).add(found);
    }
    Map<ImagePackage, List<ImagePackage>> graph = new LinkedHashMap<>();
    for (ImagePackage found : packages) {
      List<ImagePackage> resolved = new ArrayList<>();
      for (String name : found.pkg().dependencies()) {
        List<ImagePackage> candidates = byTypeAndName.get(key(found.pkg().type(), name));
        if (candidates != null) {
          String from = String.valueOf(found.pkg().evidencePath());
          ImagePackage best = candidates.stream()
              .filter(candidate -> candidate != found)
              .max(Comparator.comparingInt(candidate -> commonPrefix(from, String.valueOf(candidate.pkg().evidencePath()))))
              .orElse(null);
          if (best != null && !resolved.contains(best)) {
            resolved.add(best);
          }
        }
      }
      graph.put(found, resolved);
    }
    return graph;
  }

  private static String key(String type, String name) {
    return type + "\u0000" + name;
  }

  private static int commonPrefix(String a, String b) {
    int length = Math.min(a.length(), b.length());
    int i = 0;
    while (i < length && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }
}
