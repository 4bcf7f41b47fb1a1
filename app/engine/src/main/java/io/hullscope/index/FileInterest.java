package io.hullscope.index;

import io.hullscope.image.Layer;
import java.io.IOException;
import java.io.InputStream;

/**
 * An analyzer's interest in a few files of a layer, for example package databases or {@code
 * /etc/passwd}. The indexer calls {@link #wants} for every regular file and hands the content of the
 * wanted ones to {@link #accept} while the layer streams past, so nothing is read twice.
 *
 * <p>Layers whose index comes from the cache are not streamed unless an interest reports through
 * {@link #needsLayer} that it has no result of its own for that layer. Analyzers therefore cache
 * their own results by layer digest, and a layer is read only when someone lacks it.
 */
public interface FileInterest {

  /** Returns true to receive the content of this regular file. Called for every file: keep it cheap. */
  boolean wants(int layer, FileEntry entry);

  /**
   * Receives the content of a wanted file. The stream ends at the end of the entry, must not be
   * closed, and may be left unread; the indexer skips what is left.
   */
  void accept(int layer, FileEntry entry, InputStream content) throws IOException;

  /**
   * Returns true when this interest needs the files of a layer whose index the cache holds, so the
   * layer must be streamed anyway. Called once per layer before any streaming; the default
   * returns false, so the interest receives only the layers read for their index.
   *
   * @param position position of the layer in the image, as passed to {@link #wants}
   */
  default boolean needsLayer(int position, Layer layer) {
    return false;
  }
}
