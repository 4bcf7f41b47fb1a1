package io.hullscope.source.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.Digest;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.Limits;
import io.hullscope.image.MediaType;
import io.hullscope.image.OperationCancelledException;
import io.hullscope.image.ProgressListener;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.BlobCompression;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.ImageArchiveBuilder.TestLayer;
import io.hullscope.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reads save streams in the layouts Docker writes, as {@code ImageArchiveBuilder} lays them out. */
class SaveStreamScannerTest {

  private static TestImage image(BlobCompression compression, int layerCount) {
    TestImage image = ImageArchiveBuilder.image().reference("test/scan:1");
    for (int i = 0; i < layerCount; i++) {
      byte[] tar = new TarBuilder().file("layer" + i + "/file.txt", "content of layer " + i + "\n".repeat(i + 1)).build();
      image.layer(tar, compression).history("COPY layer" + i);
    }
    return image;
  }

  private static SaveStreamScanner scanner(TestImage image) {
    List<Digest> diffIds = image.layers().stream().map(TestLayer::diffId).toList();
    return new SaveStreamScanner("test/scan:1", diffIds, Limits.DEFAULT);
  }

  /** Opens the stream anew for each pass and counts the passes. */
  private static final class Opener implements SaveStreamScanner.SaveStreamOpener {
    private final byte[] tar;
    private final AtomicInteger opened = new AtomicInteger();

    Opener(byte[] tar) {
      this.tar = tar;
    }

    @Override
    public InputStream open() {
      opened.incrementAndGet();
      return new ByteArrayInputStream(tar);
    }
  }

  private static Map<Integer, byte[]> deliverAll(SaveStreamScanner scanner, Opener opener, Set<Integer> wanted)
      throws IOException {
    Map<Integer, byte[]> delivered = new LinkedHashMap<>();
    scanner.deliverAll(opener, wanted, (index, blob) -> {
      byte[] previous = delivered.put(index, blob.readAllBytes());
      assertThat(previous).as("layer %d delivered twice", index).isNull();
    }, ProgressListener.NONE);
    return delivered;
  }

  private static Set<Integer> all(TestImage image) {
    return IntStream.range(0, image.layers().size()).boxed().collect(Collectors.toSet());
  }

