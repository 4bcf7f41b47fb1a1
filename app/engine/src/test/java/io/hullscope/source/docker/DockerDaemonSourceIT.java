package io.hullscope.source.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.Digest;
import io.hullscope.image.HistoryEntry;
import io.hullscope.image.Image;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.Layer;
import io.hullscope.image.Limits;
import io.hullscope.image.OperationCancelledException;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ChangeKind;
import io.hullscope.index.FileTree;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.source.ImageSummary;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads images built in and loaded into a real dockerd through {@link DockerDaemonSource}. */
@Tag("docker")
class DockerDaemonSourceIT {

  static final String BUILT = "hullscope-it/built:1";
  static final String LOADED = "hullscope-it/whiteout:1";

  @TempDir
  static Path work;

  static String host;
  static DockerDaemonSource source;

  @BeforeAll
  static void buildImages() throws IOException {
    host = DockerFixture.daemonHost();
    if (host == null) {
      return;
    }
    buildDockerfileImage(host, work.resolve("context"), BUILT);
    loadWhiteoutImage(host, work.resolve("whiteout.tar"), LOADED);
    source = new DockerDaemonSource(host, Limits.DEFAULT);
  }

  @BeforeEach
  void requireDaemon() {
    DockerFixture.requireDaemon(host);
  }

  @AfterAll
  static void removeImages() throws IOException {
    if (source != null) {
      source.close();
    }
    if (host != null) {
      DockerFixture.remove(host, BUILT, LOADED);
    }
  }

  /**
   * Builds three COPY layers from scratch with metadata steps in between: USER, ENV, LABEL and
   * HEALTHCHECK produce no layer.
   */
  static void buildDockerfileImage(String host, Path context, String tag) throws IOException {
    DockerFixture.write(context.resolve("etc/passwd"), "root:x:0:0:root:/root:/sbin/nologin\napp:x:1000:1000::/app:/sbin/nologin\n");
    DockerFixture.write(context.resolve("etc/os-release"), "ID=hullscope-test\n");
    DockerFixture.write(context.resolve("app/run.sh"), "#!/bin/sh\necho run\n");
    DockerFixture.write(context.resolve("app/data.txt"), "data ".repeat(1000));
    DockerFixture.write(context.resolve("Dockerfile"), String.join("\n",
        "FROM scratch",
        "COPY etc/ /etc/",
        "USER 1000:1000",
        "ENV APP_MODE=test",
        "COPY app/ /app/",
        "LABEL org.opencontainers.image.title=hullscope-fixture",
        "HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD [\"/app/run.sh\"]",
        "COPY app/data.txt /app/copy.txt",
        ""));
    DockerFixture.build(host, context, tag);
  }

  /**
   * Loads an image whose second layer deletes a file of the first with a whiteout, and whose
   * history has an empty-layer step, so the history API alone cannot tell steps from layers.
   */
  static void loadWhiteoutImage(String host, Path archive, String tag) throws IOException {
    byte[] base = new TarBuilder().dir("data").file("data/keep.txt", "keep\n").file("data/gone.txt", "gone\n").build();
    byte[] delete = new TarBuilder().dir("data").whiteout("data/gone.txt").build();
    ImageArchiveBuilder.TestImage image = ImageArchiveBuilder.image()
        .reference(tag)
        .layer(base)
        .history("COPY data/ /data/")
        .user("nobody")
        .history("USER nobody", true)
        .layer(delete)
        .history("RUN rm /data/gone.txt");
    ImageArchiveBuilder.dockerSave(image).writeTar(archive);
    DockerFixture.load(host, archive);
  }

  @Test
  void statusReportsConnectedDaemon() {
    DaemonStatus status = source.status();

    assertThat(status.reachable()).isTrue();
    assertThat(status.host()).isEqualTo(host);
    assertThat(status.serverVersion()).isNotBlank();
    assertThat(ApiVersions.compare(status.apiVersion(), ApiVersions.CLIENT_MAX)).isLessThanOrEqualTo(0);
    assertThat(status.message()).contains("Connected to Docker");
  }

