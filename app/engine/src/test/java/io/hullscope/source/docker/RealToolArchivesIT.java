package io.hullscope.source.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.source.FileSources;
import io.hullscope.testing.Ci;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Opens archives that real tools write at test time through {@link FileSources}: {@code docker
 * save} from the test dockerd, skopeo's OCI layout, OCI archive and docker archive (gzip, zstd
 * and uncompressed layers), and {@code podman save} in its three formats. Each must give the
 * same config, diff ids, history and squashed tree as the {@code docker save} archive of the
 * same image. The archives live in a temp folder and are never committed.
 */
@Tag("docker")
class RealToolArchivesIT {

  static final String BUILT = DockerDaemonSourceIT.BUILT + "-tools";
  static final String LOADED = DockerDaemonSourceIT.LOADED + "-tools";

  @TempDir
  static Path work;

  static String dockerHost;
  /** The Podman service's host, or null when it is not running (then the Podman cases skip). */
  static String podmanHost;
  /** The {@code docker save} archive of each image. */
  static final Map<String, Path> dockerSaves = new HashMap<>();
  /** Facts of each image as its {@code docker save} archive gives them, the reference for every tool. */
  static final Map<String, ImageFacts> expected = new HashMap<>();
  /** Images already loaded into Podman. */
  static final List<String> loadedIntoPodman = new ArrayList<>();

  /** Writes an archive (file or folder) of {@code reference}, given its docker save archive. */
  interface ArchiveWriter {
    Path write(String reference, Path dockerSave, Path output) throws IOException;
  }

  /**
   * A tool and format under test.
   *
   * @param keepsDockerConfig false when the tool converts the Docker config to an OCI config.
   *     containers/image (skopeo 1.9 and Podman 4.3 on Debian 12) then writes only the OCI config
   *     fields and drops {@code Healthcheck}, so the health check is not compared.
   */
  record Tool(String name, boolean keepsDockerConfig, ArchiveWriter writer) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String SKOPEO = "skopeo (installed by .ci/run)";
  private static boolean skopeoFound;

  @BeforeAll
  static void buildImages() throws IOException {
    dockerHost = DockerFixture.daemonHost();
    skopeoFound = Ci.checkServiceForClass(ToolCommand.exists("skopeo"), SKOPEO);
    podmanHost = PodmanFixture.usableHost();
    if (dockerHost == null || !skopeoFound) {
      return;
    }
    DockerDaemonSourceIT.buildDockerfileImage(dockerHost, work.resolve("context"), BUILT);
    DockerDaemonSourceIT.loadWhiteoutImage(dockerHost, work.resolve("whiteout.tar"), LOADED);
    for (String reference : List.of(BUILT, LOADED)) {
      Path save = work.resolve(fileName(reference) + "-docker-save.tar");
      DockerFixture.save(dockerHost, reference, save);
      dockerSaves.put(reference, save);
      expected.put(reference, ImageFacts.read(FileSources.open(save), null));
    }
  }

  @BeforeEach
  void requireTools() {
    DockerFixture.requireDaemon(dockerHost);
    Ci.requireService(skopeoFound, SKOPEO);
  }

  @AfterAll
  static void removeImages() throws IOException {
    if (dockerHost != null) {
      DockerFixture.remove(dockerHost, BUILT, LOADED);
    }
    if (podmanHost != null && !loadedIntoPodman.isEmpty()) {
      PodmanFixture.remove(podmanHost, loadedIntoPodman.toArray(String[]::new));
    }
  }