  @Test
  void uncompressedOciSaveTakesOnePass() throws IOException {
    TestImage image = image(BlobCompression.NONE, 4);
    Opener opener = new Opener(ImageArchiveBuilder.dockerSaveOci(image).toTar());
    SaveStreamScanner scanner = scanner(image);

    Map<Integer, byte[]> delivered = deliverAll(scanner, opener, all(image));

    assertThat(opener.opened).hasValue(1);
    assertThat(delivered).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(delivered.get(i)).as("layer %d", i).isEqualTo(image.layers().get(i).blob());
      assertThat(scanner.blobDigest(i)).isEqualTo(image.layers().get(i).diffId());
      assertThat(scanner.mediaType(i)).isEqualTo(MediaType.OCI_LAYER);
    }
  }

  @ParameterizedTest
  @EnumSource(value = BlobCompression.class, names = {"GZIP", "ZSTD"})
  void compressedBlobsMappedThroughManifest(BlobCompression compression) throws IOException {
    TestImage image = image(compression, 5);
    Opener opener = new Opener(ImageArchiveBuilder.dockerSaveOci(image).toTar());
    SaveStreamScanner scanner = scanner(image);

    Map<Integer, byte[]> delivered = deliverAll(scanner, opener, all(image));

    assertThat(opener.opened.get()).isBetween(1, 2);
    assertThat(delivered).hasSize(5);
    for (int i = 0; i < 5; i++) {
      TestLayer layer = image.layers().get(i);
      assertThat(delivered.get(i)).as("layer %d", i).isEqualTo(layer.blob());
      assertThat(scanner.blobDigest(i)).isEqualTo(layer.blobDigest());
      assertThat(scanner.blobSize(i)).isEqualTo(layer.blob().length);
      assertThat(scanner.mediaType(i)).isEqualTo(layer.mediaType());
    }
  }

  @Test
  void legacySaveRereadInOnePass() throws IOException {
    TestImage image = image(BlobCompression.NONE, 3);
    Opener opener = new Opener(ImageArchiveBuilder.dockerSave(image).toTar());
    SaveStreamScanner scanner = scanner(image);

    Map<Integer, byte[]> first = deliverAll(scanner, opener, all(image));
    int firstPasses = opener.opened.get();
    Map<Integer, byte[]> second = deliverAll(scanner, opener, all(image));

    assertThat(firstPasses).isBetween(1, 2);
    assertThat(opener.opened.get() - firstPasses).isEqualTo(1);
    assertThat(first).hasSize(3);
    assertThat(second).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(first.get(i)).isEqualTo(image.layers().get(i).tar());
      assertThat(scanner.blobDigest(i)).isEqualTo(image.layers().get(i).diffId());
    }
  }

  @Test
  void legacySaveReportsEveryBlobSize() throws IOException {
    TestImage image = image(BlobCompression.NONE, 4);
    Opener opener = new Opener(ImageArchiveBuilder.dockerSave(image).toTar());
    SaveStreamScanner scanner = scanner(image);

    deliverAll(scanner, opener, all(image));

    for (int i = 0; i < 4; i++) {
      assertThat(scanner.blobSize(i)).as("layer %d", i).isEqualTo(image.layers().get(i).tar().length);
    }
  }

  @Test
  void legacyBottomLayerComesInFirstPass() throws IOException {
    TestImage image = image(BlobCompression.NONE, 6);
    Opener opener = new Opener(ImageArchiveBuilder.dockerSave(image).toTar());
    Map<Integer, Integer> passOfLayer = new LinkedHashMap<>();

    scanner(image).deliverAll(opener, all(image), (index, blob) -> passOfLayer.put(index, opener.opened.get()),
        ProgressListener.NONE);

    assertThat(passOfLayer).hasSize(6);
    assertThat(passOfLayer.get(0)).isEqualTo(1);
  }

  @Test
  void identicalLayersDeliveredToEachIndex() throws IOException {
    byte[] same = new TarBuilder().dir("empty").build();
    TestImage image = ImageArchiveBuilder.image().reference("test/scan:1")
        .layer(same).history("RUN mkdir /empty")
        .layer(new TarBuilder().file("a", "a").build()).history("COPY a")
        .layer(same).history("RUN mkdir /empty");
    Opener opener = new Opener(ImageArchiveBuilder.dockerSaveOci(image).toTar());

    Map<Integer, byte[]> delivered = deliverAll(scanner(image), opener, all(image));

    assertThat(delivered).containsOnlyKeys(0, 1, 2);
    assertThat(delivered.get(0)).isEqualTo(same);
    assertThat(delivered.get(2)).isEqualTo(same);
  }

  @Test
  void unwantedLayersAreNotDelivered() throws IOException {
    TestImage image = image(BlobCompression.GZIP, 4);
    Opener opener = new Opener(ImageArchiveBuilder.dockerSaveOci(image).toTar());

    Map<Integer, byte[]> delivered = deliverAll(scanner(image), opener, Set.of(1, 3));

    assertThat(delivered).containsOnlyKeys(1, 3);
  }

  @Test
  void openLayerReturnsOneBlob() throws IOException {
    TestImage image = image(BlobCompression.GZIP, 3);
    Opener opener = new Opener(ImageArchiveBuilder.dockerSaveOci(image).toTar());
    SaveStreamScanner scanner = scanner(image);

    try (InputStream blob = scanner.openLayer(opener, 2, ProgressListener.NONE)) {
      assertThat(blob.readAllBytes()).isEqualTo(image.layers().get(2).blob());
    }
  }

  @Test
  void readConfigFindsConfigBlob() throws IOException {
    TestImage image = image(BlobCompression.NONE, 2).history("USER nobody", true);
    Opener opener = new Opener(ImageArchiveBuilder.dockerSave(image).toTar());

    byte[] config = scanner(image).readConfig(opener, ProgressListener.NONE);

    assertThat(config).isEqualTo(image.configJson());
  }

  @Test
  void podmanSaveTakesOnePass() throws IOException {
    TestImage image = image(BlobCompression.NONE, 3);
    Opener opener = new Opener(PodmanSaveLayout.saveTar(image, "test/scan:1"));
    SaveStreamScanner scanner = scanner(image);

    Map<Integer, byte[]> delivered = deliverAll(scanner, opener, all(image));

    assertThat(opener.opened).hasValue(1);
    assertThat(delivered).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(delivered.get(i)).as("layer %d", i).isEqualTo(image.layers().get(i).tar());
      assertThat(scanner.blobDigest(i)).isEqualTo(image.layers().get(i).diffId());
      assertThat(scanner.blobSize(i)).isEqualTo(image.layers().get(i).tar().length);
    }
  }

  @Test
  void podmanSaveConfigIsFound() throws IOException {
    TestImage image = image(BlobCompression.NONE, 2).history("USER nobody", true);
    Opener opener = new Opener(PodmanSaveLayout.saveTar(image, "test/scan:1"));

    byte[] config = scanner(image).readConfig(opener, ProgressListener.NONE);

    assertThat(config).isEqualTo(image.configJson());
    assertThat(opener.opened).hasValue(1);
  }

  @Test
  void missingLayerBlobIsReported() throws IOException {
    TestImage image = image(BlobCompression.NONE, 2);
    ImageArchiveBuilder.ArchiveFiles files = ImageArchiveBuilder.dockerSaveOci(image);
    files.remove(ImageArchiveBuilder.blobPath(image.layers().get(1).blobDigest()));
    Opener opener = new Opener(files.toTar());
    List<Integer> visited = new ArrayList<>();

    assertThatThrownBy(() -> scanner(image).deliverAll(opener, all(image), (index, blob) -> visited.add(index),
        ProgressListener.NONE))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("test/scan:1")
        .hasMessageContaining(image.layers().get(1).diffId().toString())
        .hasMessageContaining("no blob for this layer");
    assertThat(visited).containsExactly(0);
  }

  @Test
  void otherImagesInStreamAreIgnored() throws IOException {
    TestImage wanted = image(BlobCompression.GZIP, 2);
    TestImage other = ImageArchiveBuilder.image().reference("test/other:1")
        .layer(new TarBuilder().file("other.txt", "x").build(), BlobCompression.GZIP).history("COPY other.txt");
    Opener opener = new Opener(ImageArchiveBuilder.dockerSaveOci(other, wanted).toTar());

    Map<Integer, byte[]> delivered = deliverAll(scanner(wanted), opener, all(wanted));

    assertThat(delivered.get(0)).isEqualTo(wanted.layers().get(0).blob());
    assertThat(delivered.get(1)).isEqualTo(wanted.layers().get(1).blob());
  }

  @Test
  void truncatedStreamNamesImage() {
    TestImage image = image(BlobCompression.NONE, 2);
    byte[] tar = ImageArchiveBuilder.dockerSave(image).toTar();
    byte[] truncated = java.util.Arrays.copyOf(tar, 1000);

    assertThatThrownBy(() -> deliverAll(scanner(image), new Opener(truncated), all(image)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("test/scan:1");
  }

  @Test
  void cancellationStopsPass() {
    TestImage image = image(BlobCompression.NONE, 2);
    Opener opener = new Opener(ImageArchiveBuilder.dockerSaveOci(image).toTar());
    ProgressListener cancelled = new ProgressListener() {
      @Override
      public boolean isCancelled() {
        return true;
      }
    };

    assertThatThrownBy(() -> scanner(image).deliverAll(opener, all(image), (index, blob) -> {}, cancelled))
        .isInstanceOf(OperationCancelledException.class);
  }
}
