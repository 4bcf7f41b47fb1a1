package io.hullscope.source.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.image.ConfigParser;
import io.hullscope.image.Digest;
import io.hullscope.image.HistoryEntry;
import io.hullscope.image.Image;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.Layer;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.FileEntry;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.index.TreeNode;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.source.ImageSummary;
import io.hullscope.testing.ImageArchiveBuilder;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Opens the same images through every source and checks each against the daemon's own
 * {@code docker save} file: diff ids (hashed from the layer tars), the config fields and
 * history, every layer's entries and the indexed squashed tree. Add a source by adding a line to
 * {@link #sources()}.
 */
@Tag("docker")
class SourceConformanceIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path work;

  static String host;
  static Path savedBuilt;
  static Path savedLoaded;
  /** Squashed tree of each save file as the docker save archive source reads it, the reference for the others. */
  static final Map<Path, List<String>> expectedTrees = new HashMap<>();

  /** Creates a source that contains the image, given the daemon's save file of it. */
  interface SourceUnderTest {
    ImageSource create(Path saveFile, String reference) throws IOException;
  }

  /** Sources under test, each with a name for the report. */
  static Stream<Arguments> sources() {
    return Stream.of(
        Arguments.of("Docker daemon", (SourceUnderTest) (saveFile, reference) -> new DockerDaemonSource(host, Limits.DEFAULT)),
        Arguments.of("docker save archive", (SourceUnderTest) (saveFile, reference) -> FileSources.open(saveFile)),
        Arguments.of("OCI layout, gzip layers", (SourceUnderTest) SourceConformanceIT::ociLayoutOf));
  }

  /** Rewrites a legacy save file as an OCI layout folder with gzip layers and the same config bytes. */
  static ImageSource ociLayoutOf(Path saveFile, String reference) throws IOException {
    SavedImage saved = SavedImage.read(saveFile);
    ImageArchiveBuilder.TestImage image = ImageArchiveBuilder.image().reference(reference).rawConfig(saved.configBytes);
    for (byte[] tar : saved.layerTars) {
      image.layer(tar, ImageArchiveBuilder.BlobCompression.GZIP);
    }
    Path folder = work.resolve("oci-" + saveFile.getFileName());
    if (!Files.exists(folder)) {
      ImageArchiveBuilder.ociLayout(image).writeDirectory(folder);
    }
    return FileSources.open(folder);
  }

  @BeforeAll
  static void prepareImages() throws IOException {
    host = DockerFixture.daemonHost();
    if (host == null) {
      return;
    }
    DockerDaemonSourceIT.buildDockerfileImage(host, work.resolve("context"), DockerDaemonSourceIT.BUILT + "-conformance");
    DockerDaemonSourceIT.loadWhiteoutImage(host, work.resolve("whiteout.tar"), DockerDaemonSourceIT.LOADED + "-conformance");
    savedBuilt = work.resolve("built-save.tar");
    savedLoaded = work.resolve("loaded-save.tar");
    DockerFixture.save(host, DockerDaemonSourceIT.BUILT + "-conformance", savedBuilt);
    DockerFixture.save(host, DockerDaemonSourceIT.LOADED + "-conformance", savedLoaded);
    expectedTrees.put(savedBuilt, squashedListing(FileSources.open(savedBuilt), DockerDaemonSourceIT.BUILT + "-conformance"));
    expectedTrees.put(savedLoaded, squashedListing(FileSources.open(savedLoaded), DockerDaemonSourceIT.LOADED + "-conformance"));
  }

  @BeforeEach
  void requireDaemon() {
    DockerFixture.requireDaemon(host);
  }

  @AfterAll
  static void removeImages() throws IOException {
    if (host != null) {
      DockerFixture.remove(host, DockerDaemonSourceIT.BUILT + "-conformance", DockerDaemonSourceIT.LOADED + "-conformance");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void builtImageMatchesSaveFile(String name, SourceUnderTest under) throws IOException {
    checkAgainstSaveFile(under, savedBuilt, DockerDaemonSourceIT.BUILT + "-conformance");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void loadedImageMatchesSaveFile(String name, SourceUnderTest under) throws IOException {
    checkAgainstSaveFile(under, savedLoaded, DockerDaemonSourceIT.LOADED + "-conformance");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void builtImageSquashesAlike(String name, SourceUnderTest under) throws IOException {
    String reference = DockerDaemonSourceIT.BUILT + "-conformance";
    List<String> listing = squashedListing(under.create(savedBuilt, reference), reference);

    assertThat(listing).isEqualTo(expectedTrees.get(savedBuilt));
    assertThat(listing).anyMatch(line -> line.startsWith("app/copy.txt "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void loadedImageSquashesAlike(String name, SourceUnderTest under) throws IOException {
    String reference = DockerDaemonSourceIT.LOADED + "-conformance";
    List<String> listing = squashedListing(under.create(savedLoaded, reference), reference);

    assertThat(listing).isEqualTo(expectedTrees.get(savedLoaded));
    assertThat(listing).anyMatch(line -> line.startsWith("data/keep.txt "));
    assertThat(listing).noneMatch(line -> line.startsWith("data/gone.txt "));
  }

  /** Indexes the image and lists its squashed tree, one line per node with entry, layer and change. */
  private static List<String> squashedListing(ImageSource source, String reference) throws IOException {
    try (source; Image image = source.open(keyOf(source, reference), null, ProgressListener.NONE)) {
      ImageAnalysis analysis = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(image, ProgressListener.NONE);
      List<String> lines = new ArrayList<>();
      addListing(analysis.squashed(image.layers().size() - 1).root(), lines);
      return lines;
    }
  }

  private static void addListing(TreeNode node, List<String> lines) {
    FileEntry entry = node.entry();
    lines.add(node.path() + " " + node.layer() + " " + node.change() + " "
        + (entry == null ? "implied" : entry.type() + " " + entry.size() + " " + Integer.toOctalString(entry.mode())
            + " " + entry.uid() + ":" + entry.gid() + " " + entry.linkTarget()));
    for (TreeNode child : node.children()) {
      addListing(child, lines);
    }
  }

  /** Returns the key of the listed image with this reference, or the only image of a file source. */
  private static String keyOf(ImageSource source, String reference) throws IOException {
    List<ImageSummary> images = source.listImages();
    for (ImageSummary summary : images) {
      if (summary.references().contains(reference)) {
        return summary.key();
      }
    }
    return images.size() == 1 ? images.get(0).key() : reference;
  }

  private static void checkAgainstSaveFile(SourceUnderTest under, Path saveFile, String reference) throws IOException {
    SavedImage expected = SavedImage.read(saveFile);
    try (ImageSource source = under.create(saveFile, reference);
        Image image = source.open(keyOf(source, reference), null, ProgressListener.NONE)) {
      ImageConfig config = image.config();

      assertThat(config.diffIds()).isEqualTo(expected.diffIds);
      assertThat(image.layers()).extracting(Layer::diffId).isEqualTo(expected.diffIds);
      assertThat(config.user()).isEqualTo(expected.text("User"));
      assertThat(config.env()).isEqualTo(expected.strings("Env"));
      assertThat(config.labels()).isEqualTo(expected.labels());
      assertThat(config.created()).isEqualTo(expected.created());
      assertThat(config.healthcheck() == null).isEqualTo(expected.config.path("config").path("Healthcheck").isMissingNode());
      // The daemon's history API has whole seconds, so times are compared at that precision.
      assertThat(truncated(config.history())).isEqualTo(truncated(expected.history()));

      Map<Integer, List<String>> entries = new TreeMap<>();
      image.streamLayers(new Image.LayerVisitor() {
        @Override
        public boolean wants(Layer layer) {
          return true;
        }

        @Override
        public void visit(Layer layer, InputStream blob) throws IOException {
          entries.put(layer.index(), entryNames(decompressed(blob)));
        }
      });
      assertThat(entries).isEqualTo(expected.entries);
    }
  }

  private static List<String> truncated(List<HistoryEntry> history) {
    List<String> lines = new ArrayList<>();
    for (HistoryEntry entry : history) {
      Instant created = entry.created() == null ? null : Instant.ofEpochSecond(entry.created().getEpochSecond());
      lines.add(created + " | " + entry.createdBy() + " | " + entry.emptyLayer());
    }
    return lines;
  }

  private static InputStream decompressed(InputStream blob) throws IOException {
    InputStream buffered = new BufferedInputStream(blob);
    try {
      return new CompressorStreamFactory().createCompressorInputStream(buffered);
    } catch (CompressorException notCompressed) {
      return buffered;
    }
  }

  private static List<String> entryNames(InputStream tarStream) throws IOException {
    List<String> names = new ArrayList<>();
    TarArchiveInputStream tar = new TarArchiveInputStream(tarStream);
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      names.add(entry.getName());
    }
    return names;
  }

  /** The facts of a legacy {@code docker save} file, read with nothing but a tar reader and JSON. */
  private static final class SavedImage {
    JsonNode config;
    byte[] configBytes;
    List<byte[]> layerTars = new ArrayList<>();
    List<Digest> diffIds = new ArrayList<>();
    Map<Integer, List<String>> entries = new TreeMap<>();

    static SavedImage read(Path saveFile) throws IOException {
      Map<String, byte[]> files = new HashMap<>();
      try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(saveFile))) {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
          if (entry.isFile()) {
            files.put(entry.getName(), tar.readAllBytes());
          }
        }
      }
      JsonNode manifest = JSON.readTree(files.get("manifest.json")).get(0);
      SavedImage saved = new SavedImage();
      saved.configBytes = files.get(manifest.path("Config").asText());
      saved.config = JSON.readTree(saved.configBytes);
      int index = 0;
      for (JsonNode layerPath : manifest.path("Layers")) {
        byte[] tar = files.get(layerPath.asText());
        saved.layerTars.add(tar);
        saved.diffIds.add(Digest.sha256Of(tar));
        saved.entries.put(index++, entryNames(new ByteArrayInputStream(tar)));
      }
      return saved;
    }

    String text(String field) {
      String value = config.path("config").path(field).asText("");
      return value.isEmpty() ? null : value;
    }

    List<String> strings(String field) {
      List<String> values = new ArrayList<>();
      config.path("config").path(field).forEach(value -> values.add(value.asText()));
      return values;
    }

    Map<String, String> labels() {
      Map<String, String> labels = new HashMap<>();
      config.path("config").path("Labels").fields()
          .forEachRemaining(field -> labels.put(field.getKey(), field.getValue().asText()));
      return labels;
    }

    Instant created() {
      return Instant.parse(config.path("created").asText());
    }

    List<HistoryEntry> history() throws IOException {
      return ConfigParser.parse(configBytes, "saved image", "config").history();
    }
  }
}
