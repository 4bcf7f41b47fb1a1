package io.hullscope.index;

import java.io.IOException;
import java.io.InputStream;

/**
 * An analyzer's interest in a few files of a layer, for example package databases or {@code
 * /etc/passwd}. The indexer calls {@link #wants} for every regular file and hands the content of the
 * wanted ones to {@link #accept} while the layer streams past, so nothing is read twice.
 *
 * <p>Layers whose index comes from the cache are not streamed, so an interest receives files only
 * from the layers actually read. Analyzers therefore cache their own results by layer digest.
 */
public interface FileInterest {

  /** Returns true to receive the content of this regular file. Called for every file: keep it cheap. */
  boolean wants(int layer, FileEntry entry);

  /**
   * Receives the content of a wanted file. The stream ends at the end of the entry, must not be
   * closed, and may be left unread; the indexer skips what is left.
   */
  void accept(int layer, FileEntry entry, InputStream content) throws IOException;
}
