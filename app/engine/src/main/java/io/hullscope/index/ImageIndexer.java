package io.hullscope.index;

import io.hullscope.image.Digest;
import io.hullscope.image.Image;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.Layer;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes every layer of an image, reading only the layers the cache does not hold, through
 * {@link Image#streamLayers} so that sources which can only stream the whole image make one pass.
 */
public final class ImageIndexer {

  private static final Logger log = LoggerFactory.getLogger(ImageIndexer.class);

  private final LayerIndexCache cache;
  private final LayerIndexer indexer;
  private final List<FileInterest> interests;

  public ImageIndexer(LayerIndexCache cache, Limits limits) {
    this(cache, limits, List.of());
  }

  /** Creates an indexer that also hands wanted files of the layers it reads to {@code interests}. */
  public ImageIndexer(LayerIndexCache cache, Limits limits, List<FileInterest> interests) {
    this.cache = cache;
    this.indexer = new LayerIndexer(limits, interests);
    this.interests = List.copyOf(interests);
  }

  /**
   * Indexes the image's layers, taking cached ones from the cache and storing the others in it.
   *
   * @throws ImageReadException naming the image, layer and entry when a layer cannot be read
   * @throws io.hullscope.image.OperationCancelledException when {@code progress} reports a cancel
   */
  public ImageAnalysis analyze(Image image, ProgressListener progress) throws IOException {
    long start = System.nanoTime();
    String imageName = LayerIndexer.imageName(image);
    List<Layer> layers = image.layers();
    LayerIndex[] indexes = cachedIndexes(layers);
    boolean[] toRead = new boolean[layers.size()];
    long totalBytes = 0;
    int cached = 0;
    int reading = 0;
    for (int position = 0; position < layers.size(); position++) {
      Layer layer = layers.get(position);
      if (indexes[position] != null) {
        cached++;
      }
      // Interests are asked about every layer, also those without a cached index.
      boolean needed = neededByInterest(position, layer);
      toRead[position] = indexes[position] == null || needed;
      if (toRead[position]) {
        reading++;
        totalBytes = totalBytes < 0 || layer.size() < 0 ? -1 : totalBytes + layer.size();
      }
    }
    log.debug("Image {}: {} of {} layers indexed from the cache, {} to read", imageName, cached, layers.size(),
        reading);

    if (reading > 0) {
      image.streamLayers(new Visitor(imageName, layers, indexes, toRead, progress, totalBytes));
    }

    for (int position = 0; position < indexes.length; position++) {
      if (indexes[position] == null) {
        throw new ImageReadException(imageName, LayerIndexer.layerName(layers.get(position)), null,
            "the image source did not deliver this layer; the image is incomplete");
      }
    }
    progress.checkCancelled();
    log.info("Indexed {}: {} layers, {} from the cache, in {} ms",
        imageName, layers.size(), cached, (System.nanoTime() - start) / 1_000_000);
    return new ImageAnalysis(image, Arrays.asList(indexes));
  }

  private boolean neededByInterest(int position, Layer layer) {
    boolean needed = false;
    // Every interest is asked, because asking is how an interest learns which layers it will see.
    for (FileInterest interest : interests) {
      needed |= interest.needsLayer(position, layer);
    }
    return needed;
  }

  /**
   * Looks every layer up in the cache, several at once: decoding a cached index takes a while,
   * and the lookups do not depend on each other. Returns null where the cache has no index.
   */
  private LayerIndex[] cachedIndexes(List<Layer> layers) {
    LayerIndex[] found = new LayerIndex[layers.size()];
    IntStream.range(0, layers.size()).parallel().forEach(position -> {
      Digest diffId = layers.get(position).diffId();
      if (diffId != null) {
        found[position] = cache.get(diffId).orElse(null);
      }
    });
    return found;
  }

  /** Indexes the layers the source streams, in whatever order it streams them. */
  private final class Visitor implements Image.LayerVisitor {
    private final String imageName;
    private final List<Layer> layers;
    private final LayerIndex[] indexes;
    private final boolean[] toRead;
    private final ProgressListener progress;
    private final long totalBytes;
    private long doneBytes;
    private int read;

    Visitor(String imageName, List<Layer> layers, LayerIndex[] indexes, boolean[] toRead, ProgressListener progress,
        long totalBytes) {
      this.imageName = imageName;
      this.layers = layers;
      this.indexes = indexes;
      this.toRead = toRead;
      this.progress = progress;
      this.totalBytes = totalBytes;
    }

    @Override
    public boolean wants(Layer layer) {
      int position = positionOf(layer);
      return position >= 0 && toRead[position];
    }

    @Override
    public void visit(Layer layer, InputStream blob) throws IOException {
      progress.checkCancelled();
      int position = positionOf(layer);
      if (position < 0 || !toRead[position]) {
        return;
      }
      // A source may deliver a layer twice (a duplicated layer in docker save); read it once.
      toRead[position] = false;
      read++;
      progress.step("Indexing layer " + (position + 1) + " of " + layers.size());
      long before = doneBytes;
      LayerIndex index = indexer.index(imageName, layer, blob, new ProgressListener() {
        @Override
        public void progress(long done, long total) {
          doneBytes = before + done;
          progress.progress(doneBytes, totalBytes);
        }

        @Override
        public boolean isCancelled() {
          return progress.isCancelled();
        }
      });
      boolean wasCached = indexes[position] != null;
      indexes[position] = index;
      if (!wasCached) {
        try {
          cache.put(index);
        } catch (RuntimeException e) {
          log.warn("Could not cache the index of layer {} of {}; it will be read again next time",
              LayerIndexer.layerName(layer), imageName, e);
        }
      }
      log.debug("Indexed {} of the layers of {} that were not cached", read, imageName);
    }

    private int positionOf(Layer layer) {
      int position = layer.index();
      if (position >= 0 && position < layers.size()) {
        return position;
      }
      return layers.indexOf(layer);
    }
  }
}