  static Stream<Arguments> archives() {
    List<Tool> tools = List.of(
        new Tool("docker save", true, (reference, save, output) -> save),
        new Tool("skopeo oci, gzip", false, (reference, save, output) -> skopeo(save, "oci:" + output + ":test")),
        new Tool("skopeo oci, zstd", false, (reference, save, output) ->
            skopeo(save, "oci:" + output + ":test", "--dest-compress-format", "zstd")),
        new Tool("skopeo oci, uncompressed", false, (reference, save, output) ->
            skopeo(save, "oci:" + output + ":test", "--dest-oci-accept-uncompressed-layers")),
        new Tool("skopeo oci-archive", false, (reference, save, output) ->
            skopeo(save, "oci-archive:" + output + ":test")),
        new Tool("skopeo docker-archive", true, (reference, save, output) ->
            skopeo(save, "docker-archive:" + output + ":" + reference)),
        new Tool("podman save docker-archive", true, (reference, save, output) ->
            podmanSave(reference, save, "docker-archive", output)),
        new Tool("podman save oci-archive", false, (reference, save, output) ->
            podmanSave(reference, save, "oci-archive", output)),
        new Tool("podman save oci-dir", false, (reference, save, output) ->
            podmanSave(reference, save, "oci-dir", output)));

    List<Arguments> cases = new ArrayList<>();
    for (Tool tool : tools) {
      for (String reference : List.of(BUILT, LOADED)) {
        cases.add(Arguments.of(tool, reference));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("archives")
  void archiveMatchesDockerSave(Tool tool, String reference) throws IOException {
    ImageFacts want = expected.get(reference);
    ImageFacts actual = read(tool, reference);

    assertThat(actual.diffIds()).isEqualTo(want.diffIds());
    assertThat(actual.platform()).isEqualTo(want.platform());
    assertThat(actual.user()).isEqualTo(want.user());
    assertThat(actual.env()).isEqualTo(want.env());
    assertThat(actual.labels()).isEqualTo(want.labels());
    if (tool.keepsDockerConfig()) {
      assertThat(actual.healthcheck()).isEqualTo(want.healthcheck());
    }
    assertThat(actual.created()).isEqualTo(want.created());
    assertThat(actual.history()).isEqualTo(want.history());
    assertThat(actual.squashed()).isEqualTo(want.squashed());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("archives")
  void archiveHasKnownFiles(Tool tool, String reference) throws IOException {
    ImageFacts facts = read(tool, reference);

    if (reference.equals(BUILT)) {
      assertThat(facts.diffIds()).hasSize(3);
      assertThat(facts.regularFileCount()).isEqualTo(5);
      assertThat(facts.squashedLine("etc/passwd")).startsWith("etc/passwd 0 ").contains(" FILE 72 ");
      assertThat(facts.squashedLine("app/data.txt")).startsWith("app/data.txt 1 ").contains(" FILE 5000 ");
      assertThat(facts.squashedLine("app/copy.txt")).startsWith("app/copy.txt 2 ADDED FILE 5000 ");
      assertThat(facts.user()).isEqualTo("1000:1000");
    } else {
      assertThat(facts.diffIds()).hasSize(2);
      assertThat(facts.regularFileCount()).isEqualTo(1);
      assertThat(facts.squashedLine("data/keep.txt")).startsWith("data/keep.txt 0 ").contains(" FILE 5 ");
      assertThat(facts.squashedLine("data/gone.txt")).isNull();
      assertThat(facts.user()).isEqualTo("nobody");
    }
  }

  /** Writes the archive with the tool (once per tool and image) and reads its facts through FileSources. */
  private static ImageFacts read(Tool tool, String reference) throws IOException {
    Path output = work.resolve(fileName(tool.name()) + "-" + fileName(reference));
    Path archive = Files.exists(output) ? output : tool.writer().write(reference, dockerSaves.get(reference), output);
    return ImageFacts.read(FileSources.open(archive), null);
  }

  private static Path skopeo(Path dockerSave, String destination, String... options) throws IOException {
    List<String> command = new ArrayList<>(List.of("skopeo", "copy", "--quiet"));
    command.addAll(List.of(options));
    command.add("docker-archive:" + dockerSave);
    command.add(destination);
    ToolCommand.run(command);
    String path = destination.substring(destination.indexOf(':') + 1);
    return Path.of(path.substring(0, path.indexOf(':')));
  }

  private static Path podmanSave(String reference, Path dockerSave, String format, Path output) throws IOException {
    PodmanFixture.requirePodman(podmanHost);
    String host = podmanHost;
    synchronized (loadedIntoPodman) {
      if (!loadedIntoPodman.contains(reference)) {
        PodmanFixture.load(host, dockerSave);
        loadedIntoPodman.add(reference);
      }
    }
    PodmanFixture.save(host, reference, format, output);
    return output;
  }

  private static String fileName(String text) {
    return text.replaceAll("[^A-Za-z0-9.-]+", "_");
  }
}
