package io.hullscope.ui;

import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.sbom.Catalogers;
import io.hullscope.sbom.CycloneDxExporter;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.SbomCollector;
import io.hullscope.ui.sources.ImageRow;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a listed image, indexes its layers and builds its SBOM in the same pass. The returned
 * analysis keeps the image open, because the file content pane reads layers again; the caller
 * closes {@link ImageAnalysis#image()}.
 */
public final class ImageAnalyzer {

  private static final Logger LOG = LoggerFactory.getLogger(ImageAnalyzer.class);

  /** Name and version recorded as the SBOM's tool, as the CLI's sbom command records them. */
  private static final String TOOL = CycloneDxExporter.TOOL_NAME + " " + CycloneDxExporter.TOOL_VERSION;

  private final LayerIndexCache indexCache;
  private final CatalogCache catalogCache;
  private final Limits limits;

  public ImageAnalyzer(LayerIndexCache indexCache, CatalogCache catalogCache, Limits limits) {
    this.indexCache = indexCache;
    this.catalogCache = catalogCache;
    this.limits = limits;
  }

  /**
   * Opens and indexes the image of a row and builds its SBOM; runs on a worker thread. A failure
   * to build the SBOM is logged and returned with the analysis, so the other tabs still work.
   *
   * @param platform the platform to pick from a multi-platform image, or null for the source's
   *     default (this machine's platform when the image has it)
   */
  public OpenedImage analyze(ImageRow row, Platform platform, ProgressListener progress) throws Exception {
    progress.step("Opening " + row.reference() + (platform == null ? "" : " for " + platform));
    long started = System.nanoTime();
    Image image = row.source().open(row.summary().key(), platform, progress);
    try {
      // A collector serves one analysis, so each open gets its own collector and indexer.
      SbomCollector collector = new SbomCollector(Catalogers.defaults(), catalogCache);
      ImageAnalysis analysis = new ImageIndexer(indexCache, limits, List.of(collector)).analyze(image, progress);
      // The waste report is computed on first use; do it here so the views never compute it on
      // the JavaFX thread.
      progress.step("Computing wasted space");
      analysis.waste();
      progress.step("Building the SBOM");
      ImageSbom sbom = null;
      String sbomFailure = null;
      try {
        sbom = collector.build(analysis, TOOL);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Building the SBOM of {} failed", row.reference(), e);
        sbomFailure = ErrorViewModel.summary(e);
      }
      LOG.info("Opened {} with {} layers and {} packages in {} ms", row.reference(), analysis.layers().size(),
          sbom == null ? 0 : sbom.packages().size(), (System.nanoTime() - started) / 1_000_000);
      return new OpenedImage(analysis, sbom, sbomFailure);
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
