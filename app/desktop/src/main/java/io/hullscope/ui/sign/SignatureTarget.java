package io.hullscope.ui.sign;

import io.hullscope.image.Digest;
import io.hullscope.image.ImageReference;
import io.hullscope.source.docker.DockerDaemonSource;
import io.hullscope.source.registry.RegistrySource;
import io.hullscope.ui.sources.ImageRow;

/**
 * Where the signatures of an image in the table would be: in the registry it was opened from, in
 * the registry a Docker image was pulled from, or nowhere that Hullscope can reach.
 *
 * @param kind how the signatures are found
 * @param key identifies the image in the table's signature states
 * @param explanation one sentence for the tab about where the signatures are looked up or why none can be
 * @param registry the source the image was opened from; null for other targets and for a Docker repo digest
 * @param reference the registry reference of a {@link Kind#REGISTRY} target; null otherwise
 * @param digest the manifest digest whose signatures are looked up; null unless {@link Kind#REGISTRY}
 * @param docker the daemon of a {@link Kind#DOCKER} target; null otherwise
 * @param dockerKey the image id or name in the daemon; null unless {@link Kind#DOCKER}
 */
record SignatureTarget(Kind kind, String key, String explanation, RegistrySource registry, ImageReference reference,
    Digest digest, DockerDaemonSource docker, String dockerKey) {

  /** The place where the signatures of an image are found. */
  enum Kind {
    /** Opened from a registry or Harbor: the signatures are next to it. */
    REGISTRY,
    /** In the Docker daemon: its repo digest, if it has one, names the registry to ask. */
    DOCKER,
    /** An archive or layout folder: it carries no registry. */
    NONE
  }

  /** Returns where the signatures of {@code row} would be. */
  static SignatureTarget of(ImageRow row) {
    String key = key(row);
    if (row.source() instanceof RegistrySource registry && row.summary().digest() != null) {
      ImageReference parsed;
      try {
        parsed = ImageReference.parse(row.summary().key());
      } catch (IllegalArgumentException e) {
        return none(key, "The image's key " + row.summary().key() + " is not a registry reference, so its"
            + " signatures cannot be looked up.");
      }
      Digest digest = row.summary().digest();
      return new SignatureTarget(Kind.REGISTRY, key, "Signatures are looked up in " + parsed.registry() + "/"
          + parsed.repository() + " for the manifest " + digest + ".", registry, parsed, digest, null, null);
    }
    if (row.source() instanceof DockerDaemonSource docker) {
      return new SignatureTarget(Kind.DOCKER, key, "This image is in the Docker daemon. Its signatures, if any,"
          + " are in the registry it was pulled from, found through its repo digest. Nothing is looked up until"
          + " you press \"Look up in registry\".", null, null, null, docker, row.summary().key());
    }
    return none(key, "This image was opened from a file, which carries no registry. Signatures live next to the"
        + " image in a registry (cosign tags sha256-<digest>.sig and .att, OCI referrers for notation and"
        + " Sigstore bundles), so none can be looked up. Push the image and open it from the registry to check"
        + " them.");
  }

  /** Returns a {@link Kind#REGISTRY} target for an image a Docker repo digest points at. */
  static SignatureTarget repoDigest(String key, ImageReference reference) {
    return new SignatureTarget(Kind.REGISTRY, key, "The Docker image's repo digest points to " + reference.registry()
        + "/" + reference.repository() + ", where its signatures are looked up for the manifest " + reference.digest()
        + ".", null, reference, reference.digest(), null, null);
  }

  private static SignatureTarget none(String key, String explanation) {
    return new SignatureTarget(Kind.NONE, key, explanation, null, null, null, null, null);
  }

  /** Returns the key of a row in the table's signature states: the image's key and digest, not its source object. */
  static String key(ImageRow row) {
    return row.summary().key() + "|" + row.summary().digest();
  }
}
