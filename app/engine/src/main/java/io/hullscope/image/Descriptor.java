package io.hullscope.image;

import java.util.Map;

/**
 * A reference to a blob from a manifest or index: what it is, its digest and size.
 *
 * <p>Fields follow https://github.com/opencontainers/image-spec/blob/main/descriptor.md.
 *
 * @param platform the platform of an index entry, or null when the entry names none
 * @param annotations never null
 * @param artifactType the artifact type of an index entry, or null
 */
public record Descriptor(
    String mediaType, Digest digest, long size, Platform platform, Map<String, String> annotations, String artifactType) {

  /** Annotation BuildKit puts on index entries that are not images, for example attestations. */
  public static final String REFERENCE_TYPE_ANNOTATION = "vnd.docker.reference.type";

  /** OCI annotation holding the tag of an index.json entry, for example {@code 1.0}. */
  public static final String REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";

  /** containerd annotation holding the full name of an index.json entry. */
  public static final String IMAGE_NAME_ANNOTATION = "io.containerd.image.name";

  public Descriptor {
    if (digest == null) {
      throw new IllegalArgumentException("descriptor needs a digest");
    }
    if (size < 0) {
      throw new IllegalArgumentException("descriptor size must not be negative, got " + size);
    }
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /**
   * Returns true for an index entry that describes an attestation (BuildKit's
   * {@code attestation-manifest} reference type, or the platform {@code unknown/unknown}) rather
   * than a runnable image.
   */
  public boolean isAttestation() {
    return "attestation-manifest".equals(annotations.get(REFERENCE_TYPE_ANNOTATION))
        || (platform != null && !platform.isImage());
  }
}
