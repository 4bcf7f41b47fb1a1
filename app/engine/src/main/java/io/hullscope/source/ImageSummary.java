package io.hullscope.source;

import io.hullscope.image.Digest;
import io.hullscope.image.Platform;
import java.time.Instant;
import java.util.List;

/**
 * One row of a source's image list.
 *
 * @param key what to pass to {@link ImageSource#open} to open this image
 * @param references tags or names, may be empty for an untagged image
 * @param digest manifest digest, or the image id when no manifest is known
 * @param size total size in bytes as the source reports it, or -1
 * @param created creation time from the config, or null
 * @param layerCount number of layers, or -1 when unknown before opening
 * @param user the config's {@code User}, empty when unset, null when unknown before opening
 * @param platforms image platforms available under this key (attestations excluded)
 */
public record ImageSummary(
    String key,
    List<String> references,
    Digest digest,
    long size,
    Instant created,
    int layerCount,
    String user,
    List<Platform> platforms) {

  public ImageSummary {
    references = references == null ? List.of() : List.copyOf(references);
    platforms = platforms == null ? List.of() : List.copyOf(platforms);
  }

  /** Returns the first reference, or the short digest for an untagged image. */
  public String displayName() {
    return references.isEmpty() ? "<none>@" + digest.shortHex() : references.get(0);
  }
}
