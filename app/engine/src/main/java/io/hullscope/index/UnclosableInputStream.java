package io.hullscope.index;

import java.io.FilterInputStream;
import java.io.InputStream;

/** Passes reads through but ignores {@link #close()}, for streams that someone else owns. */
final class UnclosableInputStream extends FilterInputStream {

  UnclosableInputStream(InputStream in) {
    super(in);
  }

  @Override
  public void close() {
    // the owner closes the underlying stream
  }
}
