package io.hullscope.source.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.Digest;
import io.hullscope.image.Image;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.Layer;
import io.hullscope.image.Limits;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.source.ImageSummary;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads images through {@link DockerDaemonSource} from Podman's Docker-compatible API service,
 * and checks each against the archive it was loaded from, read by {@link FileSources}.
 *
 * <p>The archives are the two committed training samples (a legacy docker save and a Docker 25
 * style OCI save) and a docker save written by {@code ImageArchiveBuilder} with a whiteout, an
 * empty-layer history step and a health check.
 */
@Tag("docker")
class PodmanSocketIT {

  static final String BAD_SAMPLE = "hygiene-bad.tar";
  static final String GOOD_SAMPLE = "hygiene-good.tar";
  static final String BUILT = "built-history.tar";
  static final String BUILT_REFERENCE = "hullscope-it/podman-history:1";

  @TempDir
  static Path work;

  static String host;
  static DockerDaemonSource source;
  /** Archives loaded into Podman, by file name. */
  static final Map<String, Path> archives = new HashMap<>();
  /** Config digest (Podman's image id) of each loaded archive, by file name. */
  static final Map<String, Digest> imageIds = new HashMap<>();
  /** References each loaded archive names, by file name. */
  static final Map<String, List<String>> archiveReferences = new HashMap<>();

  @BeforeAll
  static void loadImages() throws IOException {
    host = PodmanFixture.podmanHost();
    if (host == null) {
      return;
    }
    archives.put(BAD_SAMPLE, samplePath(BAD_SAMPLE));
    archives.put(GOOD_SAMPLE, samplePath(GOOD_SAMPLE));
    archives.put(BUILT, writeBuiltImage(work.resolve(BUILT)));
    for (Map.Entry<String, Path> archive : archives.entrySet()) {
      try (ImageSource file = FileSources.open(archive.getValue());
          Image image = file.open(file.listImages().get(0).key(), null, ProgressListener.NONE)) {
        imageIds.put(archive.getKey(), image.configDigest());
        archiveReferences.put(archive.getKey(), image.references());
      }
      PodmanFixture.load(host, archive.getValue());
    }
    source = new DockerDaemonSource(host, Limits.DEFAULT);
  }

  @BeforeEach
  void requirePodman() {
    PodmanFixture.requirePodman(host);
  }

  @AfterAll
  static void removeImages() throws IOException {
    if (source != null) {
      source.close();
    }
    if (host != null) {
      for (Digest id : imageIds.values()) {
        PodmanFixture.remove(host, id.hex());
      }
    }
  }

  static Stream<String> loadedArchives() {
    return Stream.of(BAD_SAMPLE, GOOD_SAMPLE, BUILT);
  }

  /**
   * Writes a docker save archive of two layers, the second with a whiteout, and empty-layer
   * history steps in between, one of them the HEALTHCHECK that Podman's inspect response leaves out.
   */
  static Path writeBuiltImage(Path file) throws IOException {
    byte[] base = new TarBuilder().dir("data").file("data/keep.txt", "keep\n").file("data/gone.txt", "gone\n").build();
    byte[] delete = new TarBuilder().dir("data").whiteout("data/gone.txt").file("data/new.txt", "new\n").build();
    ImageArchiveBuilder.TestImage image = ImageArchiveBuilder.image()
        .reference(BUILT_REFERENCE)
        .layer(base)
        .history("COPY data/ /data/")
        .user("nobody")
        .env("MODE=podman")
        .volume("/data")
        .stopSignal("SIGINT")
        .author("Hullscope tests")
        .healthcheck(List.of("CMD", "/bin/true"), Duration.ofSeconds(20), Duration.ofSeconds(2), null, 2)
        .history("USER nobody", true)
        .history("HEALTHCHECK --interval=20s --timeout=2s --retries=2 CMD [\"/bin/true\"]", true)
        .layer(delete)
        .history("RUN rm /data/gone.txt");
    ImageArchiveBuilder.dockerSave(image).writeTar(file);
    return file;
  }

  @Test
  void statusReportsConnectedPodman() {
    DaemonStatus status = source.status();

    assertThat(status.reachable()).isTrue();
    assertThat(status.host()).isEqualTo(host);
    assertThat(status.serverVersion()).isNotBlank();
    assertThat(ApiVersions.compare(status.apiVersion(), ApiVersions.CLIENT_MIN)).isGreaterThanOrEqualTo(0);
    assertThat(ApiVersions.compare(status.apiVersion(), ApiVersions.CLIENT_MAX)).isLessThanOrEqualTo(0);
  }

