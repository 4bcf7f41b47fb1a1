package io.hullscope.sbom;

import io.hullscope.image.Digest;
import java.util.Optional;

/**
 * Keeps {@link LayerCatalog}s by layer diff id and catalogers' key (their names and versions), so
 * an image that shares layers with one opened before reads only its new layers.
 */
public interface CatalogCache {

  /** A cache that keeps nothing: every layer is read. */
  CatalogCache NONE = new CatalogCache() {
    @Override
    public Optional<LayerCatalog> get(Digest diffId, String catalogersKey) {
      return Optional.empty();
    }

    @Override
    public void put(Digest diffId, String catalogersKey, LayerCatalog catalog) {
      // Nothing is kept.
    }
  };

  /** Returns the catalog of the layer made by catalogers with this key, if cached. */
  Optional<LayerCatalog> get(Digest diffId, String catalogersKey);

  /** Stores a layer's catalog. Failing to store must not fail the caller: log and go on. */
  void put(Digest diffId, String catalogersKey, LayerCatalog catalog);
}
