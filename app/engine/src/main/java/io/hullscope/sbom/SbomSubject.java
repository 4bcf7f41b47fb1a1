package io.hullscope.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.hullscope.image.Digest;
import io.hullscope.image.Image;
import io.hullscope.image.ImageReference;
import io.hullscope.image.Platform;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The image an SBOM describes: how it is named, its identity and its platform.
 *
 * @param reference the reference the image is known by; null for an image without one
 * @param digest the manifest digest, or the config digest when the source has no manifest
 * @param platform the image's platform; null when unknown
 */
public record SbomSubject(ImageReference reference, Digest digest, Platform platform) {

  public SbomSubject {
    if (digest == null) {
      throw new IllegalArgumentException("an SBOM subject needs the image digest");
    }
  }

  /**
   * Describes an opened image by its first reference that parses, its digest and the platform
   * of its config.
   */
  public static SbomSubject of(Image image) {
    ImageReference reference = null;
    for (String text : image.references()) {
      try {
        reference = ImageReference.parse(text);
        break;
      } catch (IllegalArgumentException e) {
        // An unparsable name is skipped; the next reference may parse.
      }
    }
    Platform platform = image.config() == null ? null : image.config().platform();
    return new SbomSubject(reference, image.digest(), platform);
  }

  /**
   * Returns the name to show: the reference without tag or digest, for example {@code nginx}
   * or {@code gcr.io/distroless/base}; the short digest when the image has no reference.
   */
  public String displayName() {
    if (reference == null) {
      return digest.shortHex();
    }
    return new ImageReference(reference.registry(), reference.repository(), null, null).familiar();
  }

  /** Returns the tag when the reference has one, otherwise the digest. */
  public String displayVersion() {
    return reference != null && reference.tag() != null ? reference.tag() : digest.toString();
  }

  /**
   * Returns the OCI package URL of the image, for example {@code
   * pkg:oci/debian@sha256%3A...?arch=amd64&repository_url=docker.io/library/debian&tag=12}.
   *
   * <p>Per https://github.com/package-url/purl-spec (type {@code oci}) the name is the last
   * segment of the repository, the version is the manifest digest and {@code repository_url}
   * contains the registry and repository without scheme.
   */
  public String purl() {
    TreeMap<String, String> qualifiers = new TreeMap<>();
    String name;
    if (reference != null) {
      String repository = reference.repository();
      name = repository.substring(repository.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
      qualifiers.put("repository_url", reference.registry() + "/" + repository);
      if (reference.tag() != null) {
        qualifiers.put("tag", reference.tag());
      }
    } else {
      name = digest.shortHex();
    }
    if (platform != null && platform.isImage()) {
      qualifiers.put("arch", platform.architecture());
    }
    try {
      return new PackageURL("oci", null, name, digest.toString(), qualifiers, null).canonicalize();
    } catch (MalformedPackageURLException e) {
      throw new IllegalArgumentException(
          "invalid package URL for image " + displayName() + " (" + digest + "): " + e.getMessage(), e);
    }
  }
}
