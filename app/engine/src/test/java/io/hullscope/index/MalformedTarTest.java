package io.hullscope.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.ImageReadException;
import io.hullscope.image.LimitExceededException;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Damaged and oversized tar structures end in an {@link ImageReadException}, never another error. */
class MalformedTarTest {

  private static final byte[] SAMPLE = new TarBuilder()
      .dir("etc")
      .file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n")
      .paxFile("pax/\u00e9t\u00e9", Map.of("mtime", "1.5"), "pax")
      .file("long/" + "n".repeat(120), "long name")
      .symlink("link", "/" + "t".repeat(120))
      .hardlink("hard", "etc/passwd")
      .whiteout("gone")
      .build();

  static IntStream seeds() {
    return IntStream.range(0, 200);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void damagedHeaderBytesEndInImageReadException(int seed) {
    byte[] damaged = SAMPLE.clone();
    Random random = new Random(seed);
    int flips = 1 + random.nextInt(8);
    for (int i = 0; i < flips; i++) {
      int block = random.nextInt(damaged.length / 512);
      int offset = block * 512 + random.nextInt(512);
      damaged[offset] = (byte) random.nextInt(256);
    }
    FakeLayer layer = new FakeLayer(0, damaged, null, null);

    try {
      new LayerIndexer(Limits.DEFAULT).index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE);
    } catch (ImageReadException e) {
      assertThat(e.image()).isEqualTo(FakeImage.NAME);
    } catch (IOException | RuntimeException e) {
      throw new AssertionError("damaged sample " + seed + " failed with " + e, e);
    }
  }

  @Test
  void garbageAfterCompressedDataIsBounded() {
    byte[] gzip = TarBuilder.gzip(new TarBuilder().file("a", "x").build());
    byte[] padded = java.util.Arrays.copyOf(gzip, gzip.length + 4096);
    FakeLayer layer = new FakeLayer(0, padded, null, null);
    Limits limits = Limits.DEFAULT.withMaxExpandedLayerSize(2048);

    assertThatThrownBy(() -> new LayerIndexer(limits).index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("stored layer size");
  }

  @Test
  void oversizedPaxHeaderIsStopped() {
    TarBuilder tar = new TarBuilder();
    TarArchiveEntry pax = new TarArchiveEntry("PaxHeaders/x", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
    byte[] records = new byte[4096];
    java.util.Arrays.fill(records, (byte) '9');
    pax.setSize(records.length);
    tar.put(pax, records);
    tar.file("after", "x");
    FakeLayer layer = FakeLayer.plain(0, tar.build());
    Limits limits = Limits.DEFAULT.withMaxMetadataSize(1024);

    assertThatThrownBy(() -> new LayerIndexer(limits).index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("extended header");
  }

  @Test
  void oversizedGnuLongNameIsStopped() {
    FakeLayer layer = FakeLayer.plain(0, new TarBuilder().file("d/" + "n".repeat(3000), "x").build());
    Limits limits = Limits.DEFAULT.withMaxMetadataSize(1024);

    assertThatThrownBy(() -> new LayerIndexer(limits).index(FakeImage.NAME, layer, layer.open(), ProgressListener.NONE))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("extended header");
  }
}
