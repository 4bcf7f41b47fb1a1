package io.hullscope.sbom;

/**
 * A file whose packages could not be read; the rest of the SBOM was built without it.
 *
 * @param layer position of the layer the file was read from; -1 when unknown (an imported SBOM)
 * @param path path of the file, relative to the image root
 * @param cataloger name of the cataloger that failed, see {@link Cataloger#name}
 * @param message what is wrong with the file, in words for a user
 */
public record CatalogWarning(int layer, String path, String cataloger, String message) {

  /** Returns the warning as one line, for example for the CLI's standard error. */
  @Override
  public String toString() {
    String where = layer >= 0 ? "layer " + (layer + 1) + ", " : "";
    return "/" + path + " (" + where + cataloger + "): " + message;
  }
}
