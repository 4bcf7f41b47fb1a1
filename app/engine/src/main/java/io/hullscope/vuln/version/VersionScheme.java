package io.hullscope.vuln.version;

/**
 * The ordering rules of one kind of version string, for example dpkg's or SemVer's.
 *
 * <p>Implementations are stateless and thread-safe. Two strings that name the same version under
 * the scheme's rules (for example {@code 1.0} and {@code 1.0.0} in some schemes) compare as 0.
 */
public interface VersionScheme {

  /** Short name, for example {@code dpkg}, {@code apk}, {@code rpm}, {@code maven}, {@code pep440}, {@code semver}, {@code go}. */
  String name();

  /**
   * Compares two versions.
   *
   * @return a negative number, zero or a positive number as {@code a} is older than, the same as
   *     or newer than {@code b}
   * @throws InvalidVersionException when either string is not a version of this scheme
   */
  int compare(String a, String b);
}
