package io.hullscope.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.Digest;
import io.hullscope.image.DigestMismatchException;
import io.hullscope.image.HistoryEntry;
import io.hullscope.image.Image;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.Layer;
import io.hullscope.image.Limits;
import io.hullscope.image.MediaType;
import io.hullscope.image.Platform;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.FileEntry;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndex;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.index.TreeNode;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.source.ImageSummary;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.BlobCompression;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.ImageArchiveBuilder.TestIndex;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrySourceTest {

  @TempDir Path temp;

  private FakeRegistry registry;
  private RegistrySource source;

  @BeforeEach
  void start() throws IOException {
    registry = new FakeRegistry();
    source = new RegistrySource(registry.host(), List.of(), registry.options());
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  static TestImage sampleImage(String platform, String marker) {
    return ImageArchiveBuilder.image()
        .platform(platform)
        .user("app")
        .cmd("/bin/app", "--serve")
        .history("ADD base")
        .history("RUN configure")
        .layer(new TarBuilder().dir("etc").file("etc/os-release", "ID=test\n").file("bin/app", "binary " + marker).build(),
            BlobCompression.GZIP)
        .layer(new TarBuilder().file("etc/app.conf", "port=8080\n").whiteout("bin/app").build(), BlobCompression.ZSTD);
  }

  @Test
  void openedImageMatchesSameImageFromOciLayout() throws IOException {
    TestImage image = sampleImage("linux/amd64", "one").reference("team/app:1.0");
    registry.push("team/app", "1.0", image);
    Path layout = temp.resolve("layout");
    ImageArchiveBuilder.ociLayout(image).writeDirectory(layout);

    try (ImageSource fromLayout = FileSources.open(layout);
        Image expected = fromLayout.open(fromLayout.listImages().get(0).key(), null, ProgressListener.NONE);
        Image actual = source.open(registry.host() + "/team/app:1.0", null, ProgressListener.NONE)) {
      assertThat(actual.digest()).isEqualTo(expected.digest());
      assertThat(actual.configDigest()).isEqualTo(expected.configDigest());
      assertThat(actual.config()).isEqualTo(expected.config());
      assertThat(layerFacts(actual)).isEqualTo(layerFacts(expected));
      assertThat(treeListing(actual)).isEqualTo(treeListing(expected));
      assertThat(actual.references()).containsExactly(registry.host() + "/team/app:1.0");
    }
  }

  @Test
  void keyWithoutHostUsesTheSourceRegistry() throws IOException {
    Digest digest = registry.push("team/app", "1.0", sampleImage("linux/amd64", "one"));

    try (Image image = source.open("team/app@" + digest, null, ProgressListener.NONE)) {
      assertThat(image.digest()).isEqualTo(digest);
    }
  }

  @Test
  void nestedIndexPicksRequestedPlatform() throws IOException {
    TestImage amd64 = sampleImage("linux/amd64", "amd64");
    TestImage arm64 = sampleImage("linux/arm64/v8", "arm64");
    TestImage riscv = sampleImage("linux/riscv64", "riscv");
    TestIndex index = ImageArchiveBuilder.index(ImageArchiveBuilder.index(amd64, arm64).dockerManifestList(), riscv)
        .attestation(amd64);
    Digest indexDigest = registry.push("team/multi", "latest", index);

    try (Image image = source.open(registry.host() + "/team/multi", Platform.parse("linux/arm64"), ProgressListener.NONE)) {
      assertThat(image.digest()).isEqualTo(indexDigest);
      assertThat(image.config().platform()).isEqualTo(Platform.parse("linux/arm64/v8"));
      assertThat(image.configDigest()).isEqualTo(arm64.configDigest());
      assertThat(image.availablePlatforms()).containsExactly(
          Platform.parse("linux/amd64"), Platform.parse("linux/arm64/v8"), Platform.parse("linux/riscv64"));
    }
  }

  @Test
  void missingPlatformListsTheOfferedOnes() {
    registry.push("team/multi", "latest", ImageArchiveBuilder.index(sampleImage("linux/amd64", "a"), sampleImage("linux/arm64", "b")));

    assertThatThrownBy(() -> source.open("team/multi", Platform.parse("windows/amd64"), ProgressListener.NONE))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("platform windows/amd64 is not available")
        .hasMessageContaining("[linux/amd64, linux/arm64]");
  }

  @Test
  void indexesNestedTooDeeplyAreRejected() {
    ImageArchiveBuilder.Node node = sampleImage("linux/amd64", "deep");
    for (int i = 0; i < RegistryImageReader.MAX_INDEX_DEPTH + 1; i++) {
      node = ImageArchiveBuilder.index(node);
    }
    registry.push("team/deep", "1", node);

    assertThatThrownBy(() -> source.open("team/deep:1", null, ProgressListener.NONE))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("nested more than " + RegistryImageReader.MAX_INDEX_DEPTH);
  }

  @Test
  void indexWithOnlyAttestationsHasNoImage() throws IOException {
    TestImage image = sampleImage("linux/amd64", "x");
    byte[] attestationOnly = ImageArchiveBuilder.json(Map.of("schemaVersion", 2, "mediaType", MediaType.OCI_INDEX,
        "manifests", List.of(ImageArchiveBuilder.attestation(image).descriptor(Map.of()))));
    registry.tag("team/att", "1", registry.putManifest(attestationOnly));

    assertThatThrownBy(() -> source.open("team/att:1", null, ProgressListener.NONE))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("lists no image manifest");
  }

  @Test
  void indexEntryWithWrongSizeIsRejected() {
    TestImage image = sampleImage("linux/amd64", "x");
    Map<String, Object> descriptor = new java.util.LinkedHashMap<>(image.descriptor(Map.of()));
    descriptor.put("size", image.manifestJson().length + 1);
    registry.push("team/app", "real", image);
    byte[] index = ImageArchiveBuilder.json(Map.of("schemaVersion", 2, "mediaType", MediaType.OCI_INDEX,
        "manifests", List.of(descriptor)));
    registry.tag("team/app", "bad", registry.putManifest(index));

    assertThatThrownBy(() -> source.open("team/app:bad", null, ProgressListener.NONE))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("but the index gives " + (image.manifestJson().length + 1));
  }

  @Test
  void cachedLayersAreNotDownloadedAgain() throws IOException {
    registry.push("team/app", "1.0", sampleImage("linux/amd64", "one"));
    MemoryCache cache = new MemoryCache();

    try (Image image = source.open("team/app:1.0", null, ProgressListener.NONE)) {
      new ImageIndexer(cache, Limits.DEFAULT).analyze(image, ProgressListener.NONE);
    }
    long blobRequestsAfterFirst = registry.count("GET", "/v2/team/app/blobs/");
    try (Image image = source.open("team/app:1.0", null, ProgressListener.NONE)) {
      new ImageIndexer(cache, Limits.DEFAULT).analyze(image, ProgressListener.NONE);
    }

    // The first open reads the config and two layers; the second only the config again.
    assertThat(blobRequestsAfterFirst).isEqualTo(3);
    assertThat(registry.count("GET", "/v2/team/app/blobs/")).isEqualTo(4);
  }

  @Test
  void sharedBaseLayerIsDownloadedOnce() throws IOException {
    byte[] base = new TarBuilder().file("etc/base", "base").build();
    registry.push("team/one", "1", ImageArchiveBuilder.image().layer(base, BlobCompression.GZIP)
        .layer(new TarBuilder().file("one", "1").build()));
    TestImage two = ImageArchiveBuilder.image().layer(base, BlobCompression.GZIP).layer(new TarBuilder().file("two", "2").build());
    registry.push("team/two", "1", two);
    MemoryCache cache = new MemoryCache();

    for (String key : List.of("team/one:1", "team/two:1")) {
      try (Image image = source.open(key, null, ProgressListener.NONE)) {
        new ImageIndexer(cache, Limits.DEFAULT).analyze(image, ProgressListener.NONE);
      }
    }

    String baseBlob = two.layers().get(0).blobDigest().toString();
    assertThat(registry.requests().stream().filter(r -> r.path().endsWith("/blobs/" + baseBlob))).hasSize(1);
  }

  @Test
  void wrongLayerDigestFailsIndexing() {
    TestImage image = sampleImage("linux/amd64", "one");
    registry.push("team/app", "1.0", image);
    byte[] real = image.layers().get(1).blob();
    byte[] tampered = real.clone();
    tampered[tampered.length - 1] ^= 1;
    registry.override("/v2/team/app/blobs/" + image.layers().get(1).blobDigest(),
        exchange -> FakeRegistry.send(exchange, 200, "application/octet-stream", tampered));

    assertThatThrownBy(() -> {
      try (Image opened = source.open("team/app:1.0", null, ProgressListener.NONE)) {
        new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(opened, ProgressListener.NONE);
      }
    }).isInstanceOf(ImageReadException.class)
        .hasMessageContaining("layer 1");
  }

  @Test
  void configWithWrongDigestIsRejected() {
    TestImage image = sampleImage("linux/amd64", "one");
    registry.push("team/app", "1.0", image);
    byte[] config = image.configJson().clone();
    config[config.length - 2] = ' ';
    registry.override("/v2/team/app/blobs/" + image.configDigest(),
        exchange -> FakeRegistry.send(exchange, 200, "application/octet-stream", config));

    assertThatThrownBy(() -> source.open("team/app:1.0", null, ProgressListener.NONE))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining(image.configDigest().toString());
  }

  @Test
  void artifactManifestIsNotAnImage() {
    byte[] artifact = ImageArchiveBuilder.json(Map.of("schemaVersion", 2, "mediaType", MediaType.OCI_MANIFEST,
        "config", Map.of("mediaType", "application/vnd.example.config", "digest", Digest.sha256Of(new byte[0]).toString(), "size", 0),
        "layers", List.of()));
    registry.tag("team/art", "1", registry.putManifest(artifact));

    assertThatThrownBy(() -> source.open("team/art:1", null, ProgressListener.NONE))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("not a container image");
  }

  @Test
  void listImagesGivesTagsWithDigests() throws IOException {
    Digest first = registry.push("team/app", "1.0", sampleImage("linux/amd64", "one"));
    Digest second = registry.push("team/app", "2.0", sampleImage("linux/amd64", "two"));
    RegistrySource scoped = new RegistrySource(registry.host(), List.of("team/app"), registry.options());

    List<ImageSummary> images = scoped.listImages();

    assertThat(images).extracting(ImageSummary::key)
        .containsExactly(registry.host() + "/team/app:1.0", registry.host() + "/team/app:2.0");
    assertThat(images).extracting(ImageSummary::digest).containsExactly(first, second);
  }

  @Test
  void listImagesStopsAtTheLimit() throws IOException {
    Digest digest = registry.push("team/app", "1.0", sampleImage("linux/amd64", "one"));
    for (int i = 0; i < 5; i++) {
      registry.tag("team/app", "t" + i, digest);
    }
    RegistrySource scoped = new RegistrySource(registry.host(), List.of("team/app"), registry.options(), 3);

    assertThat(scoped.listImages()).hasSize(3);
  }

  @Test
  void schema1ImageOpensWithRebuiltConfig() throws IOException {
    byte[] bottomTar = new TarBuilder().file("etc/base", "base").build();
    byte[] topTar = new TarBuilder().file("app/run.sh", "#!/bin/sh\n").build();
    Digest bottom = registry.putBlob(TarBuilder.gzip(bottomTar));
    Digest top = registry.putBlob(TarBuilder.gzip(topTar));
    Digest empty = registry.putBlob(TarBuilder.gzip(new TarBuilder().build()));
    byte[] manifest = Schema1ManifestTest.schema1(List.of(
        Schema1ManifestTest.entry(top, "{\"id\":\"c\",\"parent\":\"b\",\"os\":\"linux\",\"architecture\":\"amd64\","
            + "\"created\":\"2020-01-03T00:00:00Z\",\"config\":{\"User\":\"nobody\",\"Cmd\":[\"/app/run.sh\"]},"
            + "\"container_config\":{\"Cmd\":[\"/bin/sh\",\"-c\",\"#(nop) ADD run.sh\"]}}"),
        Schema1ManifestTest.entry(empty, "{\"id\":\"b\",\"parent\":\"a\",\"created\":\"2020-01-02T00:00:00Z\","
            + "\"container_config\":{\"Cmd\":[\"/bin/sh\",\"-c\",\"#(nop) ENV A=1\"]},\"throwaway\":true}"),
        Schema1ManifestTest.entry(bottom, "{\"id\":\"a\",\"created\":\"2020-01-01T00:00:00Z\","
            + "\"container_config\":{\"Cmd\":[\"/bin/sh\",\"-c\",\"#(nop) ADD base\"]}}")));
    Digest digest = registry.putManifest(manifest);
    registry.tag("team/old", "1", digest);

    try (Image image = source.open("team/old:1", null, ProgressListener.NONE)) {
      assertThat(image.digest()).isEqualTo(digest);
      assertThat(image.config().diffIds()).containsExactly(Digest.sha256Of(bottomTar), Digest.sha256Of(topTar));
      assertThat(image.layers()).extracting(Layer::blobDigest).containsExactly(bottom, top);
      assertThat(image.config().user()).isEqualTo("nobody");
      assertThat(image.config().platform()).isEqualTo(Platform.parse("linux/amd64"));
      assertThat(image.config().history()).extracting(HistoryEntry::emptyLayer).containsExactly(false, true, false);
      assertThat(image.config().history().get(0).createdBy()).isEqualTo("/bin/sh -c #(nop) ADD base");
      List<String> tree = treeListing(image);
      assertThat(tree).anyMatch(line -> line.startsWith("/app/run.sh ") || line.startsWith("app/run.sh "));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "\u0000\u0001\u0002binary",
      "[]",
      "{\"schemaVersion\":2}",
      "{\"schemaVersion\":3,\"config\":{},\"layers\":[]}",
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":\"x\",\"layers\":[]}",
      "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":1,\"digest\":\"sha256:00\",\"size\":-1}]}",
      "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a\",\"digest\":\"sha256:../../etc/passwd\",\"size\":1},\"layers\":[]}",
      "{\"schemaVersion\":2,\"config\":"})
  void malformedManifestNamesTheImage(String body) {
    registry.override("/v2/team/bad/manifests/1", exchange ->
        FakeRegistry.send(exchange, 200, MediaType.OCI_MANIFEST, body.getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> source.open("team/bad:1", null, ProgressListener.NONE))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining(registry.host() + "/team/bad:1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "[1]", "{\"expires_in\":60}", "{\"token\":17}"})
  void invalidTokenResponseIsReported(String body) {
    registry.auth = FakeRegistry.Auth.BEARER;
    registry.override("/token", exchange ->
        FakeRegistry.send(exchange, 200, "application/json", body.getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> source.open("team/app:1", null, ProgressListener.NONE))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("the token response of registry " + registry.host());
  }

  /** Blob digest, diff id, size and media type of each layer. */
  private static List<String> layerFacts(Image image) {
    List<String> facts = new ArrayList<>();
    for (Layer layer : image.layers()) {
      facts.add(layer.index() + " " + layer.blobDigest() + " " + layer.diffId() + " " + layer.size() + " " + layer.mediaType());
    }
    return facts;
  }

  /** Indexes the image and lists its squashed tree: path, layer, change, type, size, mode, owner, link. */
  static List<String> treeListing(Image image) throws IOException {
    ImageAnalysis analysis = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(image, ProgressListener.NONE);
    List<String> lines = new ArrayList<>();
    addListing(analysis.squashed(image.layers().size() - 1).root(), lines);
    return lines;
  }

  private static void addListing(TreeNode node, List<String> lines) {
    FileEntry entry = node.entry();
    String details = entry == null ? "implied" : entry.type() + " " + entry.size() + " " + Integer.toOctalString(entry.mode())
        + " " + entry.uid() + ":" + entry.gid() + " " + entry.linkTarget();
    lines.add(node.path() + " " + node.layer() + " " + node.change() + " " + details);
    for (TreeNode child : node.children()) {
      addListing(child, lines);
    }
  }

  /** A layer index cache in memory, by diff id. */
  static final class MemoryCache implements LayerIndexCache {
    private final Map<Digest, LayerIndex> indexes = new ConcurrentHashMap<>();

    @Override
    public Optional<LayerIndex> get(Digest diffId) {
      return Optional.ofNullable(indexes.get(diffId));
    }

    @Override
    public void put(LayerIndex index) {
      indexes.put(index.diffId(), index);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
