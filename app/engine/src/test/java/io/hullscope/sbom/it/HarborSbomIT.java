package io.hullscope.sbom.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.HarborSbomFetcher;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.SbomCollector;
import io.hullscope.sbom.SbomComparison;
import io.hullscope.sbom.SbomImport;
import io.hullscope.sbom.SbomImporter;
import io.hullscope.sbom.SpdxExporter;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.source.harbor.HarborClient;
import io.hullscope.source.harbor.HarborConnection;
import io.hullscope.source.harbor.HarborStub;
import io.hullscope.source.harbor.HarborStub.Answer;
import io.hullscope.source.registry.RegistryHostSettings;
import io.hullscope.source.registry.RegistryOptions;
import io.hullscope.source.registry.RegistrySource;
import io.hullscope.testing.Ci;
import io.hullscope.testing.Tools;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stores an SBOM the way Harbor does (an OCI artifact beside the image, listed as accessory
 * {@code sbom.harbor}) in the real local registry, and reads it back through the Harbor stub,
 * whose {@code /v2/} forwards to that registry.
 */
@org.junit.jupiter.api.Tag("registry")
class HarborSbomIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static String registry;
  private static String repository;
  private static Digest imageDigest;
  private static Digest sbomDigest;
  private static ImageSbom ours;

  @BeforeAll
  static void pushImageAndSbom() throws Exception {
    String configured = System.getenv("HULLSCOPE_REGISTRY");
    boolean available = Ci.checkServiceForClass(configured != null && !configured.isBlank(),
        "docker-registry (set HULLSCOPE_REGISTRY to host:port)");
    boolean skopeo = Ci.checkServiceForClass(Tools.runs("skopeo", "--version"), "skopeo (install the skopeo package)");
    if (!available || !skopeo) {
      return;
    }
    registry = configured.strip();
    repository = "library/sbom-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(Tools.runs("skopeo", "copy", "--quiet", "--dest-tls-verify=false", "docker-archive:" + sample(),
        "docker://" + registry + "/" + repository + ":1.0")).as("skopeo copy").isTrue();
    imageDigest = new RegistrySource(registry, List.of(repository),
        RegistryOptions.DEFAULT.withHost(registry, RegistryHostSettings.DEFAULT.withInsecure(true)))
        .client(registry).resolveDigest(repository, "1.0");

    ours = sbomOfSample();
    byte[] document = SpdxExporter.toJson(ours, Instant.parse("2026-12-05T00:00:00Z")).getBytes(StandardCharsets.UTF_8);
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    Digest documentDigest = upload(document);
    Digest configDigest = upload(config);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"artifactType\":\"application/vnd.goharbor.harbor.sbom.v1\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + configDigest
        + "\",\"size\":" + config.length + "},"
        + "\"layers\":[{\"mediaType\":\"application/spdx+json\",\"digest\":\"" + documentDigest + "\",\"size\":"
        + document.length + "}],"
        + "\"subject\":{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"digest\":\""
        + imageDigest + "\",\"size\":1}}";
    byte[] manifestBytes = manifest.getBytes(StandardCharsets.UTF_8);
    sbomDigest = Digest.sha256Of(manifestBytes);
    HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + repository
            + "/manifests/" + sbomDigest))
        .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifestBytes)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as("manifest upload: " + put.body()).isEqualTo(201);
  }

  @Test
  void harborSbomMatchesOurs() throws IOException {
    Ci.requireService(sbomDigest != null, "docker-registry (set HULLSCOPE_REGISTRY) and skopeo");
    try (HarborStub stub = new HarborStub().forwardRegistryTo(URI.create("http://" + registry))) {
      stub.on("GET", "/api/v2.0/projects/library/repositories/" + repository.substring("library/".length())
              + "/artifacts/" + imageDigest + "/accessories",
          Answer.json(200, "[{\"id\":9,\"artifact_id\":10,\"subject_artifact_id\":8,\"digest\":\"" + sbomDigest
              + "\",\"type\":\"sbom.harbor\",\"size\":2048}]"));
      HarborClient client = new HarborClient(new HarborConnection(stub.url(), null, null, null, true, null));

      Optional<SbomImport> harbor = new HarborSbomFetcher(client, new SbomImporter())
          .fetch(repository, imageDigest.toString());

      assertThat(harbor).isPresent();
      assertThat(harbor.get().format()).contains("SPDX");
      SbomComparison comparison = SbomComparison.compare(ours, harbor.get().sbom());
      assertThat(comparison.summary().identical()).isEqualTo(5);
      assertThat(comparison.onlyInOurs()).isEmpty();
      assertThat(comparison.onlyInTheirs()).isEmpty();
      assertThat(stub.contractViolations()).isEmpty();
    }
  }

  @Test
  void noSbomAccessoryGivesNone() throws IOException {
    Ci.requireService(sbomDigest != null, "docker-registry (set HULLSCOPE_REGISTRY) and skopeo");
    try (HarborStub stub = new HarborStub().forwardRegistryTo(URI.create("http://" + registry))) {
      stub.on("GET", "/api/v2.0/projects/library/repositories/" + repository.substring("library/".length())
          + "/artifacts/" + imageDigest + "/accessories", Answer.json(200, "[]"));
      HarborClient client = new HarborClient(new HarborConnection(stub.url(), null, null, null, true, null));

      assertThat(new HarborSbomFetcher(client, new SbomImporter()).fetch(repository, imageDigest.toString())).isEmpty();
    }
  }

  private static Digest upload(byte[] content) throws IOException, InterruptedException {
    Digest digest = Digest.sha256Of(content);
    HttpResponse<String> start = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + repository
        + "/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(start.statusCode()).as("upload start").isEqualTo(202);
    String location = start.headers().firstValue("Location").orElseThrow();
    URI target = URI.create("http://" + registry).resolve(location);
    URI withDigest = URI.create(target + (target.getQuery() == null ? "?" : "&") + "digest=" + digest);
    HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(withDigest)
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as("blob upload: " + put.body()).isEqualTo(201);
    return digest;
  }

  private static ImageSbom sbomOfSample() throws IOException {
    SbomCollector collector = SbomCollector.withDefaults();
    try (ImageSource source = FileSources.open(sample());
        Image image = source.open(source.listImages().get(0).key(), null, ProgressListener.NONE)) {
      return collector.build(new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT, List.of(collector))
          .analyze(image, ProgressListener.NONE), "Hullscope test");
    }
  }

  private static Path sample() {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    return root.resolve("samples/images/hygiene-good.tar");
  }
}
