package io.hullscope.source.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.image.Digest;
import io.hullscope.image.HistoryEntry;
import io.hullscope.image.Image;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.Layer;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.ImageSource;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Opens the same images through every source and checks each against the daemon's own
 * {@code docker save} file: diff ids (hashed from the layer tars), the config fields and
 * history, and every layer's entries. Add a source by adding a line to {@link #sources()}.
 */
@Tag("docker")
class SourceConformanceIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path work;

  static String host;
  static Path savedBuilt;
  static Path savedLoaded;

  /** Creates a source that contains the image, given the daemon's save file of it. */
  interface SourceUnderTest {
    ImageSource open(Path saveFile) throws IOException;
  }

  /** Sources under test, each with a name for the report. */
  // TODO: add DockerArchiveSource (on saveFile) and the OCI layout source when they land on main.
  static Stream<org.junit.jupiter.params.provider.Arguments> sources() {
    return Stream.of(
        org.junit.jupiter.params.provider.Arguments.of("daemon",
            (SourceUnderTest) saveFile -> new DockerDaemonSource(host, Limits.DEFAULT)));
  }

  @BeforeAll
  static void prepareImages() throws IOException {
    host = DockerFixture.requireDaemon();
    DockerDaemonSourceIT.buildDockerfileImage(host, work.resolve("context"), DockerDaemonSourceIT.BUILT + "-conformance");
    DockerDaemonSourceIT.loadWhiteoutImage(host, work.resolve("whiteout.tar"), DockerDaemonSourceIT.LOADED + "-conformance");
    savedBuilt = work.resolve("built-save.tar");
    savedLoaded = work.resolve("loaded-save.tar");
    DockerFixture.save(host, DockerDaemonSourceIT.BUILT + "-conformance", savedBuilt);
    DockerFixture.save(host, DockerDaemonSourceIT.LOADED + "-conformance", savedLoaded);
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

  private static void checkAgainstSaveFile(SourceUnderTest under, Path saveFile, String reference) throws IOException {
    SavedImage expected = SavedImage.read(saveFile);
    try (ImageSource source = under.open(saveFile);
        Image image = source.open(reference, null, ProgressListener.NONE)) {
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
      saved.config = JSON.readTree(files.get(manifest.path("Config").asText()));
      int index = 0;
      for (JsonNode layerPath : manifest.path("Layers")) {
        byte[] tar = files.get(layerPath.asText());
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

    List<HistoryEntry> history() {
      return DaemonMetadata.historyFromConfig(config);
    }
  }
}
