package io.hullscope.image;

/**
 * Media types of the OCI image spec and of Docker's image manifest v2, with what each one is.
 *
 * <p>The media type of a layer never decides how it is decompressed: {@code io.hullscope.index.Compression} looks
 * at the first bytes instead, because registries and tools mislabel layers.
 */
public final class MediaType {

  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_V1 = "application/vnd.docker.distribution.manifest.v1+json";
  public static final String DOCKER_MANIFEST_V1_SIGNED =
      "application/vnd.docker.distribution.manifest.v1+prettyjws";
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  public static final String DOCKER_LAYER_FOREIGN =
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

  private MediaType() {}

  /** Returns true for an OCI image index or a Docker manifest list. */
  public static boolean isIndex(String mediaType) {
    return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
  }

  /** Returns true for an OCI image manifest or a Docker v2 schema 2 manifest. */
  public static boolean isManifest(String mediaType) {
    return OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType);
  }

  /** Returns true for an OCI or Docker image config. */
  public static boolean isImageConfig(String mediaType) {
    return OCI_CONFIG.equals(mediaType) || DOCKER_CONFIG.equals(mediaType);
  }
}
