package io.hullscope.source.registry;

import io.hullscope.image.Digest;

/**
 * A manifest or index as the registry sent it, after its digest was checked.
 *
 * @param mediaType the response's {@code Content-Type} without parameters, or null when absent
 * @param bytes the exact bytes, bounded by {@link io.hullscope.image.Limits#maxMetadataSize()}
 * @param digest the digest the bytes were checked against: the requested digest, else the
 *     registry's {@code Docker-Content-Digest}, else the sha256 of the bytes
 */
public record RegistryManifest(String mediaType, byte[] bytes, Digest digest) {

  public RegistryManifest {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }
}