  @Test
  void listShowsLoadedSample() throws IOException {
    ImageSummary bad = summaryOf(BAD_SAMPLE);

    assertThat(bad.layerCount()).isEqualTo(5);
    assertThat(bad.user()).isEmpty();
    assertThat(bad.platforms()).containsExactly(new Platform("linux", "amd64", null));
    assertThat(bad.created()).isEqualTo(ImageArchiveBuilder.FIXED_CREATED);
    assertThat(bad.size()).isGreaterThan(1_000_000);
    assertThat(bad.references()).anyMatch(reference -> reference.endsWith("hullscope-samples/hygiene-bad:latest"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("loadedArchives")
  void configMatchesArchive(String archive) throws IOException {
    ImageFacts expected = ImageFacts.read(FileSources.open(archives.get(archive)), null);
    ImageFacts actual = ImageFacts.read(source, imageIds.get(archive).toString());

    assertThat(actual.diffIds()).isEqualTo(expected.diffIds());
    assertThat(actual.platform()).isEqualTo(expected.platform());
    assertThat(actual.user()).isEqualTo(expected.user());
    assertThat(actual.env()).isEqualTo(expected.env());
    assertThat(actual.entrypoint()).isEqualTo(expected.entrypoint());
    assertThat(actual.cmd()).isEqualTo(expected.cmd());
    assertThat(actual.workingDir()).isEqualTo(expected.workingDir());
    assertThat(actual.exposedPorts()).isEqualTo(expected.exposedPorts());
    assertThat(actual.volumes()).isEqualTo(expected.volumes());
    assertThat(actual.labels()).isEqualTo(expected.labels());
    assertThat(actual.healthcheck()).isEqualTo(expected.healthcheck());
    assertThat(actual.stopSignal()).isEqualTo(expected.stopSignal());
    assertThat(actual.author()).isEqualTo(expected.author());
    assertThat(actual.created()).isEqualTo(expected.created());
    assertThat(actual.history()).isEqualTo(expected.history());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("loadedArchives")
  void squashedTreeMatchesArchive(String archive) throws IOException {
    ImageFacts expected = ImageFacts.read(FileSources.open(archives.get(archive)), null);
    ImageFacts actual = ImageFacts.read(source, imageIds.get(archive).toString());

    assertThat(actual.squashed()).isEqualTo(expected.squashed());
    assertThat(actual.regularFileCount()).isGreaterThan(0);
  }

  @Test
  void whiteoutHidesDeletedKey() throws IOException {
    ImageFacts bad = ImageFacts.read(source, imageIds.get(BAD_SAMPLE).toString());

    assertThat(bad.squashedLine("app/certs/deploy-key.pem")).isNull();
    assertThat(bad.squashedLine("app/static/bundle.js")).startsWith("app/static/bundle.js 4 MODIFIED FILE ");
    assertThat(bad.squashedLine("app/server.py")).startsWith("app/server.py 3 ");
  }

  @Test
  void emptyLayerStepIsRecovered() throws IOException {
    try (Image image = source.open(imageIds.get(BUILT).toString(), null, ProgressListener.NONE)) {
      assertThat(image.config().history()).extracting(entry -> entry.emptyLayer())
          .containsExactly(false, true, true, false);
      assertThat(image.config().layerHistory().get(1).createdBy()).isEqualTo("RUN rm /data/gone.txt");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("loadedArchives")
  void layersStreamAsTheirDiffIds(String archive) throws IOException {
    try (Image image = source.open(imageIds.get(archive).toString(), null, ProgressListener.NONE)) {
      Map<Integer, Digest> delivered = DockerDaemonSourceIT.streamAll(image);

      assertThat(delivered).hasSize(image.layers().size());
      for (Layer layer : image.layers()) {
        assertThat(delivered.get(layer.index())).as("layer %d", layer.index()).isEqualTo(layer.diffId());
        assertThat(layer.blobDigest()).as("layer %d", layer.index()).isEqualTo(layer.diffId());
      }
    }
  }

  @Test
  void openByShortNameFindsImage() throws IOException {
    String shortName = archiveReferences.get(BUILT).get(0);

    try (Image image = source.open(shortName, null, ProgressListener.NONE)) {
      assertThat(image.configDigest()).isEqualTo(imageIds.get(BUILT));
      assertThat(image.references()).anyMatch(reference -> reference.endsWith(BUILT_REFERENCE));
    }
  }

  @Test
  void openUnknownImageNamesIt() {
    assertThatThrownBy(() -> source.open("hullscope-it/missing:none", null, ProgressListener.NONE))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("hullscope-it/missing:none")
        .hasMessageContaining("not found");
  }

  private static ImageSummary summaryOf(String archive) throws IOException {
    Digest id = imageIds.get(archive);
    return source.listImages().stream()
        .filter(summary -> summary.digest().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError(archive + " (" + id + ") is missing from Podman's image list"));
  }

  private static Path samplePath(String fileName) {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    return root.resolve("samples/images").resolve(fileName);
  }
}
