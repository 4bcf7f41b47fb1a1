package io.hullscope.ui.sbom;

import java.util.Map;

/** Names for display of the package URL types that catalogers produce. */
public final class Ecosystems {

  private static final Map<String, String> NAMES = Map.ofEntries(
      Map.entry("deb", "Debian packages"),
      Map.entry("apk", "Alpine packages"),
      Map.entry("rpm", "RPM packages"),
      Map.entry("pypi", "Python"),
      Map.entry("npm", "npm"),
      Map.entry("maven", "Java (Maven)"),
      Map.entry("golang", "Go modules"),
      Map.entry("cargo", "Rust crates"),
      Map.entry("gem", "Ruby gems"),
      Map.entry("composer", "PHP (Composer)"),
      Map.entry("nuget", ".NET (NuGet)"));

  private Ecosystems() {}

  /**
   * Returns the name of a package URL type, for example "Debian packages" for {@code deb}. An
   * unknown type, such as one from an imported SBOM, is returned as it is.
   */
  public static String displayName(String type) {
    if (type == null || type.isEmpty()) {
      return "Unknown type";
    }
    return NAMES.getOrDefault(type, type);
  }
}