  @Test
  void listShowsBuiltImage() throws IOException {
    ImageSummary built = summaryOf(BUILT);

    assertThat(built.layerCount()).isEqualTo(3);
    assertThat(built.user()).isEqualTo("1000:1000");
    assertThat(built.size()).isGreaterThan(5000);
    assertThat(built.created()).isNotNull();
    assertThat(built.platforms()).isNotEmpty();
  }

  @Test
  void openReadsConfig() throws IOException {
    try (Image image = source.open(BUILT, null, ProgressListener.NONE)) {
      ImageConfig config = image.config();

      assertThat(image.references()).contains(BUILT);
      assertThat(config.user()).isEqualTo("1000:1000");
      assertThat(config.env()).contains("APP_MODE=test");
      assertThat(config.labels()).containsEntry("org.opencontainers.image.title", "hullscope-fixture");
      assertThat(config.healthcheck().test()).containsExactly("CMD", "/app/run.sh");
      assertThat(config.healthcheck().interval()).isEqualTo(Duration.ofSeconds(30));
      assertThat(config.healthcheck().timeout()).isEqualTo(Duration.ofSeconds(5));
      assertThat(config.healthcheck().retries()).isEqualTo(3);
      assertThat(config.diffIds()).hasSize(3);
      assertThat(image.layers()).hasSize(3);
      assertThat(config.created()).isNotNull();
    }
  }

  @Test
  void historyMarksMetadataStepsEmpty() throws IOException {
    try (Image image = source.open(BUILT, null, ProgressListener.NONE)) {
      List<HistoryEntry> history = image.config().history();
      List<HistoryEntry> perLayer = image.config().layerHistory();

      assertThat(history).hasSize(7);
      assertThat(history.stream().filter(HistoryEntry::emptyLayer).count()).isEqualTo(4);
      assertThat(perLayer.get(0).createdBy()).contains("COPY").contains("/etc/");
      assertThat(perLayer.get(1).createdBy()).contains("COPY").contains("/app/");
      assertThat(perLayer.get(2).createdBy()).contains("/app/copy.txt");
    }
  }

  @Test
  void streamLayersDeliversEachLayerOnce() throws IOException {
    try (Image image = source.open(BUILT, null, ProgressListener.NONE)) {
      Map<Integer, Digest> delivered = streamAll(image);

      assertThat(delivered).hasSize(3);
      for (Layer layer : image.layers()) {
        assertThat(delivered.get(layer.index())).as("layer %d", layer.index()).isEqualTo(layer.diffId());
      }
    }
  }

  @Test
  void streamLayersSkipsUnwantedLayers() throws IOException {
    try (Image image = source.open(BUILT, null, ProgressListener.NONE)) {
      List<Integer> visited = new ArrayList<>();
      image.streamLayers(new Image.LayerVisitor() {
        @Override
        public boolean wants(Layer layer) {
          return layer.index() == 1;
        }

        @Override
        public void visit(Layer layer, InputStream blob) throws IOException {
          visited.add(layer.index());
          assertThat(sha256(blob)).isEqualTo(layer.diffId());
        }
      });

      assertThat(visited).containsExactly(1);
    }
  }

  @Test
  void layerOpenReturnsItsBlob() throws IOException {
    try (Image image = source.open(BUILT, null, ProgressListener.NONE)) {
      Layer top = image.layers().get(2);

      try (InputStream blob = top.open()) {
        assertThat(sha256(blob)).isEqualTo(top.diffId());
      }
      assertThat(top.blobDigest()).isEqualTo(top.diffId());
    }
  }

  @Test
  void loadedImageKeepsWhiteout() throws IOException {
    try (Image image = source.open(LOADED, null, ProgressListener.NONE)) {
      Map<Integer, List<String>> names = new HashMap<>();
      image.streamLayers(new Image.LayerVisitor() {
        @Override
        public boolean wants(Layer layer) {
          return true;
        }

        @Override
        public void visit(Layer layer, InputStream blob) throws IOException {
          names.put(layer.index(), entryNames(blob));
        }
      });

      assertThat(names.get(0)).contains("data/keep.txt", "data/gone.txt");
      assertThat(names.get(1)).contains("data/.wh.gone.txt");
    }
  }

