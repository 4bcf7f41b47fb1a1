package io.hullscope.ui.sbom;

/**
 * How many packages of one ecosystem the SBOM has and how many of them the filter shows.
 *
 * @param type package URL type, for example {@code deb}
 */
public record EcosystemCount(String type, int shown, int total) {

  /** Returns the ecosystem's display name, for example "Debian packages". */
  public String name() {
    return Ecosystems.displayName(type);
  }

  /** Returns the text of the count chip, for example "Python 12" or "Python 3 of 12" while filtering. */
  public String label() {
    return name() + " " + (shown == total ? Integer.toString(total) : shown + " of " + total);
  }
}
