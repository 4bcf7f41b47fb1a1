package io.hullscope.ui.sbom;

/**
 * The number of packages of one ecosystem in the SBOM and the number of them the filter matches.
 *
 * @param type package URL type, for example {@code deb}
 */
public record EcosystemCount(String type, int matching, int total) {

  /** Returns the ecosystem's display name, for example "Debian packages". */
  public String name() {
    return Ecosystems.displayName(type);
  }

  /** Returns the text of the count chip, for example "Python 12" or "Python 3 of 12" while filtering. */
  public String label() {
    return name() + " " + (matching == total ? Integer.toString(total) : matching + " of " + total);
  }
}
