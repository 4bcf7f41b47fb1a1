package io.hullscope.sbom;

import java.util.List;
import java.util.Map;

/**
 * The catalogers' results for one layer's own files, keyed by path. It depends only on the layer's
 * bytes and the catalogers' versions, so it is cached by layer digest and shared by every image
 * that contains the layer.
 *
 * @param files the result for each file a cataloger read, by path relative to the image root
 */
public record LayerCatalog(Map<String, FileCatalog> files) {

  public LayerCatalog {
    files = Map.copyOf(files);
  }

  /**
   * The result of reading one file: the packages it declares, the distro it names (for {@code
   * os-release}), or the reason it could not be read.
   *
   * @param cataloger name of the cataloger that read the file, or {@code os-release}
   * @param packages packages declared; empty when the file could not be read
   * @param distro the distro, for an {@code os-release} file; null otherwise
   * @param warning why the file could not be read; null when it was read
   * @param licenses licenses the file declares for packages that other files list, keyed by
   *     package type and name (for example {@code deb/bash}); empty for most files
   */
  public record FileCatalog(String cataloger, List<Package> packages, Distro distro, String warning,
      Map<String, List<String>> licenses) {

    public FileCatalog {
      packages = List.copyOf(packages);
      licenses = licenses == null ? Map.of() : Map.copyOf(licenses);
    }

    /** Creates the result of a file that declares no licenses for other packages. */
    public FileCatalog(String cataloger, List<Package> packages, Distro distro, String warning) {
      this(cataloger, packages, distro, warning, Map.of());
    }
  }
}
