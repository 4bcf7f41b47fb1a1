package io.hullscope.image;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses OCI image indexes, Docker manifest lists, OCI image manifests and Docker v2 schema 2
 * manifests. Unknown fields are ignored; a missing required field, a wrong type or invalid JSON
 * ends in an {@link ImageReadException} naming the image and the file.
 */
public final class ManifestParser {

  private ManifestParser() {}

  /**
   * Parses an index or a manifest. The kind comes from the document's {@code mediaType}, else from
   * {@code declaredMediaType} (the descriptor that pointed at it, may be null), else from whether
   * it has {@code manifests}, or {@code config} or {@code layers}.
   */
  public static ManifestDocument parse(byte[] json, String declaredMediaType, String image, String entry)
      throws ImageReadException {
    JsonObject root = JsonObject.parse(json, image, entry);
    String mediaType = root.string("mediaType", false);
    rejectSchema1(root, mediaType, declaredMediaType);

    if (mediaType != null && declaredMediaType != null
        && MediaType.isIndex(mediaType) != MediaType.isIndex(declaredMediaType)
        && (MediaType.isIndex(declaredMediaType) || MediaType.isManifest(declaredMediaType))) {
      throw root.invalid("the document has media type " + mediaType
          + " but the descriptor pointing at it says " + declaredMediaType);
    }
    String effective = mediaType != null ? mediaType : declaredMediaType;
    boolean index;
    if (MediaType.isIndex(effective)) {
      index = true;
    } else if (MediaType.isManifest(effective)) {
      index = false;
    } else if (root.has("manifests") && !root.has("config") && !root.has("layers")) {
      index = true;
    } else if (root.has("config") || root.has("layers")) {
      index = false;
    } else {
      String described = effective == null ? "no media type" : "media type " + effective;
      throw root.invalid("neither an image index nor an image manifest (" + described
          + " and no 'manifests', 'config' or 'layers' field)");
    }
    return index ? index(root, effective) : manifest(root, effective);
  }

  /** Parses an index or manifest list, such as the {@code index.json} of an OCI layout. */
  public static OciIndex parseIndex(byte[] json, String image, String entry) throws ImageReadException {
    ManifestDocument document = parse(json, MediaType.OCI_INDEX, image, entry);
    if (!(document instanceof OciIndex index)) {
      throw new ImageReadException(image, null, entry, "expected an image index but found an image manifest");
    }
    return index;
  }

  /** Parses an image manifest. */
  public static ImageManifest parseManifest(byte[] json, String image, String entry) throws ImageReadException {
    ManifestDocument document = parse(json, null, image, entry);
    if (!(document instanceof ImageManifest manifest)) {
      throw new ImageReadException(image, null, entry, "expected an image manifest but found an image index");
    }
    return manifest;
  }

  private static OciIndex index(JsonObject root, String mediaType) throws ImageReadException {
    List<Descriptor> manifests = new ArrayList<>();
    for (JsonObject item : root.objects("manifests", true)) {
      manifests.add(descriptor(item));
    }
    return new OciIndex(mediaType == null ? MediaType.OCI_INDEX : mediaType, manifests, root.stringMap("annotations"));
  }

  private static ImageManifest manifest(JsonObject root, String mediaType) throws ImageReadException {
    Descriptor config = descriptor(root.object("config", true));
    List<Descriptor> layers = new ArrayList<>();
    for (JsonObject item : root.objects("layers", true)) {
      layers.add(descriptor(item));
    }
    return new ImageManifest(mediaType == null ? MediaType.OCI_MANIFEST : mediaType, config, layers, root.stringMap("annotations"));
  }

  /** Parses one descriptor object; {@code mediaType}, {@code digest} and {@code size} are required. */
  static Descriptor descriptor(JsonObject item) throws ImageReadException {
    String mediaType = item.string("mediaType", true);
    String digestText = item.string("digest", true);
    Digest digest;
    try {
      digest = Digest.parse(digestText);
    } catch (IllegalArgumentException e) {
      throw item.invalidField("digest", "is invalid: " + e.getMessage());
    }
    long size = item.number("size", true);
    if (size < 0) {
      throw item.invalidField("size", "must not be negative but is " + size);
    }
    Platform platform = null;
    JsonObject platformJson = item.object("platform", false);
    if (platformJson != null) {
      platform = platform(platformJson);
    }
    return new Descriptor(mediaType, digest, size, platform, item.stringMap("annotations"), item.string("artifactType", false));
  }

  /** Parses {@code os}, {@code architecture} and {@code variant} of a platform or config object. */
  static Platform platform(JsonObject json) throws ImageReadException {
    String os = json.string("os", true);
    String architecture = json.string("architecture", true);
    String variant = json.string("variant", false);
    try {
      return new Platform(os, architecture, variant);
    } catch (IllegalArgumentException e) {
      throw json.invalid("invalid platform: " + e.getMessage());
    }
  }

  private static void rejectSchema1(JsonObject root, String mediaType, String declaredMediaType) throws ImageReadException {
    Long schemaVersion = root.number("schemaVersion", false);
    boolean schema1 = MediaType.DOCKER_MANIFEST_V1.equals(mediaType)
        || MediaType.DOCKER_MANIFEST_V1_SIGNED.equals(mediaType)
        || MediaType.DOCKER_MANIFEST_V1.equals(declaredMediaType)
        || MediaType.DOCKER_MANIFEST_V1_SIGNED.equals(declaredMediaType)
        || (schemaVersion != null && schemaVersion == 1);
    if (schema1) {
      throw root.invalid("Docker schema 1 manifests are not supported; push or save the image again with Docker 1.10 or later");
    }
    if (schemaVersion != null && schemaVersion != 2) {
      throw root.invalidField("schemaVersion", "must be 2 but is " + schemaVersion);
    }
  }
}
