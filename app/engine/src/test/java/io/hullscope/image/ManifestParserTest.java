package io.hullscope.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestParserTest {

  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String manifest(String mediaType) {
    return "{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\","
        + "\"config\":{\"mediaType\":\"" + MediaType.OCI_CONFIG + "\",\"digest\":\"" + A + "\",\"size\":12},"
        + "\"layers\":[{\"mediaType\":\"" + MediaType.OCI_LAYER_ZSTD + "\",\"digest\":\"" + B + "\",\"size\":34,\"urls\":[]}],"
        + "\"annotations\":{\"k\":\"v\"},\"subject\":{\"ignored\":true}}";
  }

  @Test
  void ociManifestIsParsed() throws ImageReadException {
    ImageManifest manifest = ManifestParser.parseManifest(bytes(manifest(MediaType.OCI_MANIFEST)), "app:1", "m.json");

    assertThat(manifest.mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
    assertThat(manifest.config().digest()).isEqualTo(Digest.parse(A));
    assertThat(manifest.config().size()).isEqualTo(12);
    assertThat(manifest.layers()).hasSize(1);
    assertThat(manifest.layers().get(0).mediaType()).isEqualTo(MediaType.OCI_LAYER_ZSTD);
    assertThat(manifest.layers().get(0).digest()).isEqualTo(Digest.parse(B));
    assertThat(manifest.layers().get(0).size()).isEqualTo(34);
    assertThat(manifest.annotations()).containsEntry("k", "v");
  }

  @Test
  void dockerManifestIsParsed() throws ImageReadException {
    ManifestDocument document = ManifestParser.parse(bytes(manifest(MediaType.DOCKER_MANIFEST)), null, "app:1", "m.json");

    assertThat(document).isInstanceOf(ImageManifest.class);
    assertThat(document.mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST);
  }

  @Test
  void manifestWithoutMediaTypeUsesDescriptor() throws ImageReadException {
    String json = manifest(MediaType.OCI_MANIFEST).replace("\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",", "");

    ManifestDocument document = ManifestParser.parse(bytes(json), MediaType.DOCKER_MANIFEST, "app:1", "m.json");

    assertThat(document.mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST);
  }

  @Test
  void indexWithPlatformsIsParsed() throws ImageReadException {
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.DOCKER_MANIFEST_LIST + "\",\"manifests\":["
        + "{\"mediaType\":\"" + MediaType.DOCKER_MANIFEST + "\",\"digest\":\"" + A + "\",\"size\":1,"
        + "\"platform\":{\"os\":\"linux\",\"architecture\":\"arm\",\"variant\":\"v7\",\"os.features\":[]}},"
        + "{\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"digest\":\"" + B + "\",\"size\":2,"
        + "\"platform\":{\"os\":\"unknown\",\"architecture\":\"unknown\"},"
        + "\"annotations\":{\"vnd.docker.reference.type\":\"attestation-manifest\"}}]}";

    OciIndex index = ManifestParser.parseIndex(bytes(json), "app:1", "index.json");

    assertThat(index.mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST_LIST);
    assertThat(index.manifests()).hasSize(2);
    assertThat(index.manifests().get(0).platform()).isEqualTo(Platform.parse("linux/arm/v7"));
    assertThat(index.manifests().get(0).isAttestation()).isFalse();
    assertThat(index.manifests().get(1).isAttestation()).isTrue();
  }

  @Test
  void indexWithoutMediaTypeIsDetected() throws ImageReadException {
    String json = "{\"schemaVersion\":2,\"manifests\":[]}";

    ManifestDocument document = ManifestParser.parse(bytes(json), null, "app:1", "index.json");

    assertThat(document).isInstanceOf(OciIndex.class);
  }

  @Test
  void realDockerManifestIsParsed() throws IOException {
    byte[] json = Files.readAllBytes(TestData.file("signatures/cosign-legacy/key-only/manifest.json"));

    ImageManifest manifest = ManifestParser.parseManifest(json, "fixture", "manifest.json");

    assertThat(manifest.mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST);
    assertThat(manifest.config().mediaType()).isEqualTo(MediaType.DOCKER_CONFIG);
    assertThat(manifest.config().size()).isEqualTo(1512);
    assertThat(manifest.layers()).singleElement()
        .satisfies(layer -> assertThat(layer.digest()).isEqualTo(
            Digest.parse("sha256:9d16cba9fb961d1aafec9542f2bf7cb64acfc55245f9e4eb5abecd4cdc38d749")));
  }

  @Test
  void realOciManifestIsParsed() throws IOException {
    Path file = TestData.file("signatures/notation/target-manifest-19dbd2e4.json");
    byte[] json = Files.readAllBytes(file);

    ImageManifest manifest = ManifestParser.parseManifest(json, "fixture", file.getFileName().toString());

    assertThat(Digest.sha256Of(json).hex()).startsWith("19dbd2e4");
    assertThat(manifest.mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
    assertThat(manifest.config().digest()).isEqualTo(
        Digest.parse("sha256:572996c3caeacea40b947911a9dda21516c082b5a64af30048a02a6f5eb956d4"));
    assertThat(manifest.layers()).extracting(Descriptor::mediaType).containsExactly(MediaType.OCI_LAYER_GZIP);
    assertThat(manifest.layers()).extracting(Descriptor::size).containsExactly(3374446L);
  }

  @Test
  void schema1ManifestIsRejected() {
    String json = "{\"schemaVersion\":1,\"name\":\"app\",\"fsLayers\":[]}";

    assertThatThrownBy(() -> ManifestParser.parse(bytes(json), null, "app:1", "m.json"))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("app:1")
        .hasMessageContaining("m.json")
        .hasMessageContaining("schema 1");
  }

  @Test
  void kindMismatchWithDescriptorIsRejected() {
    assertThatThrownBy(() -> ManifestParser.parse(bytes(manifest(MediaType.OCI_MANIFEST)), MediaType.OCI_INDEX, "app:1", "m.json"))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("m.json")
        .hasMessageContaining("the descriptor pointing at it says " + MediaType.OCI_INDEX);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing config    | "layers":[]                                                                          | required field 'config' is missing
      missing layers    | "config":{"mediaType":"x","digest":"A","size":1}                                     | required field 'layers' is missing
      missing digest    | "config":{"mediaType":"x","size":1},"layers":[]                                      | required field 'config.digest' is missing
      bad digest        | "config":{"mediaType":"x","digest":"sha256:zz","size":1},"layers":[]                 | field 'config.digest' is invalid
      negative size     | "config":{"mediaType":"x","digest":"A","size":-1},"layers":[]                        | field 'config.size' must not be negative
      string size       | "config":{"mediaType":"x","digest":"A","size":"1"},"layers":[]                       | field 'config.size' must be an integer but is a string
      layer not object  | "config":{"mediaType":"x","digest":"A","size":1},"layers":["B"]                      | field 'layers[0]' must be an object but is a string
      huge size         | "config":{"mediaType":"x","digest":"A","size":99999999999999999999},"layers":[]      | field 'config.size' must be an integer
      schema version 3  | "schemaVersion":3,"config":{"mediaType":"x","digest":"A","size":1},"layers":[]       | field 'schemaVersion' must be 2 but is 3
      neither kind      | "name":"x"                                                                           | neither an image index nor an image manifest
      """)
  void invalidManifestNamesField(String description, String fields, String expected) {
    String json = "{" + fields.replace("\"A\"", "\"" + A + "\"").replace("\"B\"", "\"" + B + "\"") + "}";

    assertThatThrownBy(() -> ManifestParser.parse(bytes(json), null, "app:1", "m.json"))
        .isInstanceOf(ImageReadException.class)
        .hasMessageStartingWith("Cannot read image app:1, entry m.json: ")
        .hasMessageContaining(expected);
  }

  @Test
  void dockerSaveManifestIsParsed() throws ImageReadException {
    String json = "[{\"Config\":\"abc.json\",\"RepoTags\":null,\"Layers\":[\"l1/layer.tar\"],\"LayerSources\":{}}]";

    DockerSaveManifest manifest = DockerSaveManifest.parse(bytes(json), "app.tar", "manifest.json").get(0);

    assertThat(manifest.config()).isEqualTo("abc.json");
    assertThat(manifest.repoTags()).isEmpty();
    assertThat(manifest.layers()).containsExactly("l1/layer.tar");
  }

  @Test
  void dockerSaveManifestNeedsLayers() {
    String json = "[{\"Config\":\"abc.json\"}]";

    assertThatThrownBy(() -> DockerSaveManifest.parse(bytes(json), "app.tar", "manifest.json"))
        .isInstanceOf(ImageReadException.class)
        .hasMessageStartingWith("Cannot read image app.tar, entry manifest.json: ")
        .hasMessageContaining("field '[0].Layers' is missing");
  }

  @Test
  void metadataReadStopsAtLimit() {
    byte[] big = new byte[2048];

    assertThatThrownBy(() -> MetadataBytes.read(new java.io.ByteArrayInputStream(big), Limits.DEFAULT.withMaxMetadataSize(1024), "app:1", "m.json"))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("app:1")
        .hasMessageContaining("m.json")
        .hasMessageContaining("1024");
  }
}
