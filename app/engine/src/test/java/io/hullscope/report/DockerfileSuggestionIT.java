package io.hullscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.Finding;
import io.hullscope.image.Image;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.docker.DockerDaemonSource;
import io.hullscope.testing.Ci;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds a real image with the usual mistakes, suggests a Dockerfile for it, builds that Dockerfile
 * with {@code docker build --network none} after filling in its placeholders as a user would, and
 * checks that the rebuilt image no longer has the problems the suggestion fixed.
 *
 * <p>The base is a small root file system made here and loaded with {@code docker import}. It has
 * no shell, so both Dockerfiles use only instructions that run no command (the classic builder
 * needs a shell for RUN). Needs the dockerd named by {@code HULLSCOPE_DOCKER_HOST}; skipped without
 * it, and failed under {@code CI=true}.
 */
@Tag("docker")
class DockerfileSuggestionIT {

  static final String BASE = "hullscope-it/dockerfile-base:1";
  static final String ORIGINAL = "hullscope-it/dockerfile-original:1";
  static final String REBUILT = "hullscope-it/dockerfile-rebuilt:1";

  /** The build context files of the original image, by the destination the Dockerfile copies them to. */
  static final Map<String, String> SOURCES = Map.of("/etc/app/app.conf", "app.conf", "/app/", "app/");

  @TempDir
  static Path work;

  static String host;
  static DockerfileTestDaemon docker;
  static DockerDaemonSource source;
  static SampleFacts.Checked original;
  static DockerfileSuggestion.Result suggestion;
  static String filledIn;
  static SampleFacts.Checked rebuilt;

  @BeforeAll
  static void buildImages() throws IOException {
    host = DockerfileTestDaemon.hostOrNull();
    if (host == null) {
      return;
    }
    docker = new DockerfileTestDaemon(host);
    Path baseTar = work.resolve("base.tar");
    Files.write(baseTar, new TarBuilder()
        .dir("etc").dir("app").dir("tmp", 01777)
        .file("etc/passwd", "root:x:0:0:root:/root:/sbin/nologin\n")
        .file("etc/group", "root:x:0:\n")
        .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n")
        .build());
    docker.run("import", baseTar.toString(), BASE);

    Path context = work.resolve("original");
    writeSources(context);
    Files.writeString(context.resolve("Dockerfile"), String.join("\n",
        "FROM " + BASE,
        "ENV APP_ENV=production DB_PASSWORD=not-a-real-password-0123",
        "ADD app.conf /etc/app/app.conf",
        "COPY app/ /app/",
        "WORKDIR /app",
        "EXPOSE 22 8080",
        "LABEL description=\"Hullscope integration test\"",
        "CMD [\"/app/server\", \"--port\", \"8080\"]",
        ""));
    docker.run("build", "--network", "none", "--tag", ORIGINAL, context.toString());

    source = new DockerDaemonSource(host, Limits.DEFAULT);
    original = check(ORIGINAL);
    suggestion = DockerfileSuggestion.build(original.report(), original.facts());

    filledIn = fillIn(suggestion.dockerfile());
    docker.dockerfile(filledIn);
    Path rebuildContext = work.resolve("rebuilt");
    writeSources(rebuildContext);
    Files.writeString(rebuildContext.resolve("Dockerfile"), filledIn);
    docker.run("build", "--network", "none", "--tag", REBUILT, rebuildContext.toString());
    rebuilt = check(REBUILT);
  }

  @BeforeEach
  void requireDaemon() {
    Ci.requireService(host != null, DockerfileTestDaemon.SERVICE);
  }

  @AfterAll
  static void removeImages() throws IOException {
    if (source != null) {
      source.close();
    }
    if (host != null) {
      docker.remove(REBUILT, ORIGINAL, BASE);
    }
  }

  @Test
  void originalHasProblems() {
    assertThat(ids(original.report().findings())).contains("ROOT-USER");
    assertThat(suggestion.addressed()).contains("ROOT-USER", "SECRET-IN-ENV", "NO-HEALTHCHECK", "MISSING-OCI-LABELS",
        "ADD-INSTEAD-OF-COPY", "PORT-22-EXPOSED");
    assertThat(suggestion.placeholders()).contains("base-image", "health-check-command");
  }

