package io.hullscope.sbom;

import io.hullscope.image.Digest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SBOM made by another tool, read into our model.
 *
 * @param sbom the packages, with unknown layer positions; see {@link SbomImporter#withLayers}
 * @param format the document format and version, for example {@code CycloneDX 1.5 JSON} or
 *     {@code SPDX-2.3 JSON}
 * @param addedLayers the diff id of the layer each package came from, by the package's position
 *     in {@code sbom.packages()}; an element is null when the document does not name a valid one
 * @param changedLayers the diff id of the layer that set each package's version, by position. An
 *     element is null when the document names no layer or only one, as other tools do
 * @param skipped the number of components or SPDX elements that are not packages, by kind: for
 *     example {@code container}, {@code operating-system}, {@code file}, {@code result-group} for
 *     Trivy's groups of results, or {@code invalid} for entries left out because they were malformed
 */
public record SbomImport(
    ImageSbom sbom, String format, List<Digest> addedLayers, List<Digest> changedLayers, Map<String, Integer> skipped) {

  public SbomImport {
    if (addedLayers.size() != sbom.packages().size() || changedLayers.size() != sbom.packages().size()) {
      throw new IllegalArgumentException("addedLayers has " + addedLayers.size() + " and changedLayers "
          + changedLayers.size() + " entries for " + sbom.packages().size() + " packages");
    }
    // List.copyOf rejects null elements, and null is the value for an unknown layer.
    addedLayers = Collections.unmodifiableList(new ArrayList<>(addedLayers));
    changedLayers = Collections.unmodifiableList(new ArrayList<>(changedLayers));
    skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
  }

  /** Returns the total number of entries that were not imported as packages. */
  public int skippedCount() {
    return skipped.values().stream().mapToInt(Integer::intValue).sum();
  }
}
