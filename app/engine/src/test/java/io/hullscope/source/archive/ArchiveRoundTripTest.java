package io.hullscope.source.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.Digest;
import io.hullscope.image.HistoryEntry;
import io.hullscope.image.Image;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.Layer;
import io.hullscope.image.Limits;
import io.hullscope.image.MediaType;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.source.ImageSummary;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.ArchiveFiles;
import io.hullscope.testing.ImageArchiveBuilder.BlobCompression;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.ImageArchiveBuilder.TestIndex;
import io.hullscope.testing.ImageArchiveBuilder.TestLayer;
import io.hullscope.testing.TarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArchiveRoundTripTest {

  private static final Instant CREATED = Instant.parse("2025-03-04T05:06:07Z");

  @TempDir Path temp;

  /** How a test lays out the image files and where it writes them. */
  enum Layout {
    CLASSIC_DOCKER_SAVE(true),
    DOCKER_25_SAVE(false),
    OCI_FOLDER(false),
    OCI_TAR(false);

    final boolean uncompressedLayers;

    Layout(boolean uncompressedLayers) {
      this.uncompressedLayers = uncompressedLayers;
    }

    /** Returns the bytes this layout stores for a layer: the classic layout keeps only the tar. */
    byte[] storedBlob(TestLayer layer) {
      return uncompressedLayers ? layer.tar() : layer.blob();
    }

    Path write(Path temp, ImageArchiveBuilder.Node... roots) {
      return switch (this) {
        case CLASSIC_DOCKER_SAVE -> ImageArchiveBuilder.dockerSave(images(roots)).writeTar(temp.resolve("classic.tar"));
        case DOCKER_25_SAVE -> ImageArchiveBuilder.dockerSaveOci(roots).writeTar(temp.resolve("docker25.tar"));
        case OCI_FOLDER -> ImageArchiveBuilder.ociLayout(roots).writeDirectory(temp.resolve("layout"));
        case OCI_TAR -> ImageArchiveBuilder.ociLayout(roots).writeTar(temp.resolve("layout.tar"));
      };
    }

    private static TestImage[] images(ImageArchiveBuilder.Node... roots) {
      List<TestImage> images = new ArrayList<>();
      for (ImageArchiveBuilder.Node root : roots) {
        images.add((TestImage) root);
      }
      return images.toArray(TestImage[]::new);
    }
  }

  static TestImage sampleImage() {
    return ImageArchiveBuilder.image()
        .created(CREATED)
        .author("Hullscope tests")
        .layer(new TarBuilder().dir("etc").file("etc/os-release", "ID=test\n").build(), BlobCompression.GZIP)
        .layer(new TarBuilder().file("app/run.sh", "echo hi\n").build(), BlobCompression.ZSTD)
        .layer(new TarBuilder().whiteout("etc/os-release").build())
        .user("1000:1000")
        .env("PATH=/usr/bin", "LANG=C.UTF-8")
        .entrypoint("/app/run.sh")
        .cmd("--serve", "--port=8080")
        .label("org.opencontainers.image.title", "sample")
        .label("maintainer", "team@example.com")
        .exposedPort("8080/tcp")
        .exposedPort("53/udp")
        .volume("/data")
        .workingDir("/app")
        .stopSignal("SIGTERM")
        .healthcheck(List.of("CMD-SHELL", "curl -f http://localhost:8080/"),
            Duration.ofSeconds(30), Duration.ofMillis(1500), Duration.ofNanos(7), 3)
        .history("ADD rootfs.tar /")
        .history("ENV PATH=/usr/bin", true)
        .history("COPY run.sh /app/")
        .history("RUN rm /etc/os-release")
        .history("CMD [\"--serve\"]", true)
        .reference("example.com/team/app:1.0")
        .reference("app:latest");
  }

  private static ImageSource openSource(Path path) throws IOException {
    return FileSources.open(path, Limits.DEFAULT);
  }

  private static Image openOnly(ImageSource source, Platform platform) throws IOException {
    List<ImageSummary> summaries = source.listImages();
    assertThat(summaries).hasSize(1);
    return source.open(summaries.get(0).key(), platform, ProgressListener.NONE);
  }

  static Stream<Arguments> singleImageLayouts() {
    return Stream.of(Layout.values()).map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("singleImageLayouts")
  void configFieldsRoundTrip(Layout layout) throws IOException {
    TestImage sample = sampleImage();
    try (ImageSource source = openSource(layout.write(temp, sample));
        Image image = openOnly(source, null)) {
      ImageConfig config = image.config();

      assertThat(config.platform()).isEqualTo(Platform.parse("linux/amd64"));
      assertThat(config.user()).isEqualTo("1000:1000");
      assertThat(config.env()).containsExactly("PATH=/usr/bin", "LANG=C.UTF-8");
      assertThat(config.entrypoint()).containsExactly("/app/run.sh");
      assertThat(config.cmd()).containsExactly("--serve", "--port=8080");
      assertThat(config.labels()).isEqualTo(Map.of("org.opencontainers.image.title", "sample", "maintainer", "team@example.com"));
      assertThat(config.exposedPorts()).isEqualTo(Set.of("8080/tcp", "53/udp"));
      assertThat(config.volumes()).isEqualTo(Set.of("/data"));
      assertThat(config.workingDir()).isEqualTo("/app");
      assertThat(config.stopSignal()).isEqualTo("SIGTERM");
      assertThat(config.created()).isEqualTo(CREATED);
      assertThat(config.author()).isEqualTo("Hullscope tests");
      assertThat(config.healthcheck().test()).containsExactly("CMD-SHELL", "curl -f http://localhost:8080/");
      assertThat(config.healthcheck().interval()).isEqualTo(Duration.ofSeconds(30));
      assertThat(config.healthcheck().timeout()).isEqualTo(Duration.ofMillis(1500));
      assertThat(config.healthcheck().startPeriod()).isEqualTo(Duration.ofNanos(7));
      assertThat(config.healthcheck().retries()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @MethodSource("singleImageLayouts")
  void historyKeepsEmptyLayerEntries(Layout layout) throws IOException {
    try (ImageSource source = openSource(layout.write(temp, sampleImage()));
        Image image = openOnly(source, null)) {
      List<HistoryEntry> history = image.config().history();

      assertThat(history).extracting(HistoryEntry::createdBy)
          .containsExactly("ADD rootfs.tar /", "ENV PATH=/usr/bin", "COPY run.sh /app/", "RUN rm /etc/os-release", "CMD [\"--serve\"]");
      assertThat(history).extracting(HistoryEntry::emptyLayer).containsExactly(false, true, false, false, true);
      assertThat(history.get(0).created()).isEqualTo(CREATED);
      assertThat(image.config().layerHistory()).extracting(HistoryEntry::createdBy)
          .containsExactly("ADD rootfs.tar /", "COPY run.sh /app/", "RUN rm /etc/os-release");
    }
  }

  @ParameterizedTest
  @MethodSource("singleImageLayouts")
  void layersExposeStoredBlobsAndDiffIds(Layout layout) throws IOException {
    TestImage sample = sampleImage();
    try (ImageSource source = openSource(layout.write(temp, sample));
        Image image = openOnly(source, null)) {
      List<Layer> layers = image.layers();

      assertThat(layers).hasSize(3);
      for (int i = 0; i < layers.size(); i++) {
        TestLayer expected = sample.layers().get(i);
        byte[] expectedBlob = layout.storedBlob(expected);
        Layer layer = layers.get(i);
        assertThat(layer.index()).isEqualTo(i);
        assertThat(layer.diffId()).isEqualTo(expected.diffId());
        assertThat(layer.size()).isEqualTo(expectedBlob.length);
        try (InputStream in = layer.open()) {
          assertThat(in.readAllBytes()).isEqualTo(expectedBlob);
        }
        if (!layout.uncompressedLayers) {
          assertThat(layer.blobDigest()).isEqualTo(expected.blobDigest());
          assertThat(layer.mediaType()).isEqualTo(expected.mediaType());
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("singleImageLayouts")
  void referencesAndIdentityRoundTrip(Layout layout) throws IOException {
    TestImage sample = sampleImage();
    try (ImageSource source = openSource(layout.write(temp, sample))) {
      ImageSummary summary = source.listImages().get(0);
      Digest expectedDigest = layout == Layout.CLASSIC_DOCKER_SAVE ? sample.configDigest() : sample.digest();

      assertThat(summary.references()).containsExactly("example.com/team/app:1.0", "app:latest");
      assertThat(summary.digest()).isEqualTo(expectedDigest);
      assertThat(summary.layerCount()).isEqualTo(3);
      assertThat(summary.user()).isEqualTo("1000:1000");
      assertThat(summary.created()).isEqualTo(CREATED);
      assertThat(summary.platforms()).containsExactly(Platform.parse("linux/amd64"));
      try (Image image = source.open("app:latest", null, ProgressListener.NONE)) {
        assertThat(image.digest()).isEqualTo(expectedDigest);
        assertThat(image.configDigest()).isEqualTo(sample.configDigest());
        assertThat(image.references()).containsExactly("example.com/team/app:1.0", "app:latest");
        assertThat(image.sourceDescription()).contains(temp.toString());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("singleImageLayouts")
  void everyImageOfArchiveIsListed(Layout layout) throws IOException {
    TestImage first = sampleImage();
    TestImage second = ImageArchiveBuilder.image()
        .layer(new TarBuilder().file("second", "2").build())
        .user("")
        .reference("second:2");
    try (ImageSource source = openSource(layout.write(temp, first, second))) {
      List<ImageSummary> summaries = source.listImages();

      assertThat(summaries).extracting(summary -> summary.references().get(0)).containsExactly("example.com/team/app:1.0", "second:2");
      assertThat(summaries.get(1).user()).isEmpty();
      try (Image image = source.open(summaries.get(1).key(), null, ProgressListener.NONE)) {
        assertThat(image.configDigest()).isEqualTo(second.configDigest());
      }
    }
  }

  @Test
  void containerdCompressedLayersInDockerSave() throws IOException {
    byte[] tar = new TarBuilder().file("bin/tool", "x").build();
    TestImage sample = ImageArchiveBuilder.image().layer(tar, BlobCompression.GZIP).history("COPY tool /bin/").reference("tool:1");
    try (ImageSource source = openSource(Layout.DOCKER_25_SAVE.write(temp, sample));
        Image image = openOnly(source, null)) {
      Layer layer = image.layers().get(0);

      assertThat(layer.blobDigest()).isEqualTo(sample.layers().get(0).blobDigest());
      assertThat(layer.diffId()).isEqualTo(Digest.sha256Of(tar));
      try (InputStream in = layer.open()) {
        assertThat(in.readAllBytes()).isEqualTo(TarBuilder.gzip(tar));
      }
    }
  }

  @Test
  void classicSaveFollowsDuplicateLayerSymlink() throws IOException {
    byte[] shared = new TarBuilder().dir("tmp").build();
    TestImage sample = ImageArchiveBuilder.image().layer(shared).layer(new TarBuilder().file("a", "a").build()).layer(shared);
    ArchiveFiles files = ImageArchiveBuilder.dockerSave(sample);
    List<String> layerPaths = files.paths().stream().filter(path -> path.endsWith("/layer.tar")).toList();
    String firstSharedPath = layerPathOfPosition(files, 0);
    String lastSharedPath = layerPathOfPosition(files, 2);
    files.symlink(lastSharedPath, "../" + firstSharedPath);

    try (ImageSource source = openSource(files.writeTar(temp.resolve("dup.tar")));
        Image image = openOnly(source, null)) {
      assertThat(layerPaths).hasSize(3);
      try (InputStream in = image.layers().get(2).open()) {
        assertThat(in.readAllBytes()).isEqualTo(shared);
      }
    }
  }

  private static String layerPathOfPosition(ArchiveFiles files, int position) {
    String manifest = new String(files.content("manifest.json"));
    String layers = manifest.substring(manifest.indexOf("\"Layers\":[") + 10, manifest.indexOf(']', manifest.indexOf("\"Layers\":[")));
    return layers.split(",")[position].replace("\"", "");
  }

  private static TestImage platformImage(String platform) {
    return ImageArchiveBuilder.image()
        .platform(platform)
        .layer(new TarBuilder().file("platform", platform).build(), BlobCompression.GZIP)
        .history("ADD platform /");
  }

  static Stream<Arguments> indexLayouts() {
    return Stream.of(Layout.DOCKER_25_SAVE, Layout.OCI_FOLDER, Layout.OCI_TAR).map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("indexLayouts")
  void multiPlatformIndexIsOneSummary(Layout layout) throws IOException {
    TestImage amd64 = platformImage("linux/amd64");
    TestImage arm64 = platformImage("linux/arm64/v8");
    TestIndex index = ImageArchiveBuilder.index(amd64, arm64).attestation(amd64).attestation(arm64).reference("multi:1");
    try (ImageSource source = openSource(layout.write(temp, index))) {
      List<ImageSummary> summaries = source.listImages();

      assertThat(summaries).hasSize(1);
      assertThat(summaries.get(0).digest()).isEqualTo(index.digest());
      assertThat(summaries.get(0).references()).containsExactly("multi:1");
      assertThat(summaries.get(0).platforms())
          .containsExactly(Platform.parse("linux/amd64"), Platform.parse("linux/arm64/v8"));
    }
  }

  @ParameterizedTest
  @MethodSource("indexLayouts")
  void requestedPlatformIsOpened(Layout layout) throws IOException {
    TestImage amd64 = platformImage("linux/amd64");
    TestImage arm64 = platformImage("linux/arm64/v8");
    TestIndex index = ImageArchiveBuilder.index(amd64, arm64).attestation(amd64).reference("multi:1");
    try (ImageSource source = openSource(layout.write(temp, index));
        Image image = source.open("multi:1", Platform.parse("linux/arm64"), ProgressListener.NONE)) {
      assertThat(image.configDigest()).isEqualTo(arm64.configDigest());
      assertThat(image.config().platform()).isEqualTo(Platform.parse("linux/arm64/v8"));
      assertThat(image.digest()).isEqualTo(index.digest());
      assertThat(image.availablePlatforms()).containsExactly(Platform.parse("linux/amd64"), Platform.parse("linux/arm64/v8"));
    }
  }

  @Test
  void nullPlatformPicksHostPlatform() throws IOException {
    Platform host = Platform.host();
    Platform other = host.architecture().equals("s390x") ? Platform.parse("linux/riscv64") : Platform.parse("linux/s390x");
    TestImage otherImage = platformImage(other.toString());
    TestImage hostImage = platformImage(host.toString());
    TestIndex index = ImageArchiveBuilder.index(otherImage, hostImage).reference("multi:1");
    try (ImageSource source = openSource(Layout.OCI_FOLDER.write(temp, index));
        Image image = openOnly(source, null)) {
      assertThat(image.configDigest()).isEqualTo(hostImage.configDigest());
    }
  }

  @Test
  void nullPlatformFallsBackToFirstImage() throws IOException {
    TestImage first = platformImage("windows/mips64le");
    TestImage second = platformImage("plan9/386");
    TestIndex index = ImageArchiveBuilder.index(ImageArchiveBuilder.index().attestation(first), first, second);
    try (ImageSource source = openSource(Layout.OCI_FOLDER.write(temp, index));
        Image image = openOnly(source, null)) {
      assertThat(image.configDigest()).isEqualTo(first.configDigest());
    }
  }

  @Test
  void missingPlatformErrorListsAvailableOnes() throws IOException {
    TestIndex index = ImageArchiveBuilder.index(platformImage("linux/amd64"), platformImage("linux/arm64/v8")).reference("multi:1");
    try (ImageSource source = openSource(Layout.OCI_TAR.write(temp, index))) {
      assertThatThrownBy(() -> source.open("multi:1", Platform.parse("linux/ppc64le"), ProgressListener.NONE))
          .isInstanceOf(ImageReadException.class)
          .hasMessageContaining("multi:1")
          .hasMessageContaining("linux/ppc64le")
          .hasMessageContaining("linux/amd64")
          .hasMessageContaining("linux/arm64/v8");
    }
  }

  @Test
  void singleImagePlatformMismatchIsError() throws IOException {
    try (ImageSource source = openSource(Layout.CLASSIC_DOCKER_SAVE.write(temp, sampleImage()))) {
      assertThatThrownBy(() -> source.open("app:latest", Platform.parse("linux/arm64"), ProgressListener.NONE))
          .isInstanceOf(ImageReadException.class)
          .hasMessageContaining("linux/arm64")
          .hasMessageContaining("linux/amd64");
    }
  }

  @ParameterizedTest
  @MethodSource("indexLayouts")
  void nestedIndexPlatformsAreFlattened(Layout layout) throws IOException {
    TestImage amd64 = platformImage("linux/amd64");
    TestImage arm = platformImage("linux/arm/v7");
    TestIndex inner = ImageArchiveBuilder.index(amd64, arm).attestation(arm);
    TestIndex outer = ImageArchiveBuilder.index(inner).reference("nested:1");
    try (ImageSource source = openSource(layout.write(temp, outer))) {
      ImageSummary summary = source.listImages().get(0);
      assertThat(summary.platforms()).containsExactly(Platform.parse("linux/amd64"), Platform.parse("linux/arm/v7"));

      try (Image image = source.open(summary.key(), Platform.parse("linux/arm/v7"), ProgressListener.NONE)) {
        assertThat(image.configDigest()).isEqualTo(arm.configDigest());
      }
    }
  }

  @Test
  void dockerManifestListIsIndex() throws IOException {
    TestImage amd64 = platformImage("linux/amd64").dockerMediaTypes();
    TestImage arm64 = platformImage("linux/arm64").dockerMediaTypes();
    TestIndex list = ImageArchiveBuilder.index(amd64, arm64).dockerManifestList().reference("list:1");
    try (ImageSource source = openSource(Layout.OCI_FOLDER.write(temp, list));
        Image image = source.open("list:1", Platform.parse("linux/arm64"), ProgressListener.NONE)) {
      assertThat(image.configDigest()).isEqualTo(arm64.configDigest());
      assertThat(image.layers().get(0).blobDigest()).isEqualTo(arm64.layers().get(0).blobDigest());
    }
  }

  @Test
  void platformsWithoutBlobsAreNotOffered() throws IOException {
    TestImage amd64 = platformImage("linux/amd64");
    TestImage arm64 = platformImage("linux/arm64");
    TestIndex index = ImageArchiveBuilder.index(amd64, arm64).reference("partial:1");
    ArchiveFiles files = ImageArchiveBuilder.dockerSaveOci(index);
    files.remove(ImageArchiveBuilder.blobPath(arm64.digest()));

    try (ImageSource source = openSource(files.writeTar(temp.resolve("partial.tar")))) {
      assertThat(source.listImages().get(0).platforms()).containsExactly(Platform.parse("linux/amd64"));
    }
  }

  @Test
  void rootAttestationIsNotListed() throws IOException {
    TestImage image = sampleImage();
    ArchiveFiles files = ImageArchiveBuilder.ociLayout(image, ImageArchiveBuilder.attestation(image));

    try (ImageSource source = openSource(files.writeDirectory(temp.resolve("layout")))) {
      assertThat(new String(files.content("index.json"))).contains("attestation-manifest");
      assertThat(source.listImages()).extracting(ImageSummary::digest).containsExactly(image.digest());
    }
  }

  @ParameterizedTest
  @MethodSource("singleImageLayouts")
  void layersReadInterleaved(Layout layout) throws IOException {
    TestImage sample = sampleImage();
    try (ImageSource source = openSource(layout.write(temp, sample));
        Image image = openOnly(source, null);
        InputStream first = image.layers().get(0).open();
        InputStream second = image.layers().get(1).open()) {
      ByteArrayOutputStream firstBytes = new ByteArrayOutputStream();
      ByteArrayOutputStream secondBytes = new ByteArrayOutputStream();
      int a;
      int b;
      do {
        a = first.read();
        b = second.read();
        if (a >= 0) {
          firstBytes.write(a);
        }
        if (b >= 0) {
          secondBytes.write(b);
        }
      } while (a >= 0 || b >= 0);

      assertThat(firstBytes.toByteArray()).isEqualTo(layout.storedBlob(sample.layers().get(0)));
      assertThat(secondBytes.toByteArray()).isEqualTo(layout.storedBlob(sample.layers().get(1)));
    }
  }

  @Test
  void artifactEntriesAreNotListed() throws IOException {
    TestImage image = sampleImage();
    ArchiveFiles files = ImageArchiveBuilder.ociLayout(image);
    String artifact = "{\"mediaType\":\"application/vnd.oci.artifact.manifest.v1+json\",\"digest\":\"sha256:"
        + "c".repeat(64) + "\",\"size\":10}";
    String signature = "{\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"artifactType\":"
        + "\"application/vnd.dev.cosign.artifact.sig.v1+json\",\"digest\":\"sha256:" + "d".repeat(64) + "\",\"size\":10}";
    String index = new String(files.content("index.json"), StandardCharsets.UTF_8);
    files.put("index.json", index.replace("\"manifests\":[", "\"manifests\":[" + artifact + "," + signature + ","));

    try (ImageSource source = openSource(files.writeDirectory(temp.resolve("layout")))) {
      List<ImageSummary> summaries = source.listImages();

      assertThat(summaries).extracting(ImageSummary::digest).containsExactly(image.digest());
      assertThat(summaries.get(0).layerCount()).isEqualTo(3);
    }
  }

  @Test
  void docker25ManifestJsonAloneIsRead() throws IOException {
    TestImage sample = sampleImage();
    ArchiveFiles files = ImageArchiveBuilder.dockerSaveOci(sample).remove("index.json").remove("oci-layout");

    try (ImageSource source = openSource(files.writeTar(temp.resolve("manifest-only.tar")));
        Image image = openOnly(source, null)) {
      assertThat(image.references()).containsExactly("example.com/team/app:1.0", "app:latest");
      assertThat(image.configDigest()).isEqualTo(sample.configDigest());
      for (int i = 0; i < 3; i++) {
        assertThat(image.layers().get(i).blobDigest()).isEqualTo(sample.layers().get(i).blobDigest());
        assertThat(image.layers().get(i).diffId()).isEqualTo(sample.layers().get(i).diffId());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("singleImageLayouts")
  void shortImageIdOpensImage(Layout layout) throws IOException {
    TestImage sample = sampleImage();
    try (ImageSource source = openSource(layout.write(temp, sample))) {
      String shortId = source.listImages().get(0).digest().shortHex();

      try (Image image = source.open(shortId, null, ProgressListener.NONE)) {
        assertThat(image.configDigest()).isEqualTo(sample.configDigest());
      }
      assertThatThrownBy(() -> source.open(shortId.substring(0, 11), null, ProgressListener.NONE))
          .isInstanceOf(ImageReadException.class)
          .hasMessageContaining("no such image");
    }
  }

  @Test
  void streamLayersVisitsEveryLayer() throws IOException {
    TestImage sample = sampleImage();
    List<Integer> visited = new ArrayList<>();
    try (ImageSource source = openSource(Layout.OCI_TAR.write(temp, sample));
        Image image = openOnly(source, null)) {
      image.streamLayers(new Image.LayerVisitor() {
        @Override
        public boolean wants(Layer layer) {
          return layer.index() != 1;
        }

        @Override
        public void visit(Layer layer, InputStream blob) throws IOException {
          assertThat(blob.readAllBytes()).isEqualTo(sample.layers().get(layer.index()).blob());
          visited.add(layer.index());
        }
      });
    }
    assertThat(visited).containsExactly(0, 2);
  }
}