  @Test
  void rebuiltPassesFixedChecks() {
    // How FROM was written is not recorded in the image, so a base pinned by digest cannot be seen there.
    List<String> fixed = suggestion.addressed().stream().filter(id -> !id.equals("BASE-NOT-PINNED")).toList();

    assertThat(ids(rebuilt.report().findings())).doesNotContainAnyElementsOf(fixed);
    assertThat(rebuilt.report().user().uid()).isEqualTo(10001L);
    assertThat(rebuilt.report().user().gid()).isEqualTo(10001L);
  }

  @Test
  void rebuiltConfigHasFixes() {
    ImageConfig config = rebuilt.facts().config();

    assertThat(config.user()).isEqualTo(DockerfileSuggestion.SUGGESTED_USER);
    assertThat(config.env()).contains("APP_ENV=production").noneMatch(e -> e.startsWith("DB_PASSWORD="));
    assertThat(config.healthcheck()).isNotNull();
    assertThat(config.healthcheck().test()).containsExactly("CMD", "/app/server");
    assertThat(config.labels()).containsKeys(DockerfileSuggestion.OCI_LABELS.toArray(String[]::new));
    assertThat(config.exposedPorts()).containsExactly("8080/tcp");
    assertThat(config.cmd()).containsExactly("/app/server", "--port", "8080");
    assertThat(config.history()).noneMatch(h -> h.createdBy() != null && h.createdBy().contains(" ADD "));
  }

  @Test
  void rebuiltKeepsFiles() {
    var tree = rebuilt.facts().analysis().squashed(rebuilt.facts().analysis().layers().size() - 1);

    assertThat(tree.find("etc/app/app.conf")).isPresent();
    assertThat(tree.find("app/server")).isPresent();
    assertThat(tree.find("app/static/index.html")).isPresent();
  }

  /** Replaces every placeholder the way a user of this image would, and fails on one it does not know. */
  private static String fillIn(String dockerfile) {
    String text = dockerfile.replace("@sha256:" + DockerfilePlaceholders.BASE_DIGEST, "")
        .replace(DockerfilePlaceholders.BASE_IMAGE, BASE)
        .replace(DockerfilePlaceholders.marker("health-check-command"), "/app/server")
        .replace(DockerfilePlaceholders.marker("source-repository-url"), "https://git.example.com/team/app")
        .replace(DockerfilePlaceholders.marker("image-version"), "1.0.0")
        .replace(DockerfilePlaceholders.marker("source-commit"), "0123456789abcdef0123456789abcdef01234567");
    Matcher copy = Pattern.compile("(?m)^(COPY|ADD) (<fill-in:source-of-step-\\d+>) (\\S+)$").matcher(text);
    List<String[]> replacements = new ArrayList<>();
    while (copy.find()) {
      String contextPath = SOURCES.get(copy.group(3));
      assertThat(contextPath).as("build context source for %s", copy.group()).isNotNull();
      replacements.add(new String[] {copy.group(2), contextPath});
    }
    for (String[] replacement : replacements) {
      text = text.replace(replacement[0], replacement[1]);
    }
    // Placeholders may stay in comments, never in an instruction.
    for (String line : text.split("\n")) {
      if (!line.startsWith("#")) {
        assertThat(line).as("instruction after filling in").doesNotContainPattern(DockerfilePlaceholders.MARKER);
      }
    }
    return text;
  }

  private static void writeSources(Path context) throws IOException {
    Files.createDirectories(context.resolve("app/static"));
    Files.writeString(context.resolve("app.conf"), "port = 8080\n");
    Files.writeString(context.resolve("app/server"), "stand-in for the application binary\n");
    Files.writeString(context.resolve("app/static/index.html"), "<p>hello</p>\n");
  }

  private static SampleFacts.Checked check(String reference) throws IOException {
    try (Image image = source.open(reference, null, ProgressListener.NONE)) {
      return SampleFacts.check(image, List.of(reference));
    }
  }

  private static List<String> ids(List<Finding> findings) {
    return findings.stream().map(Finding::id).toList();
  }
}
