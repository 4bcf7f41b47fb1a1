package io.hullscope.sbom;

import com.github.packageurl.PackageURL;
import io.hullscope.image.Digest;
import io.hullscope.image.ImageReference;
import io.hullscope.image.Platform;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads image identities and tool names from the notations SBOM tools use for them. */
final class SbomImportSubjects {

  /** A creator such as {@code trivy-0.50.1} or {@code hullscope-0.1.0}: a name, a hyphen and a version. */
  private static final Pattern NAME_DASH_VERSION = Pattern.compile("(.+?)-(v?\\d[^\\s]*)");

  private SbomImportSubjects() {}

  /**
   * Returns the image an {@code oci} purl names, for example {@code
   * pkg:oci/debian@sha256%3A...?repository_url=docker.io/library/debian&tag=12}, or null when its
   * version is not a digest.
   */
  static SbomSubject fromOciPurl(PackageURL purl, Platform platform) {
    Digest digest = digest(purl.getVersion());
    if (digest == null) {
      return null;
    }
    Map<String, String> qualifiers = purl.getQualifiers();
    ImageReference reference = null;
    String repository = qualifiers == null ? null : qualifiers.get("repository_url");
    if (repository != null) {
      String tag = qualifiers.get("tag");
      reference = reference(tag == null ? repository : repository + ":" + tag);
    }
    return new SbomSubject(reference, digest, platform);
  }

  /** Parses an image reference such as {@code ghcr.io/org/app:1.0}; returns null when it does not parse. */
  static ImageReference reference(String text) {
    if (text == null || text.isBlank() || text.length() > SbomImportContext.MAX_FIELD_LENGTH) {
      return null;
    }
    try {
      return ImageReference.parse(text.strip());
    } catch (IllegalArgumentException e) {
      // Tools often put a file path or a free label where the image name goes; it is no reference.
      return null;
    }
  }

  /** Returns the digest of a reference by digest such as {@code ghcr.io/org/app@sha256:...}, or null. */
  static Digest repoDigest(String text) {
    ImageReference reference = reference(text);
    return reference == null ? null : reference.digest();
  }

  /** Parses a digest such as {@code sha256:...}; returns null when the text is not one. */
  static Digest digest(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Digest.parse(text.strip());
    } catch (IllegalArgumentException e) {
      // Tools write placeholders such as "sha256:redacted" and versions that are no digests.
      return null;
    }
  }

  /** Joins a tool's name and version with a space, leaving out what is missing; null when both are. */
  static String nameAndVersion(String name, String version) {
    boolean hasName = name != null && !name.isBlank();
    boolean hasVersion = version != null && !version.isBlank();
    if (hasName && hasVersion) {
      return name.strip() + " " + version.strip();
    }
    return hasName ? name.strip() : null;
  }

  /**
   * Returns an SPDX creator such as {@code Tool: trivy-0.50.1} as {@code trivy 0.50.1}; a tool
   * whose name has no version suffix, such as {@code trivy-dev}, is returned unchanged.
   */
  static String spdxTool(String creator) {
    String tool = creator.substring("Tool:".length()).strip();
    var matcher = NAME_DASH_VERSION.matcher(tool);
    return matcher.matches() ? matcher.group(1) + " " + matcher.group(2) : tool;
  }
}
