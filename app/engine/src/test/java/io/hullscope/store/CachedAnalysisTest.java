package io.hullscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.FakeImage;
import io.hullscope.index.FakeLayer;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedAnalysisTest {

  @TempDir
  Path folder;

  @Test
  void reopenedImageReadsNoLayer() throws IOException {
    byte[] base = new TarBuilder().dir("etc").file("etc/hosts", "127.0.0.1 localhost").build();
    byte[] app = new TarBuilder().file("app/run", "#!/bin/sh").whiteout("etc/hosts").build();
    ImageAnalysis first;
    try (Database database = Database.open(folder.resolve("cache.db"))) {
      first = new ImageIndexer(new SqliteLayerIndexCache(database), Limits.DEFAULT)
          .analyze(FakeImage.ofTars(base, app), ProgressListener.NONE);
    }
    FakeImage again = new FakeImage(List.of(FakeLayer.gzip(0, base), FakeLayer.gzip(1, app)));

    ImageAnalysis second;
    try (Database database = Database.open(folder.resolve("cache.db"))) {
      second = new ImageIndexer(new SqliteLayerIndexCache(database), Limits.DEFAULT)
          .analyze(again, ProgressListener.NONE);
    }

    assertThat(again.layer(0).opens.get()).isZero();
    assertThat(again.layer(1).opens.get()).isZero();
    assertThat(second.layers()).isEqualTo(first.layers());
    assertThat(second.squashed(1).find("etc/hosts")).isEmpty();
    assertThat(second.squashed(1).find("app/run")).isPresent();
  }
}
