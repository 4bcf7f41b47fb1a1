package io.hullscope.sbom;

/**
 * The distribution an image is built on, as {@code os-release} names it.
 *
 * @param id lower-case distribution id, for example {@code debian} or {@code alpine}; null when
 *     unknown
 * @param versionId version number, for example {@code 12} or {@code 3.19.1}; null when absent
 * @param versionCodename release code name, for example {@code bookworm}; null when absent
 * @param prettyName name for display; null when absent
 */
public record Distro(String id, String versionId, String versionCodename, String prettyName) {

  /** Returns the purl {@code distro} qualifier, for example {@code debian-12}, or null. */
  public String purlQualifier() {
    if (id == null || id.isEmpty()) {
      return null;
    }
    return versionId == null || versionId.isEmpty() ? id : id + "-" + versionId;
  }
}
