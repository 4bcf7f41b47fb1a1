package io.hullscope.source.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.Digest;
import io.hullscope.image.DigestMismatchException;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.LimitExceededException;
import io.hullscope.image.Limits;
import io.hullscope.image.MediaType;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.source.ImageSummary;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.ArchiveFiles;
import io.hullscope.testing.ImageArchiveBuilder.BlobCompression;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostileArchiveTest {

  @TempDir Path temp;

  private static TestImage smallImage() {
    return ImageArchiveBuilder.image()
        .layer(new TarBuilder().file("etc/hostname", "box\n").build(), BlobCompression.GZIP)
        .layer(new TarBuilder().file("app/data", "payload".repeat(200)).build())
        .history("ADD hostname /etc/")
        .history("COPY data /app/")
        .reference("victim:1");
  }

  private static String classicLayerPath(ArchiveFiles files, int position) {
    String manifest = new String(files.content("manifest.json"), StandardCharsets.UTF_8);
    int start = manifest.indexOf("\"Layers\":[") + "\"Layers\":[".length();
    String layers = manifest.substring(start, manifest.indexOf(']', start));
    return layers.split(",")[position].replace("\"", "");
  }

  /** Lists the images and opens the first; the hostile part fails one of the two. */
  private static void listAndOpen(Path path, Limits limits) throws IOException {
    try (ImageSource source = FileSources.open(path, limits)) {
      String key = source.listImages().get(0).key();
      source.open(key, null, ProgressListener.NONE).close();
    }
  }

  private static void listAndOpen(Path path) throws IOException {
    listAndOpen(path, Limits.DEFAULT);
  }

  private Path writeTar(ArchiveFiles files) {
    return files.writeTar(temp.resolve("hostile.tar"));
  }

  @Test
  void truncatedArchiveNamesCutEntry() throws IOException {
    TestImage image = smallImage();
    ArchiveFiles files = ImageArchiveBuilder.dockerSave(image);
    byte[] tar = files.toTar();
    String firstLayer = classicLayerPath(files, 0);
    byte[] layerTar = image.layers().get(0).tar();
    int layerStart = indexOf(tar, layerTar);
    Path truncated = temp.resolve("truncated.tar");
    Files.write(truncated, Arrays.copyOf(tar, layerStart + layerTar.length / 2));

    assertThatThrownBy(() -> listAndOpen(truncated))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("truncated.tar")
        .hasMessageContaining(firstLayer)
        .hasMessageContaining("truncated");
  }

  @Test
  void invalidManifestJsonNamesFile() {
    ArchiveFiles files = ImageArchiveBuilder.dockerSave(smallImage()).put("manifest.json", "[{\"Config\": ");
    Path archive = writeTar(files);

    assertThatThrownBy(() -> listAndOpen(archive))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("hostile.tar")
        .hasMessageContaining("manifest.json")
        .hasMessageContaining("invalid JSON");
  }

  @Test
  void invalidIndexJsonNamesFile() {
    ArchiveFiles files = ImageArchiveBuilder.ociLayout(smallImage()).put("index.json", "{\"manifests\": [}");
    Path layout = files.writeDirectory(temp.resolve("layout"));

    assertThatThrownBy(() -> listAndOpen(layout))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("layout")
        .hasMessageContaining("index.json")
        .hasMessageContaining("invalid JSON");
  }

  @Test
  void invalidManifestBlobNamesBlob() {
    byte[] broken = "{\"schemaVersion\": 2, \"config\": 42}".getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.sha256Of(broken);
    ArchiveFiles files = ImageArchiveBuilder.ociLayout(smallImage())
        .put(ImageArchiveBuilder.blobPath(digest), broken)
        .put("index.json", indexJson(MediaType.OCI_MANIFEST, digest, broken.length, "broken:1"));
    Path archive = files.writeTar(temp.resolve("layout.tar"));

    assertThatThrownBy(() -> listAndOpen(archive))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("broken:1 in layout.tar")
        .hasMessageContaining(ImageArchiveBuilder.blobPath(digest))
        .hasMessageContaining("field 'config' must be an object");
  }

  @Test
  void missingClassicLayerNamesEntry() {
    ArchiveFiles files = ImageArchiveBuilder.dockerSave(smallImage());
    String layer = classicLayerPath(files, 1);
    files.remove(layer);
    Path archive = writeTar(files);

    assertThatThrownBy(() -> listAndOpen(archive))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("victim:1 in hostile.tar")
        .hasMessageContaining("layer 1")
        .hasMessageContaining(layer)
        .hasMessageContaining("missing");
  }

  @Test
  void missingOciLayerBlobNamesEntry() {
    TestImage image = smallImage();
    String blob = ImageArchiveBuilder.blobPath(image.layers().get(0).blobDigest());
    ArchiveFiles files = ImageArchiveBuilder.dockerSaveOci(image).remove(blob);
    Path archive = writeTar(files);

    assertThatThrownBy(() -> listAndOpen(archive))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("victim:1 in hostile.tar")
        .hasMessageContaining(blob)
        .hasMessageContaining("missing");
  }

  @Test
  void classicConfigDigestMismatchNamesEntry() {
    TestImage image = smallImage();
    String configPath = image.configDigest().hex() + ".json";
    ArchiveFiles files = ImageArchiveBuilder.dockerSave(image);
    files.put(configPath, new String(files.content(configPath), StandardCharsets.UTF_8).replace("amd64", "arm64"));
    Path archive = writeTar(files);

    assertThatThrownBy(() -> listAndOpen(archive))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("victim:1 in hostile.tar")
        .hasMessageContaining(configPath)
        .hasMessageContaining(image.configDigest().toString());
  }

  @Test
  void ociConfigDigestMismatchNamesEntry() {
    TestImage image = smallImage();
    String configPath = ImageArchiveBuilder.blobPath(image.configDigest());
    ArchiveFiles files = ImageArchiveBuilder.ociLayout(image);
    files.put(configPath, new String(files.content(configPath), StandardCharsets.UTF_8).replace("amd64", "arm64"));
    Path layout = files.writeDirectory(temp.resolve("layout"));

    assertThatThrownBy(() -> listAndOpen(layout))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("victim:1 in layout")
        .hasMessageContaining(configPath);
  }

  @Test
  void parentPathInManifestJsonIsRejected() {
    ArchiveFiles files = ImageArchiveBuilder.dockerSave(smallImage());
    String manifest = new String(files.content("manifest.json"), StandardCharsets.UTF_8);
    files.put("manifest.json", manifest.replace(classicLayerPath(files, 0), "../../etc/passwd"));
    Path archive = writeTar(files);

    assertThatThrownBy(() -> listAndOpen(archive))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("victim:1 in hostile.tar")
        .hasMessageContaining("manifest.json")
        .hasMessageContaining("'../../etc/passwd'")
        .hasMessageContaining("outside the archive");
  }

  @Test
  void absoluteConfigPathIsRejected() {
    ArchiveFiles files = ImageArchiveBuilder.dockerSave(smallImage());
    String manifest = new String(files.content("manifest.json"), StandardCharsets.UTF_8);
    files.put("manifest.json", manifest.replaceFirst("\"Config\":\"[^\"]*\"", "\"Config\":\"/etc/passwd\""));
    Path archive = writeTar(files);

    assertThatThrownBy(() -> listAndOpen(archive))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("victim:1 in hostile.tar")
        .hasMessageContaining("manifest.json")
        .hasMessageContaining("'/etc/passwd' is absolute");
  }

  @Test
  void digestWithPathIsRejected() {
    ArchiveFiles files = ImageArchiveBuilder.ociLayout(smallImage());
    files.put("index.json", "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"" + MediaType.OCI_MANIFEST
        + "\",\"digest\":\"sha256:../../../etc/passwd\",\"size\":10}]}");
    Path layout = files.writeDirectory(temp.resolve("layout"));

    assertThatThrownBy(() -> listAndOpen(layout))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("image layout")
        .hasMessageContaining("index.json")
        .hasMessageContaining("manifests[0].digest");
  }

  @Test
  void indexPointingToItselfIsLoop() {
    Digest self = Digest.sha256Of("self".getBytes(StandardCharsets.UTF_8));
    byte[] loop = sizedIndex(List.of(self));
    ArchiveFiles files = ImageArchiveBuilder.ociLayout(smallImage())
        .put(ImageArchiveBuilder.blobPath(self), loop)
        .put("index.json", indexJson(MediaType.OCI_INDEX, self, loop.length, "loop:1"));
    Path layout = files.writeDirectory(temp.resolve("layout"));

    assertThatThrownBy(() -> listAndOpen(layout))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("loop:1 in layout")
        .hasMessageContaining(ImageArchiveBuilder.blobPath(self))
        .hasMessageContaining("index loop");
  }

  @Test
  void indexCycleOfTwoIsLoop() {
    Digest first = Digest.sha256Of("first".getBytes(StandardCharsets.UTF_8));
    Digest second = Digest.sha256Of("second".getBytes(StandardCharsets.UTF_8));
    byte[] firstIndex = sizedIndex(List.of(second));
    byte[] secondIndex = sizedIndex(List.of(first));
    ArchiveFiles files = ImageArchiveBuilder.ociLayout(smallImage())
        .put(ImageArchiveBuilder.blobPath(first), firstIndex)
        .put(ImageArchiveBuilder.blobPath(second), secondIndex)
        .put("index.json", indexJson(MediaType.OCI_INDEX, first, firstIndex.length, "cycle:1"));
    Path archive = files.writeTar(temp.resolve("cycle.tar"));

    assertThatThrownBy(() -> listAndOpen(archive))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("cycle:1 in cycle.tar")
        .hasMessageContaining(ImageArchiveBuilder.blobPath(second))
        .hasMessageContaining("index loop");
  }

  @Test
  void oversizedManifestJsonHitsLimit() {
    ArchiveFiles files = ImageArchiveBuilder.dockerSave(smallImage());
    String manifest = new String(files.content("manifest.json"), StandardCharsets.UTF_8);
    files.put("manifest.json", manifest + " ".repeat(5000));
    Path archive = writeTar(files);

    assertThatThrownBy(() -> listAndOpen(archive, Limits.DEFAULT.withMaxMetadataSize(4096)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("hostile.tar")
        .hasMessageContaining("manifest.json")
        .hasMessageContaining("4096");
  }

  @Test
  void oversizedManifestBlobHitsLimit() {
    TestImage image = smallImage();
    Path layout = ImageArchiveBuilder.ociLayout(image).writeDirectory(temp.resolve("layout"));
    int limit = image.manifestJson().length - 1;

    assertThatThrownBy(() -> listAndOpen(layout, Limits.DEFAULT.withMaxMetadataSize(limit)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("victim:1 in layout")
        .hasMessageContaining(ImageArchiveBuilder.blobPath(image.digest()));
  }

  @Test
  void symlinkedManifestJsonIsRejected() {
    ArchiveFiles files = ImageArchiveBuilder.dockerSave(smallImage()).symlink("manifest.json", "/etc/passwd");
    Path archive = writeTar(files);

    assertThatThrownBy(() -> listAndOpen(archive))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("hostile.tar")
        .hasMessageContaining("entry manifest.json")
        .hasMessageContaining("symbolic link to '/etc/passwd'");
  }

  @Test
  void hardlinkedConfigIsRejected() {
    TestImage image = smallImage();
    String configPath = image.configDigest().hex() + ".json";
    ArchiveFiles files = ImageArchiveBuilder.dockerSave(image).hardlink(configPath, "repositories");
    Path archive = writeTar(files);

    assertThatThrownBy(() -> listAndOpen(archive))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("victim:1 in hostile.tar")
        .hasMessageContaining(configPath)
        .hasMessageContaining("hard link");
  }

  @Test
  void layerSymlinkLeavingArchiveIsRejected() {
    ArchiveFiles files = ImageArchiveBuilder.dockerSave(smallImage());
    String layer = classicLayerPath(files, 1);
    files.symlink(layer, "../../../etc/shadow");
    Path archive = writeTar(files);

    assertThatThrownBy(() -> listAndOpen(archive))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("victim:1 in hostile.tar")
        .hasMessageContaining(layer)
        .hasMessageContaining("not a regular file inside the archive");
  }

  @Test
  void symlinkedBlobInLayoutFolderIsRejected() throws IOException {
    TestImage image = smallImage();
    String blob = ImageArchiveBuilder.blobPath(image.configDigest());
    Path outside = Files.write(temp.resolve("outside.json"), image.configJson());
    ArchiveFiles files = ImageArchiveBuilder.ociLayout(image).symlink(blob, outside.toString());
    Path layout = files.writeDirectory(temp.resolve("layout"));

    assertThatThrownBy(() -> listAndOpen(layout))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("victim:1 in layout")
        .hasMessageContaining(blob)
        .hasMessageContaining("symbolic link");
  }

  @Test
  void duplicateManifestEntryIsRejected() throws IOException {
    ArchiveFiles files = ImageArchiveBuilder.dockerSave(smallImage());
    byte[] tar = files.toTar();
    byte[] extra = new TarBuilder().file("manifest.json", "[]").build();
    Path archive = temp.resolve("twice.tar");
    // Drops the two end-of-archive blocks of the first tar so that the second one's entries follow.
    byte[] joined = Arrays.copyOf(trimEndBlocks(tar), trimEndBlocks(tar).length + extra.length);
    System.arraycopy(extra, 0, joined, trimEndBlocks(tar).length, extra.length);
    Files.write(archive, joined);

    assertThatThrownBy(() -> listAndOpen(archive))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("twice.tar")
        .hasMessageContaining("manifest.json")
        .hasMessageContaining("more than once");
  }

  @Test
  void layerSizeDifferentFromDescriptorIsRejected() {
    TestImage image = smallImage();
    Digest layerDigest = image.layers().get(1).blobDigest();
    String blob = ImageArchiveBuilder.blobPath(layerDigest);
    ArchiveFiles files = ImageArchiveBuilder.ociLayout(image).put(blob, "short");
    Path layout = files.writeDirectory(temp.resolve("layout"));

    assertThatThrownBy(() -> listAndOpen(layout))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("victim:1 in layout")
        .hasMessageContaining("layer 1")
        .hasMessageContaining(blob)
        .hasMessageContaining("5 bytes");
  }

  @Test
  void layerCountDifferentFromDiffIdsIsRejected() {
    TestImage image = smallImage();
    ArchiveFiles files = ImageArchiveBuilder.dockerSave(image);
    String manifest = new String(files.content("manifest.json"), StandardCharsets.UTF_8);
    files.put("manifest.json", manifest.replace("," + "\"" + classicLayerPath(files, 1) + "\"", ""));
    Path archive = writeTar(files);

    assertThatThrownBy(() -> listAndOpen(archive))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("victim:1 in hostile.tar")
        .hasMessageContaining("manifest.json")
        .hasMessageContaining("1 layers but the config has 2 diff ids");
  }

  @Test
  void damagedImageIsListedWithoutDetails() throws IOException {
    TestImage good = ImageArchiveBuilder.image().layer(new TarBuilder().file("ok", "ok").build()).reference("good:1");
    TestImage damaged = smallImage();
    ArchiveFiles files = ImageArchiveBuilder.ociLayout(good, damaged)
        .remove(ImageArchiveBuilder.blobPath(damaged.configDigest()));

    try (ImageSource source = FileSources.open(files.writeTar(temp.resolve("two.tar")))) {
      List<ImageSummary> summaries = source.listImages();

      assertThat(summaries).hasSize(2);
      assertThat(summaries.get(0).layerCount()).isEqualTo(1);
      assertThat(summaries.get(1).references()).containsExactly("victim:1");
      assertThat(summaries.get(1).digest()).isEqualTo(damaged.digest());
      assertThat(summaries.get(1).layerCount()).isEqualTo(-1);
      assertThat(summaries.get(1).size()).isEqualTo(-1);
      assertThatThrownBy(() -> source.open(summaries.get(1).key(), null, ProgressListener.NONE))
          .isInstanceOf(ImageReadException.class)
          .hasMessageContaining("victim:1 in two.tar")
          .hasMessageContaining(ImageArchiveBuilder.blobPath(damaged.configDigest()))
          .hasMessageContaining("missing");
    }
  }

  @Test
  void unknownKeyErrorListsImages() throws IOException {
    Path archive = writeTar(ImageArchiveBuilder.dockerSave(smallImage()));
    try (ImageSource source = FileSources.open(archive)) {
      assertThatThrownBy(() -> source.open("other:2", null, ProgressListener.NONE))
          .isInstanceOf(ImageReadException.class)
          .hasMessageContaining("other:2")
          .hasMessageContaining("victim:1");
    }
  }

  private static byte[] indexJson(String mediaType, Digest digest, long size, String reference) {
    Map<String, Object> entry = Map.of(
        "mediaType", mediaType,
        "digest", digest.toString(),
        "size", size,
        "annotations", Map.of("org.opencontainers.image.ref.name", reference));
    return ImageArchiveBuilder.json(Map.of("schemaVersion", 2, "manifests", List.of(entry)));
  }

  /** Returns an index listing {@code children} as indexes, padded to the 512 bytes each entry claims. */
  private static byte[] sizedIndex(List<Digest> children) {
    List<Map<String, Object>> manifests = children.stream()
        .map(child -> Map.<String, Object>of("mediaType", MediaType.OCI_INDEX, "digest", child.toString(), "size", 512))
        .toList();
    byte[] json = ImageArchiveBuilder.json(Map.of("schemaVersion", 2, "mediaType", MediaType.OCI_INDEX, "manifests", manifests));
    if (json.length > 512) {
      throw new IllegalStateException("index of " + json.length + " bytes does not fit the padding");
    }
    byte[] padded = Arrays.copyOf(json, 512);
    Arrays.fill(padded, json.length, padded.length, (byte) ' ');
    return padded;
  }

  private static byte[] trimEndBlocks(byte[] tar) {
    int end = tar.length;
    while (end >= 512 && isZeroBlock(tar, end - 512)) {
      end -= 512;
    }
    return Arrays.copyOf(tar, end);
  }

  private static boolean isZeroBlock(byte[] bytes, int offset) {
    for (int i = offset; i < offset + 512; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("needle not found");
  }
}
