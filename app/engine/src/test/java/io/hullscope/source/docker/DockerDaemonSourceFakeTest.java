package io.hullscope.source.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hullscope.image.Digest;
import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.FileTree;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.source.ImageSummary;
import io.hullscope.source.docker.FakeDockerDaemon.Reply;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.BlobCompression;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plays daemons newer than the one on the test machine (Docker 27, API 1.47) through
 * {@link FakeDockerDaemon}, with the save layouts of the classic and the containerd image store.
 */
class DockerDaemonSourceFakeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REFERENCE = "team/app:1";

  @TempDir
  Path dir;

  private FakeDockerDaemon daemon;
  private DockerDaemonSource source;

  @BeforeEach
  void startDaemon() throws IOException {
    daemon = new FakeDockerDaemon(dir.resolve("docker.sock"));
    daemon.on("/version", Reply.json("{\"Version\":\"27.3.1\",\"ApiVersion\":\"1.47\",\"MinAPIVersion\":\"1.24\"}"));
    source = new DockerDaemonSource(daemon.host(), Limits.DEFAULT);
  }

  @AfterEach
  void stopDaemon() throws IOException {
    source.close();
    daemon.close();
  }

  private static TestImage image(BlobCompression compression) {
    return ImageArchiveBuilder.image()
        .reference(REFERENCE)
        .user("app")
        .env("MODE=fake")
        .layer(new TarBuilder().dir("etc").file("etc/os-release", "ID=fake\n").file("etc/old.conf", "x").build(), compression)
        .history("ADD rootfs.tar /")
        .history("USER app", true)
        .layer(new TarBuilder().dir("app").file("app/run", "#!/bin/sh\n").build(), compression)
        .history("COPY run /app/run")
        .layer(new TarBuilder().dir("etc").whiteout("etc/old.conf").build(), compression)
        .history("RUN rm /etc/old.conf");
  }

  /** Serves inspect, history and save for {@code image} under its id and its reference. */
  private Digest serve(TestImage image, byte[] saveTar, Digest id) throws IOException {
    JsonNode config = JSON.readTree(image.configJson());
    ObjectNode inspect = JSON.createObjectNode();
    inspect.put("Id", id.toString());
    inspect.putArray("RepoTags").add(REFERENCE);
    inspect.put("Created", config.path("created").asText());
    inspect.put("Os", config.path("os").asText());
    inspect.put("Architecture", config.path("architecture").asText());
    inspect.set("Config", config.path("config"));
    inspect.put("Size", saveTar.length);
    ArrayNode layers = inspect.putObject("RootFS").put("Type", "layers").putArray("Layers");
    image.layers().forEach(layer -> layers.add(layer.diffId().toString()));

    ArrayNode history = JSON.createArrayNode();
    for (JsonNode step : config.path("history")) {
      ObjectNode item = JSON.createObjectNode();
      item.put("Created", 1_704_067_200L);
      item.put("CreatedBy", step.path("created_by").asText());
      item.put("Size", step.path("empty_layer").asBoolean() ? 0 : 100);
      history.insert(0, item);
    }

    for (String name : List.of(id.toString(), REFERENCE)) {
      daemon.on("/v1.44/images/" + name + "/json", Reply.json(inspect.toString()));
      daemon.on("/v1.44/images/" + name + "/history", Reply.json(history.toString()));
      daemon.on("/v1.44/images/" + name + "/get", Reply.tar(saveTar));
    }
    return id;
  }

  private long saveRequests() {
    return daemon.requests().stream().filter(path -> path.endsWith("/get")).count();
  }

  private static ImageAnalysis analyze(Image image) throws IOException {
    return new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(image, ProgressListener.NONE);
  }

  @Test
  void statusNegotiatesClientMax() {
    DaemonStatus status = source.status();

    assertThat(status.reachable()).isTrue();
    assertThat(status.serverVersion()).isEqualTo("27.3.1");
    assertThat(status.apiVersion()).isEqualTo(ApiVersions.CLIENT_MAX);
  }

  @Test
  void tooOldDaemonIsRejected() {
    daemon.on("/version", Reply.json("{\"Version\":\"1.11.2\",\"ApiVersion\":\"1.23\",\"MinAPIVersion\":\"1.12\"}"));

    DaemonStatus status = source.status();

    assertThat(status.reachable()).isFalse();
    assertThat(status.message()).contains("API 1.23").contains("upgrade Docker");
  }

  @Test
  void plainRequestToTlsDaemonSuggestsTls() {
    daemon.on("/version", Reply.error(400, "Client sent an HTTP request to an HTTPS server."));

    DaemonStatus status = source.status();

    assertThat(status.reachable()).isFalse();
    assertThat(status.message()).contains("HTTP 400").contains("Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH");
  }

  @Test
  void containerdSaveIndexesCompressedLayers() throws IOException {
    TestImage image = image(BlobCompression.GZIP);
    Digest id = serve(image, ImageArchiveBuilder.dockerSaveOci(image).toTar(), image.digest());

    try (Image opened = source.open(REFERENCE, null, ProgressListener.NONE)) {
      FileTree squashed = analyze(opened).squashed(2);

      assertThat(opened.digest()).isEqualTo(id);
      assertThat(squashed.find("etc/os-release")).isPresent();
      assertThat(squashed.find("app/run")).isPresent();
      assertThat(squashed.find("etc/old.conf")).isEmpty();
      for (int i = 0; i < 3; i++) {
        assertThat(opened.layers().get(i).blobDigest()).isEqualTo(image.layers().get(i).blobDigest());
      }
      assertThat(saveRequests()).isBetween(1L, 2L);
    }
  }

  @Test
  void classicSaveStreamsInOnePass() throws IOException {
    TestImage image = image(BlobCompression.NONE);
    serve(image, ImageArchiveBuilder.dockerSaveOci(image).toTar(), image.configDigest());

    try (Image opened = source.open(REFERENCE, null, ProgressListener.NONE)) {
      analyze(opened);

      assertThat(saveRequests()).isEqualTo(1);
    }
  }

  @Test
  void historyFromSizesMarksEmptySteps() throws IOException {
    TestImage image = image(BlobCompression.NONE);
    serve(image, ImageArchiveBuilder.dockerSaveOci(image).toTar(), image.configDigest());

    try (Image opened = source.open(REFERENCE, null, ProgressListener.NONE)) {
      assertThat(opened.config().history()).extracting(entry -> entry.emptyLayer())
          .containsExactly(false, true, false, false);
      assertThat(opened.config().layerHistory().get(1).createdBy()).isEqualTo("COPY run /app/run");
      assertThat(saveRequests()).isZero();
    }
  }

  @Test
  void saveErrorKeepsDaemonMessage() throws IOException {
    TestImage image = image(BlobCompression.NONE);
    Digest id = serve(image, ImageArchiveBuilder.dockerSaveOci(image).toTar(), image.configDigest());
    daemon.on("/v1.44/images/" + id + "/get", Reply.error(500, "no space left on device"));

    try (Image opened = source.open(REFERENCE, null, ProgressListener.NONE)) {
      assertThatThrownBy(() -> analyze(opened))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("HTTP 500")
          .hasMessageContaining("no space left on device");
    }
  }

  @Test
  void imageAfterSourceClosedSaysSo() throws IOException {
    TestImage image = image(BlobCompression.NONE);
    serve(image, ImageArchiveBuilder.dockerSaveOci(image).toTar(), image.configDigest());
    Image opened = source.open(REFERENCE, null, ProgressListener.NONE);

    source.close();

    assertThatThrownBy(() -> opened.layers().get(0).open())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("was closed with its source");
  }

  @Test
  void listInspectsForUserAndLayers() throws IOException {
    TestImage image = image(BlobCompression.NONE);
    Digest id = serve(image, ImageArchiveBuilder.dockerSaveOci(image).toTar(), image.configDigest());
    daemon.on("/v1.44/images/json", Reply.json("[{\"Id\":\"" + id + "\",\"RepoTags\":[\"" + REFERENCE
        + "\"],\"Created\":1704067200,\"Size\":4096}]"));

    List<ImageSummary> images = source.listImages();

    assertThat(images).hasSize(1);
    assertThat(images.get(0).key()).isEqualTo(id.toString());
    assertThat(images.get(0).references()).containsExactly(REFERENCE);
    assertThat(images.get(0).user()).isEqualTo("app");
    assertThat(images.get(0).layerCount()).isEqualTo(3);
    assertThat(images.get(0).size()).isEqualTo(4096);
  }
}
