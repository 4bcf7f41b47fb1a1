package io.hullscope.source.archive;

import io.hullscope.image.Image;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.ImageSource;
import io.hullscope.source.ImageSummary;
import java.io.IOException;
import java.util.List;

/**
 * An image source over the files of one archive or folder, which a catalog turns into images.
 * The files stay open until {@link #close()}, because opened images read their layers from them.
 */
abstract class CatalogImageSource implements ImageSource {

  private final ImageFiles files;
  private final ImageCatalog catalog;

  CatalogImageSource(ImageFiles files, ImageCatalog catalog) {
    this.files = files;
    this.catalog = catalog;
  }

  @Override
  public String displayName() {
    return files.name();
  }

  @Override
  public List<ImageSummary> listImages() throws IOException {
    return catalog.listImages();
  }

  @Override
  public Image open(String key, Platform platform, ProgressListener progress) throws IOException {
    return catalog.open(key, platform, progress);
  }

  @Override
  public void close() throws IOException {
    files.close();
  }

  @Override
  public String toString() {
    return files.description();
  }
}
