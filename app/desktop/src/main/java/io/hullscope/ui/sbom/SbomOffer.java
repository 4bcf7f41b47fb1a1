package io.hullscope.ui.sbom;

import io.hullscope.sbom.SbomImport;

/**
 * A second SBOM of the open image that the SBOM tab can compare with its own, for example the one
 * Harbor generated for the artifact.
 *
 * @param name what the SBOM is called in the tab, for example {@code Harbor's SBOM}
 * @param reader reads the document; runs on a worker thread
 */
public record SbomOffer(String name, Reader reader) {

  /** Reads the offered document; may use the network. */
  @FunctionalInterface
  public interface Reader {
    SbomImport read() throws Exception;
  }
}
