package io.hullscope.index;

import io.hullscope.image.ProgressListener;
import io.hullscope.image.Limits;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Builds analyses from tars for tree tests. */
final class Layers {

  private Layers() {}

  /** Indexes one gzip layer per builder, bottom first. */
  static ImageAnalysis analyze(TarBuilder... layers) {
    try {
      return new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(FakeImage.of(layers), ProgressListener.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
