package io.hullscope.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.Digest;
import io.hullscope.image.Image;
import io.hullscope.image.Layer;
import io.hullscope.image.Limits;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageIndexer;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.source.ImageSummary;
import io.hullscope.testing.Ci;
import io.hullscope.testing.Tools;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.ImageArchiveBuilder.TestIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens images from a real distribution registry ({@code docker-registry}, plain HTTP on
 * loopback, found through {@code HULLSCOPE_REGISTRY}) and compares them with the same images read
 * from the OCI archives that skopeo pushed there.
 */
@Tag("registry")
class RegistrySourceIT {

  @TempDir static Path work;

  static String host;
  static String repository;
  static Path singleArchive;
  static Path multiArchive;
  static TestImage arm64;

  @BeforeAll
  static void pushImages() throws Exception {
    String configured = System.getenv("HULLSCOPE_REGISTRY");
    boolean available = Ci.checkServiceForClass(configured != null && !configured.isBlank(),
        "docker-registry (set HULLSCOPE_REGISTRY to host:port)");
    boolean skopeo = Ci.checkServiceForClass(Tools.runs("skopeo", "--version"), "skopeo (install the skopeo package)");
    if (!available || !skopeo) {
      return;
    }
    host = configured.strip();
    // A fresh repository per run, so that tags from earlier runs cannot interfere.
    repository = "hullscope-it/" + UUID.randomUUID().toString().substring(0, 8);

    singleArchive = ImageArchiveBuilder.ociLayout(RegistrySourceTest.sampleImage("linux/amd64", "single"))
        .writeTar(work.resolve("single.tar"));
    push(singleArchive, repository + ":single", false);

    arm64 = RegistrySourceTest.sampleImage("linux/arm64/v8", "arm64");
    TestIndex index = ImageArchiveBuilder.index(RegistrySourceTest.sampleImage("linux/amd64", "amd64"), arm64);
    multiArchive = ImageArchiveBuilder.ociLayout(index).writeTar(work.resolve("multi.tar"));
    push(multiArchive, repository + ":multi", true);
  }

  @BeforeEach
  void requireRegistry() {
    Ci.requireService(host != null, "docker-registry (set HULLSCOPE_REGISTRY) and skopeo");
  }

  private static RegistryOptions options() {
    return RegistryOptions.DEFAULT.withHost(host, RegistryHostSettings.DEFAULT.withInsecure(true));
  }

  @Test
  void pushedImageOpensLikeItsArchive() throws IOException {
    RegistrySource source = new RegistrySource(host, List.of(repository), options());
    try (ImageSource archive = FileSources.open(singleArchive);
        Image expected = archive.open(archive.listImages().get(0).key(), null, ProgressListener.NONE);
        Image actual = source.open(host + "/" + repository + ":single", null, ProgressListener.NONE)) {
      assertThat(actual.digest()).isEqualTo(expected.digest());
      assertThat(actual.configDigest()).isEqualTo(expected.configDigest());
      assertThat(actual.config()).isEqualTo(expected.config());
      assertThat(blobDigests(actual)).isEqualTo(blobDigests(expected));
      assertThat(RegistrySourceTest.treeListing(actual)).isEqualTo(RegistrySourceTest.treeListing(expected));
    }
  }

  @Test
  void multiPlatformImageOpensRequestedPlatform() throws IOException {
    RegistrySource source = new RegistrySource(host, List.of(repository), options());
    try (ImageSource archive = FileSources.open(multiArchive);
        Image expected = archive.open(archive.listImages().get(0).key(), Platform.parse("linux/arm64"), ProgressListener.NONE);
        Image actual = source.open(repository + ":multi", Platform.parse("linux/arm64"), ProgressListener.NONE)) {
      assertThat(actual.digest()).isEqualTo(expected.digest());
      assertThat(actual.configDigest()).isEqualTo(arm64.configDigest());
      assertThat(actual.availablePlatforms()).isEqualTo(expected.availablePlatforms());
      assertThat(RegistrySourceTest.treeListing(actual)).isEqualTo(RegistrySourceTest.treeListing(expected));
    }
  }

  @Test
  void openingByDigestGivesTheSameImage() throws IOException {
    RegistrySource source = new RegistrySource(host, List.of(repository), options());
    Digest digest = source.client(host).resolveDigest(repository, "single");
    try (Image image = source.open(repository + "@" + digest, null, ProgressListener.NONE)) {
      assertThat(image.digest()).isEqualTo(digest);
      new ImageIndexer(new RegistrySourceTest.MemoryCache(), Limits.DEFAULT).analyze(image, ProgressListener.NONE);
    }
  }

  @Test
  void listingShowsTagsAndCatalog() throws IOException {
    RegistrySource source = new RegistrySource(host, List.of(repository), options());

    List<ImageSummary> images = source.listImages();

    assertThat(images).extracting(ImageSummary::key)
        .containsExactlyInAnyOrder(host + "/" + repository + ":single", host + "/" + repository + ":multi");
    assertThat(source.client(host).listRepositories()).contains(repository);
  }

  @Test
  void referrersWithoutApiOrTagAreEmpty() throws IOException {
    RegistryClient client = RegistryClient.create(host, options());
    Digest digest = client.resolveDigest(repository, "single");

    // docker-registry 2.8 has no referrers API, so this exercises the 404 fallback to the tag schema.
    assertThat(client.listReferrers(repository, digest, null)).isEmpty();
  }

  @Test
  void missingTagIsNotFound() {
    RegistrySource source = new RegistrySource(host, List.of(repository), options());

    assertThatThrownBy(() -> source.open(repository + ":missing", null, ProgressListener.NONE))
        .isInstanceOf(RegistryNotFoundException.class)
        .hasMessageContaining("MANIFEST_UNKNOWN");
  }

  private static List<String> blobDigests(Image image) {
    List<String> digests = new ArrayList<>();
    for (Layer layer : image.layers()) {
      digests.add(layer.blobDigest() + " " + layer.diffId() + " " + layer.size());
    }
    return digests;
  }

  private static void push(Path archive, String target, boolean all) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("skopeo", "copy", "--quiet", "--dest-tls-verify=false"));
    if (all) {
      command.add("--all");
    }
    command.add("oci-archive:" + archive);
    command.add("docker://" + host + "/" + target);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("skopeo copy did not finish within 5 minutes: " + command);
    }
    if (process.exitValue() != 0) {
      throw new AssertionError("skopeo copy failed with exit code " + process.exitValue() + ": " + command + "\n"
          + new String(output, StandardCharsets.UTF_8));
    }
  }
}
