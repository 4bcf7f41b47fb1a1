package io.hullscope.source.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hullscope.image.Healthcheck;
import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.source.docker.FakeDockerDaemon.Reply;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plays Podman 4.3's Docker-compatible API through {@link FakeDockerDaemon}, with the responses
 * the real service returned: {@code /version} names a "Podman Engine" component and reports API
 * 1.41, the inspect response has no {@code Healthcheck}, and the save stream has Podman's layout.
 */
class PodmanCompatibilityTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REFERENCE = "localhost/team/app:1";
  /** The {@code GET /version} response of Podman 4.3.1 on Debian 12, shortened. */
  private static final String PODMAN_VERSION = "{\"Platform\":{\"Name\":\"linux/amd64/debian-12\"},"
      + "\"Components\":[{\"Name\":\"Podman Engine\",\"Version\":\"4.3.1\","
      + "\"Details\":{\"APIVersion\":\"4.3.1\",\"MinAPIVersion\":\"4.0.0\"}},"
      + "{\"Name\":\"Conmon\",\"Version\":\"conmon version 2.1.6\"}],"
      + "\"Version\":\"4.3.1\",\"ApiVersion\":\"1.41\",\"MinAPIVersion\":\"1.24\",\"Os\":\"linux\",\"Arch\":\"amd64\"}";

  @TempDir
  Path dir;

  private FakeDockerDaemon daemon;
  private DockerDaemonSource source;

  @BeforeEach
  void startDaemon() throws IOException {
    daemon = new FakeDockerDaemon(dir.resolve("podman.sock"));
    daemon.on("/version", Reply.json(PODMAN_VERSION));
    source = new DockerDaemonSource(daemon.host(), Limits.DEFAULT);
  }

  @AfterEach
  void stopDaemon() throws IOException {
    source.close();
    daemon.close();
  }

  /** Returns an image with a health check, with or without a HEALTHCHECK step in its history. */
  private static TestImage image(boolean healthcheckStep) {
    TestImage image = ImageArchiveBuilder.image()
        .reference(REFERENCE)
        .user("app")
        .stopSignal("SIGINT")
        .healthcheck(List.of("CMD", "/app/run", "--check"), Duration.ofSeconds(30), Duration.ofSeconds(3), null, 3)
        .layer(new TarBuilder().dir("etc").file("etc/os-release", "ID=fake\n").file("etc/old.conf", "x").build())
        .history("ADD rootfs.tar /")
        .layer(new TarBuilder().dir("app").file("app/run", "#!/bin/sh\n").build())
        .history("COPY run /app/run");
    if (healthcheckStep) {
      image.history("HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD [\"/app/run\" \"--check\"]", true);
    }
    return image
        .layer(new TarBuilder().dir("etc").whiteout("etc/old.conf").build())
        .history("RUN rm /etc/old.conf");
  }

  /** Serves inspect, history and save as Podman does, under the image id and the reference. */
  private void serve(TestImage image) throws IOException {
    JsonNode config = JSON.readTree(image.configJson());
    ObjectNode podmanConfig = config.path("config").deepCopy();
    podmanConfig.remove("Healthcheck");
    ObjectNode inspect = JSON.createObjectNode();
    inspect.put("Id", image.configDigest().toString());
    inspect.putArray("RepoTags").add(REFERENCE);
    inspect.put("Created", config.path("created").asText());
    inspect.put("Os", config.path("os").asText());
    inspect.put("Architecture", config.path("architecture").asText());
    inspect.set("Config", podmanConfig);
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

    byte[] saveTar = PodmanSaveLayout.saveTar(image, REFERENCE);
    for (String name : List.of(image.configDigest().toString(), REFERENCE)) {
      daemon.on("/v1.41/images/" + name + "/json", Reply.json(inspect.toString()));
      daemon.on("/v1.41/images/" + name + "/history", Reply.json(history.toString()));
    }
    daemon.on("/v1.41/images/" + image.configDigest() + "/get", Reply.tar(saveTar));
  }

  private long saveRequests() {
    return daemon.requests().stream().filter(path -> path.endsWith("/get")).count();
  }

  static Stream<Arguments> versionResponses() {
    return Stream.of(
        Arguments.of("{\"Version\":\"4.3.1\",\"Components\":[{\"Name\":\"Podman Engine\",\"Version\":\"4.3.1\"}]}",
            "Podman"),
        Arguments.of("{\"Version\":\"20.10.24\",\"Components\":[{\"Name\":\"Engine\",\"Version\":\"20.10.24\"},"
            + "{\"Name\":\"containerd\",\"Version\":\"1.6.20\"}]}", "Docker"),
        Arguments.of("{\"Version\":\"1.13.1\",\"ApiVersion\":\"1.26\"}", "Docker"),
        Arguments.of("{\"Version\":\"5.0.0\",\"Components\":\"unexpected\"}", "Docker"));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("versionResponses")
  void engineNameFromVersionComponents(String version, String expected) throws IOException {
    assertThat(DaemonMetadata.engineName(JSON.readTree(version))).isEqualTo(expected);
  }

  @Test
  void statusNamesPodman() {
    DaemonStatus status = source.status();

    assertThat(status.reachable()).isTrue();
    assertThat(status.serverVersion()).isEqualTo("4.3.1");
    assertThat(status.apiVersion()).isEqualTo("1.41");
    assertThat(status.message()).startsWith("Connected to Podman 4.3.1 at ");
  }

  @Test
  void healthcheckComesFromConfigBlob() throws IOException {
    serve(image(true));

    try (Image opened = source.open(REFERENCE, null, ProgressListener.NONE)) {
      Healthcheck healthcheck = opened.config().healthcheck();

      assertThat(healthcheck).isNotNull();
      assertThat(healthcheck.test()).containsExactly("CMD", "/app/run", "--check");
      assertThat(healthcheck.interval()).isEqualTo(Duration.ofSeconds(30));
      assertThat(healthcheck.retries()).isEqualTo(3);
      assertThat(opened.config().stopSignal()).isEqualTo("SIGINT");
      assertThat(opened.config().user()).isEqualTo("app");
      assertThat(saveRequests()).isEqualTo(1);
    }
  }

  @Test
  void noHealthcheckStepSkipsSaveStream() throws IOException {
    serve(image(false));

    try (Image opened = source.open(REFERENCE, null, ProgressListener.NONE)) {
      assertThat(opened.config().stopSignal()).isEqualTo("SIGINT");
      assertThat(opened.config().history()).hasSize(3);
      assertThat(saveRequests()).isZero();
    }
  }

  @Test
  void openAndIndexTakeTwoPasses() throws IOException {
    serve(image(true));

    try (Image opened = source.open(REFERENCE, null, ProgressListener.NONE)) {
      ImageAnalysis analysis = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(opened, ProgressListener.NONE);

      assertThat(analysis.squashed(2).find("app/run")).isPresent();
      assertThat(analysis.squashed(2).find("etc/old.conf")).isEmpty();
      assertThat(saveRequests()).isEqualTo(2);
    }
  }

  static Stream<Arguments> historySteps() {
    return Stream.of(
        Arguments.of("/bin/sh -c #(nop)  HEALTHCHECK &{[\"CMD\" \"/app/run\"] \"30s\" \"0s\" \"0s\" '\\x00'}", true),
        Arguments.of("HEALTHCHECK CMD [\"/app/run\"]", true),
        Arguments.of("healthcheck --interval=5s CMD /check", true),
        Arguments.of("/bin/sh -c #(nop)  CMD [\"/app/run\"]", false),
        Arguments.of("", false));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("historySteps")
  void historyMentionsHealthcheckStep(String createdBy, boolean expected) {
    ArrayNode history = JSON.createArrayNode();
    history.addObject().put("CreatedBy", "/bin/sh -c #(nop) ADD file:0123 in /");
    history.addObject().put("CreatedBy", createdBy);

    assertThat(DaemonMetadata.historyMentions(history, "HEALTHCHECK")).isEqualTo(expected);
  }
}
