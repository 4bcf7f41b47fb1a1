package io.hullscope.source.harbor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import io.hullscope.image.Image;
import io.hullscope.image.Layer;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.source.harbor.HarborModel.Artifact;
import io.hullscope.source.harbor.HarborStub.Answer;
import io.hullscope.source.registry.RegistryHostSettings;
import io.hullscope.source.registry.RegistryOptions;
import io.hullscope.source.registry.RegistrySource;
import io.hullscope.testing.Ci;
import io.hullscope.testing.Tools;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Opens a Harbor artifact the way the app does: the artifact list comes from the Harbor stub
 * (checked against Harbor's API description), and the manifest and blobs come from the real local
 * {@code docker-registry} behind the stub's {@code /v2/}, as Harbor serves its registry on the same
 * host.
 */
@Tag("registry")
class HarborArtifactIT {

  private static String registry;
  private static String repository;
  private static Digest digest;

  private HarborStub stub;

  @BeforeAll
  static void pushSample() throws Exception {
    String configured = System.getenv("HULLSCOPE_REGISTRY");
    boolean available = Ci.checkServiceForClass(configured != null && !configured.isBlank(),
        "docker-registry (set HULLSCOPE_REGISTRY to host:port)");
    boolean skopeo = Ci.checkServiceForClass(Tools.runs("skopeo", "--version"), "skopeo (install the skopeo package)");
    if (!available || !skopeo) {
      return;
    }
    registry = configured.strip();
    repository = "library/hygiene-good-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Tools.runs("skopeo", "copy", "--quiet", "--dest-tls-verify=false", "docker-archive:" + sample(),
        "docker://" + registry + "/" + repository + ":1.0")).as("skopeo copy").isTrue();
    RegistrySource direct = new RegistrySource(registry, List.of(repository),
        RegistryOptions.DEFAULT.withHost(registry, RegistryHostSettings.DEFAULT.withInsecure(true)));
    digest = direct.client(registry).resolveDigest(repository, "1.0");
  }

  @BeforeEach
  void start() throws IOException {
    Ci.requireService(digest != null, "docker-registry (set HULLSCOPE_REGISTRY) and skopeo");
    stub = new HarborStub().forwardRegistryTo(URI.create("http://" + registry));
  }

  @AfterEach
  void stop() {
    if (stub != null) {
      stub.close();
    }
  }

  @Test
  void artifactOpensThroughHarborsRegistryLikeTheArchive() throws IOException {
    String path = "/api/v2.0/projects/library/repositories/" + repository.substring("library/".length())
        + "/artifacts";
    stub.on("GET", path, Answer.json(200, "[{\"id\":1,\"type\":\"IMAGE\",\"digest\":\"" + digest + "\","
        + "\"size\":1000,\"tags\":[{\"id\":1,\"name\":\"1.0\"}]}]").withHeader("X-Total-Count", "1"));
    HarborClient client = new HarborClient(new HarborConnection(stub.url(), null, null, null, true, null));

    Artifact artifact = client.artifacts(repository, 1, 10).items().get(0);
    ImageAnalysis fromHarbor;
    try (ImageSource source = client.registrySource(repository);
        Image image = source.open(client.artifactKey(repository, artifact.digest()), null, ProgressListener.NONE)) {
      fromHarbor = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(image, ProgressListener.NONE);
    }
    ImageAnalysis fromArchive;
    try (ImageSource source = FileSources.open(sample());
        Image image = source.open(source.listImages().get(0).key(), null, ProgressListener.NONE)) {
      fromArchive = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(image, ProgressListener.NONE);
    }

    assertThat(artifact.tags()).containsExactly("1.0");
    assertThat(diffIds(fromHarbor)).isEqualTo(diffIds(fromArchive));
    assertThat(fromHarbor.squashed(fromHarbor.layers().size() - 1).entryCount())
        .isEqualTo(fromArchive.squashed(fromArchive.layers().size() - 1).entryCount());
    assertThat(stub.requests()).extracting(HarborStub.Request::rawUri).anyMatch(uri -> uri.startsWith("/v2/"));
    assertThat(stub.contractViolations()).isEmpty();
  }

  private static List<Digest> diffIds(ImageAnalysis analysis) {
    return analysis.image().layers().stream().map(Layer::diffId).toList();
  }

  private static Path sample() {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    return root.resolve("samples/images/hygiene-good.tar");
  }
}
