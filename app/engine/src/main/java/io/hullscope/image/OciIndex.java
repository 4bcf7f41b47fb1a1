package io.hullscope.image;

import java.util.List;
import java.util.Map;

/**
 * An OCI image index or Docker manifest list: the entries of a multi-platform image, or the
 * {@code index.json} of an OCI layout.
 *
 * @param manifests entries in document order; they may be images, attestations or nested indexes
 */
public record OciIndex(String mediaType, List<Descriptor> manifests, Map<String, String> annotations)
    implements ManifestDocument {

  public OciIndex {
    manifests = List.copyOf(manifests);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }
}
