package io.hullscope.ui;

import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.ui.sources.ImageRow;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a listed image and indexes its layers. The returned analysis keeps the image open, because
 * the file content pane reads layers again; the caller closes {@link ImageAnalysis#image()}.
 */
public final class ImageAnalyzer {

  private static final Logger LOG = LoggerFactory.getLogger(ImageAnalyzer.class);

  private final ImageIndexer indexer;

  public ImageAnalyzer(LayerIndexCache cache, Limits limits) {
    this.indexer = new ImageIndexer(cache, limits);
  }

  /**
   * Opens and indexes the image of a row; runs on a worker thread.
   *
   * @param platform the platform to pick from a multi-platform image, or null for the source's
   *     default (this machine's platform when the image has it)
   */
  public OpenedImage analyze(ImageRow row, Platform platform, ProgressListener progress) throws Exception {
    progress.step("Opening " + row.reference() + (platform == null ? "" : " for " + platform));
    long started = System.nanoTime();
    Image image = row.source().open(row.summary().key(), platform, progress);
    try {
      ImageAnalysis analysis = indexer.analyze(image, progress);
      // The waste report is computed on first use; do it here so the views never compute it on
      // the JavaFX thread.
      progress.step("Computing wasted space");
      analysis.waste();
      LOG.info("Opened {} with {} layers in {} ms", row.reference(), analysis.layers().size(),
          (System.nanoTime() - started) / 1_000_000);
      // TODO: build the SBOM with SbomCollector during indexing once the engine has it.
      return new OpenedImage(analysis, null, "this build does not catalog packages yet");
    } catch (Exception e) {
      closeQuietly(image);
      throw e;
    }
  }

  /** Closes an image whose analysis is no longer shown; logs a failure instead of raising it. */
  public static void closeQuietly(Image image) {
    try {
      image.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Closing image {} failed", image.digest(), e);
    }
  }
}
