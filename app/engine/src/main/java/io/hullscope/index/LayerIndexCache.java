package io.hullscope.index;

import io.hullscope.image.Digest;
import java.util.Optional;

/**
 * Stores layer indexes by diff id, so a layer shared by many images is read once. Implementations
 * never throw for a broken or unreadable entry: they report a miss. They must be thread-safe,
 * because {@link ImageIndexer} looks up the layers of an image in parallel.
 */
public interface LayerIndexCache {

  /** A cache that stores nothing. */
  LayerIndexCache NONE = new LayerIndexCache() {
    @Override
    public Optional<LayerIndex> get(Digest diffId) {
      return Optional.empty();
    }

    @Override
    public void put(LayerIndex index) {
      // nothing is kept
    }
  };

  Optional<LayerIndex> get(Digest diffId);

  /** Stores an index, replacing any older entry for its diff id. */
  void put(LayerIndex index);
}