  @Test
  void ambiguousHistoryIsReadFromConfigBlob() throws IOException {
    try (Image image = source.open(LOADED, null, ProgressListener.NONE)) {
      List<HistoryEntry> history = image.config().history();

      assertThat(history).extracting(HistoryEntry::emptyLayer).containsExactly(false, true, false);
      assertThat(history.get(0).created()).isEqualTo(ImageArchiveBuilder.FIXED_CREATED);
      assertThat(image.config().layerHistory().get(1).createdBy()).isEqualTo("RUN rm /data/gone.txt");
    }
  }

  @Test
  void indexedBuiltImageHasSquashedTree() throws IOException {
    try (Image image = source.open(BUILT, null, ProgressListener.NONE)) {
      ImageAnalysis analysis = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(image, ProgressListener.NONE);
      FileTree squashed = analysis.squashed(2);

      assertThat(squashed.find("etc/passwd")).isPresent();
      assertThat(squashed.find("app/run.sh")).isPresent();
      assertThat(squashed.find("app/copy.txt").orElseThrow().layer()).isEqualTo(2);
      assertThat(squashed.find("app/data.txt").orElseThrow().entry().size()).isEqualTo(5000);
      assertThat(analysis.changes(1).find("app/run.sh").orElseThrow().change()).isEqualTo(ChangeKind.ADDED);
      assertThat(analysis.changes(1).find("etc/passwd")).isEmpty();
    }
  }

  @Test
  void indexedWhiteoutDeletesFile() throws IOException {
    try (Image image = source.open(LOADED, null, ProgressListener.NONE)) {
      ImageAnalysis analysis = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(image, ProgressListener.NONE);

      assertThat(analysis.squashed(0).find("data/gone.txt")).isPresent();
      assertThat(analysis.squashed(1).find("data/gone.txt")).isEmpty();
      assertThat(analysis.squashed(1).find("data/keep.txt")).isPresent();
      assertThat(analysis.changes(1).find("data/gone.txt").orElseThrow().change()).isEqualTo(ChangeKind.DELETED);
    }
  }

  @Test
  void openUnknownImageNamesIt() {
    assertThatThrownBy(() -> source.open("hullscope-it/missing:none", null, ProgressListener.NONE))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("hullscope-it/missing:none")
        .hasMessageContaining("not found");
  }

  @Test
  void cancelledStreamStops() throws IOException {
    AtomicBoolean cancel = new AtomicBoolean();
    ProgressListener progress = new ProgressListener() {
      @Override
      public boolean isCancelled() {
        return cancel.get();
      }
    };
    try (Image image = source.open(BUILT, null, progress)) {
      cancel.set(true);

      assertThatThrownBy(() -> streamAll(image)).isInstanceOf(OperationCancelledException.class);
    }
  }

  private static ImageSummary summaryOf(String reference) throws IOException {
    return source.listImages().stream()
        .filter(summary -> summary.references().contains(reference))
        .findFirst()
        .orElseThrow(() -> new AssertionError(reference + " is missing from the image list"));
  }

  /** Streams every layer and returns the sha256 of each delivered blob by layer index. */
  static Map<Integer, Digest> streamAll(Image image) throws IOException {
    Map<Integer, Digest> delivered = new HashMap<>();
    image.streamLayers(new Image.LayerVisitor() {
      @Override
      public boolean wants(Layer layer) {
        return true;
      }

      @Override
      public void visit(Layer layer, InputStream blob) throws IOException {
        Digest previous = delivered.put(layer.index(), sha256(blob));
        assertThat(previous).as("layer %d delivered twice", layer.index()).isNull();
      }
    });
    return delivered;
  }

  static Digest sha256(InputStream in) throws IOException {
    java.security.MessageDigest digest = Digest.newSha256();
    byte[] buffer = new byte[65536];
    int read;
    while ((read = in.read(buffer)) > 0) {
      digest.update(buffer, 0, read);
    }
    return Digest.sha256(HexFormat.of().formatHex(digest.digest()));
  }

  static List<String> entryNames(InputStream tarStream) throws IOException {
    List<String> names = new ArrayList<>();
    TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(tarStream.readAllBytes()));
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      names.add(entry.getName());
    }
    return names;
  }

  static Path tempFile(String name) throws IOException {
    return Files.createTempFile(work, name, ".tar");
  }
}
