package io.hullscope.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.Digest;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.Layer;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ImageIndexerTest {

  @Test
  void indexesEveryLayerInOrder() throws IOException {
    FakeImage image = FakeImage.of(new TarBuilder().file("a", "1"), new TarBuilder().file("b", "2"));

    ImageAnalysis analysis = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(image, ProgressListener.NONE);

    assertThat(analysis.layers()).extracting(index -> index.entries().get(0).path()).containsExactly("a", "b");
    assertThat(analysis.layers()).extracting(LayerIndex::diffId)
        .containsExactly(image.layer(0).diffId(), image.layer(1).diffId());
  }

  @Test
  void cachedLayerIsNotOpened() throws IOException {
    MapCache cache = new MapCache();
    FakeImage first = FakeImage.of(new TarBuilder().file("base", "1"));
    new ImageIndexer(cache, Limits.DEFAULT).analyze(first, ProgressListener.NONE);
    FakeImage second = new FakeImage(List.of(
        FakeLayer.gzip(0, new TarBuilder().file("base", "1").build()),
        FakeLayer.gzip(1, new TarBuilder().file("app", "2").build())));

    ImageAnalysis analysis = new ImageIndexer(cache, Limits.DEFAULT).analyze(second, ProgressListener.NONE);

    assertThat(second.layer(0).opens.get()).isZero();
    assertThat(second.layer(1).opens.get()).isEqualTo(1);
    assertThat(analysis.squashed(1).find("base")).isPresent();
  }

  @Test
  void layersFromCacheKeepImageOrder() throws IOException {
    MapCache cache = new MapCache();
    TarBuilder[] tars = new TarBuilder[6];
    for (int i = 0; i < tars.length; i++) {
      tars[i] = new TarBuilder().file("layer" + i, "content " + i);
    }
    FakeImage image = FakeImage.of(tars);
    new ImageIndexer(cache, Limits.DEFAULT).analyze(image, ProgressListener.NONE);

    ImageAnalysis analysis = new ImageIndexer(cache, Limits.DEFAULT).analyze(image, ProgressListener.NONE);

    for (int i = 0; i < tars.length; i++) {
      assertThat(analysis.layers().get(i).diffId()).isEqualTo(image.layer(i).diffId());
      assertThat(image.layer(i).opens.get()).isEqualTo(1);
    }
    assertThat(analysis.squashed(5).find("layer3")).isPresent();
  }

  @Test
  void indexedLayersArePutInCache() throws IOException {
    MapCache cache = new MapCache();
    FakeImage image = FakeImage.of(new TarBuilder().file("a", "1"));

    new ImageIndexer(cache, Limits.DEFAULT).analyze(image, ProgressListener.NONE);

    assertThat(cache.entries).containsKey(image.layer(0).diffId());
  }

  @Test
  void sourceStreamingInItsOwnOrderIsSupported() throws IOException {
    FakeImage layers = FakeImage.of(new TarBuilder().file("a", "1"), new TarBuilder().file("b", "2"));
    ReverseStreamingImage image = new ReverseStreamingImage(layers.layers());

    ImageAnalysis analysis = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(image, ProgressListener.NONE);

    assertThat(image.passes).isEqualTo(1);
    assertThat(analysis.layers().get(0).entries().get(0).path()).isEqualTo("a");
  }

  @Test
  void layerTheSourceNeverDeliversIsReported() {
    FakeImage layers = FakeImage.of(new TarBuilder().file("a", "1"), new TarBuilder().file("b", "2"));
    FakeImage image = new FakeImage(layers.layers()) {
      @Override
      public void streamLayers(LayerVisitor visitor) throws IOException {
        Layer only = layers().get(0);
        try (InputStream in = only.open()) {
          visitor.visit(only, in);
        }
      }
    };

    assertThatThrownBy(() -> new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(image, ProgressListener.NONE))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("did not deliver")
        .hasMessageContaining(image.layer(1).diffId().toString());
  }

  @Test
  void progressCountsBytesAcrossLayers() throws IOException {
    FakeImage image = FakeImage.of(new TarBuilder().file("a", "1"), new TarBuilder().file("b", "2"));
    List<String> steps = new ArrayList<>();
    long[] last = {0, 0};
    ProgressListener progress = new ProgressListener() {
      @Override
      public void step(String message) {
        steps.add(message);
      }

      @Override
      public void progress(long done, long total) {
        last[0] = done;
        last[1] = total;
      }
    };

    new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(image, progress);

    long total = image.layer(0).size() + image.layer(1).size();
    assertThat(steps).containsExactly("Indexing layer 1 of 2", "Indexing layer 2 of 2");
    assertThat(last).containsExactly(total, total);
  }

  @Test
  void failingCacheWriteDoesNotFailAnalysis() throws IOException {
    LayerIndexCache broken = new LayerIndexCache() {
      @Override
      public Optional<LayerIndex> get(Digest diffId) {
        return Optional.empty();
      }

      @Override
      public void put(LayerIndex index) {
        throw new IllegalStateException("disk full");
      }
    };

    ImageAnalysis analysis = new ImageIndexer(broken, Limits.DEFAULT)
        .analyze(FakeImage.of(new TarBuilder().file("a", "1")), ProgressListener.NONE);

    assertThat(analysis.layers()).hasSize(1);
  }

  /** A cache in a map. */
  static final class MapCache implements LayerIndexCache {
    final Map<Digest, LayerIndex> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<LayerIndex> get(Digest diffId) {
      return Optional.ofNullable(entries.get(diffId));
    }

    @Override
    public void put(LayerIndex index) {
      entries.put(index.diffId(), index);
    }
  }

  /** A source that, like the Docker daemon, streams all layers in one pass, here top first. */
  private static final class ReverseStreamingImage extends FakeImageBase {
    int passes;

    ReverseStreamingImage(List<Layer> layers) {
      super(layers);
    }

    @Override
    public void streamLayers(LayerVisitor visitor) throws IOException {
      passes++;
      for (int i = layers().size() - 1; i >= 0; i--) {
        Layer layer = layers().get(i);
        if (visitor.wants(layer)) {
          try (InputStream in = layer.open()) {
            visitor.visit(layer, in);
          }
        }
      }
    }
  }

  private static class FakeImageBase extends FakeImage {
    FakeImageBase(List<Layer> layers) {
      super(layers);
    }
  }
}
