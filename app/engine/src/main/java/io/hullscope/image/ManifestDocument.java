package io.hullscope.image;

/** A parsed manifest-like document: an image index (or manifest list), or an image manifest. */
public sealed interface ManifestDocument permits OciIndex, ImageManifest {

  /** Media type the document declares, or the one its descriptor gave when it declares none. */
  String mediaType();
}
