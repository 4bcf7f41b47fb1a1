package io.hullscope.sbom;

import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Builds SBOMs of test images the way the CLI and the desktop do: one indexing pass with a collector. */
final class TestSboms {

  static final String TOOL = "Hullscope test";

  private TestSboms() {}

  /** Returns the SBOM of the first image of an archive, with the default catalogers and no caches. */
  static ImageSbom of(Path archive) throws IOException {
    return of(archive, Catalogers.defaults(), LayerIndexCache.NONE, CatalogCache.NONE);
  }

  /** Writes a test image as a docker save archive below {@code folder} and returns its SBOM. */
  static ImageSbom of(Path folder, TestImage image, List<Cataloger> catalogers) throws IOException {
    return of(write(folder, image), catalogers, LayerIndexCache.NONE, CatalogCache.NONE);
  }

  /** Writes a test image as a docker save archive below {@code folder}; returns the archive. */
  static Path write(Path folder, TestImage image) throws IOException {
    return ImageArchiveBuilder.dockerSave(image).writeTar(folder.resolve("image-" + System.nanoTime() + ".tar"));
  }

  /** Returns the SBOM of the first image of an archive. */
  static ImageSbom of(Path archive, List<Cataloger> catalogers, LayerIndexCache indexCache, CatalogCache catalogCache)
      throws IOException {
    SbomCollector collector = new SbomCollector(catalogers, catalogCache);
    ImageIndexer indexer = new ImageIndexer(indexCache, Limits.DEFAULT, List.of(collector));
    try (ImageSource source = FileSources.open(archive)) {
      String key = source.listImages().get(0).key();
      try (Image image = source.open(key, null, ProgressListener.NONE)) {
        return collector.build(indexer.analyze(image, ProgressListener.NONE), TOOL);
      }
    }
  }

  /** Returns a committed training sample, see samples/README.md. */
  static Path sample(String fileName) {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    return root.resolve("samples/images").resolve(fileName);
  }

  /** Returns the packages of an SBOM without their layers. */
  static List<Package> packages(ImageSbom sbom) {
    return sbom.packages().stream().map(ImagePackage::pkg).toList();
  }
}
