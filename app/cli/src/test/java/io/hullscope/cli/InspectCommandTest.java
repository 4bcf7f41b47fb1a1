package io.hullscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.ArchiveFiles;
import io.hullscope.testing.ImageArchiveBuilder.BlobCompression;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

  @TempDir Path folder;

  private static TestImage appImage() {
    return ImageArchiveBuilder.image()
        .layer(new TarBuilder().dir("etc").file("etc/os-release", "ID=test\n").build(), BlobCompression.GZIP)
        .layer(new TarBuilder().dir("app").file("app/run.sh", "echo hi\n").file("etc/os-release", "ID=t2\n").build())
        .user("1000:1000")
        .env("PATH=/usr/bin", "API_TOKEN=abc123")
        .entrypoint("/app/run.sh")
        .cmd("--serve")
        .label("org.opencontainers.image.title", "app")
        .exposedPort("8080/tcp")
        .history("ADD rootfs /")
        .history("COPY run.sh /app/")
        .reference("example.com/team/app:1.0");
  }

  private Path writeArchive(ArchiveFiles files) {
    return files.writeTar(folder.resolve("app.tar"));
  }

  @Test
  void textOutputShowsConfigAndLayers() {
    Path archive = writeArchive(ImageArchiveBuilder.dockerSave(appImage()));

    Result result = run("inspect", "--no-cache", archive.toString());

    assertThat(result.code).isZero();
    assertThat(result.err).isEmpty();
    assertThat(result.out).contains("example.com/team/app:1.0");
    assertThat(result.out).containsPattern("User: +1000:1000");
    assertThat(result.out).containsPattern("Entrypoint: +/app/run.sh");
    assertThat(result.out).contains("ADD rootfs /");
    assertThat(result.out).contains("COPY run.sh /app/");
    assertThat(result.out).containsPattern("Final file system: +[0-9.]+ [KMG]?i?B in \\d+ files?");
    assertThat(result.out).contains("Efficiency:");
  }

  @Test
  void textOutputMasksSecretEnv() {
    Path archive = writeArchive(ImageArchiveBuilder.dockerSave(appImage()));

    Result result = run("inspect", "--no-cache", archive.toString());

    assertThat(result.out).contains("API_TOKEN=" + SecretMasking.MASK);
    assertThat(result.out).doesNotContain("abc123");
  }

  @Test
  void jsonOutputHasStableShape() throws IOException {
    Path archive = writeArchive(ImageArchiveBuilder.dockerSave(appImage()));

    Result result = run("inspect", "--no-cache", "--format", "json", archive.toString());

    assertThat(result.code).isZero();
    JsonNode json = new ObjectMapper().readTree(result.out);
    assertThat(fieldNames(json)).containsExactly("image", "config", "user", "layers", "tree");
    assertThat(fieldNames(json.get("user"))).containsExactly("outcome", "uid", "gid", "explanation", "findings");
    assertThat(fieldNames(json.get("image")))
        .containsExactly("references", "digest", "configDigest", "platform", "created", "source");
    assertThat(fieldNames(json.get("tree")))
        .containsExactly("files", "filesSize", "unpackedSize", "wastedBytes", "efficiency");
    assertThat(fieldNames(json.get("layers").get(0)))
        .containsExactly("index", "diffId", "storedSize", "unpackedSize", "entries", "createdBy");
    assertThat(json.get("image").get("platform").asText()).isEqualTo("linux/amd64");
    assertThat(json.get("config").get("user").asText()).isEqualTo("1000:1000");
    assertThat(json.get("layers")).hasSize(2);
    assertThat(json.get("layers").get(1).get("createdBy").asText()).isEqualTo("COPY run.sh /app/");
  }

  @Test
  void samplesSayWhichUserTheyRunAs() throws IOException {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();

    Result bad = run("inspect", "--no-cache", "--format", "json", root.resolve("samples/images/hygiene-bad.tar").toString());
    Result good = run("inspect", "--no-cache", root.resolve("samples/images/hygiene-good.tar").toString());

    JsonNode user = new ObjectMapper().readTree(bad.out).get("user");
    assertThat(user.get("outcome").asText()).isEqualTo("RUNS");
    assertThat(user.get("uid").asLong()).isZero();
    assertThat(user.get("findings").toString()).contains("ROOT-USER");
    assertThat(good.code).isZero();
    assertThat(good.out).containsPattern("Runs as: +UID 65532").doesNotContain("User findings");
  }

  @Test
  void jsonUnpackedSizeAddsUpLayers() throws IOException {
    Path archive = writeArchive(ImageArchiveBuilder.dockerSave(appImage()));

    Result result = run("inspect", "--no-cache", "--format", "json", archive.toString());

    JsonNode json = new ObjectMapper().readTree(result.out);
    long layers = 0;
    for (JsonNode layer : json.get("layers")) {
      layers += layer.get("unpackedSize").asLong();
    }
    assertThat(json.get("tree").get("unpackedSize").asLong()).isPositive().isEqualTo(layers);
  }

  @Test
  void textNamesSizesAsWindowDoes() {
    Path archive = writeArchive(ImageArchiveBuilder.dockerSave(appImage()));

    Result result = run("inspect", "--no-cache", archive.toString());

    assertThat(result.out).contains("  Unpacked size:", "  Final file system:").doesNotContain("Total size");
  }

  @Test
  void jsonReportsOverwrittenFileAsWaste() throws IOException {
    Path archive = writeArchive(ImageArchiveBuilder.dockerSave(appImage()));

    Result result = run("inspect", "--no-cache", "--format", "json", archive.toString());

    JsonNode tree = new ObjectMapper().readTree(result.out).get("tree");
    assertThat(tree.get("wastedBytes").asLong()).isEqualTo("ID=test\n".length());
    assertThat(tree.get("efficiency").asDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void ociLayoutFolderPicksRequestedPlatform() throws IOException {
    Path layout = ImageArchiveBuilder.ociLayout(ImageArchiveBuilder.index(
            appImage().platform("linux/amd64"),
            appImage().platform("linux/arm64/v8"))
            .reference("app:multi"))
        .writeDirectory(folder.resolve("layout"));

    Result result = run("inspect", "--no-cache", "--format", "json", "--platform", "linux/arm64", layout.toString());

    assertThat(result.code).isZero();
    JsonNode json = new ObjectMapper().readTree(result.out);
    assertThat(json.get("image").get("platform").asText()).isEqualTo("linux/arm64/v8");
  }

  @Test
  void archiveWithSeveralImagesFails() {
    Path archive = writeArchive(ImageArchiveBuilder.dockerSave(
        appImage(), appImage().reference("example.com/team/other:2.0").user("2000")));

    Result result = run("inspect", "--no-cache", archive.toString());

    assertThat(result.code).isEqualTo(1);
    assertThat(result.err.lines()).hasSize(1);
    assertThat(result.err).contains("contains 2 images");
  }

  @Test
  void missingFileFailsWithOneLine() {
    Result result = run("inspect", "--no-cache", folder.resolve("missing.tar").toString());

    assertThat(result.code).isEqualTo(1);
    assertThat(result.out).isEmpty();
    assertThat(result.err.lines()).hasSize(1);
    assertThat(result.err).startsWith("hullscope: ").contains("missing.tar").contains("file not found");
  }

  @Test
  void fileThatIsNoImageFails() throws IOException {
    Path junk = Files.writeString(folder.resolve("notes.tar"), "these are not tar bytes\n".repeat(40));

    Result result = run("inspect", "--no-cache", junk.toString());

    assertThat(result.code).isEqualTo(1);
    assertThat(result.err.lines()).hasSize(1);
    assertThat(result.err).startsWith("hullscope: ").contains("notes.tar");
  }

  @Test
  void corruptLayerFails() {
    ArchiveFiles files = ImageArchiveBuilder.dockerSave(appImage());
    String layerPath = files.paths().stream().filter(path -> path.endsWith("layer.tar")).findFirst().orElseThrow();
    files.put(layerPath, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    Path archive = writeArchive(files);

    Result result = run("inspect", "--no-cache", archive.toString());

    assertThat(result.code).isEqualTo(1);
    assertThat(result.out).isEmpty();
    assertThat(result.err.lines()).hasSize(1);
    assertThat(result.err).startsWith("hullscope: ");
  }

  @Test
  void unreachableDaemonFails() {
    String socket = "unix://" + folder.resolve("no-such-docker.sock");

    Result result = run("inspect", "--no-cache", "--docker-host", socket, "app:1");

    assertThat(result.code).isEqualTo(1);
    assertThat(result.err.lines()).hasSize(1);
    assertThat(result.err).startsWith("hullscope: ");
  }

  @Test
  void invalidPlatformIsUsageError() {
    Path archive = writeArchive(ImageArchiveBuilder.dockerSave(appImage()));

    Result result = run("inspect", "--platform", "amd64", archive.toString());

    assertThat(result.code).isEqualTo(2);
    assertThat(result.err).contains("invalid platform 'amd64'");
  }

  @Test
  void missingSubcommandIsUsageError() {
    Result result = run();

    assertThat(result.code).isEqualTo(2);
    assertThat(result.err).contains("Missing subcommand");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = HullscopeCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  private record Result(int code, String out, String err) {}
}
