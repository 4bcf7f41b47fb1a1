package io.hullscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.Finding;
import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.docker.DockerDaemonSource;
import io.hullscope.testing.Ci;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the suggested Dockerfile of an image whose base has a shell, so the suggestion's own RUN
 * steps really run: the original RUN step again, and the line that adds the account of the
 * non-root user.
 *
 * <p>The base is the Debian minbase root file system that {@code .ci/debian-fixture} makes and
 * {@code .ci/run} exports as {@code HULLSCOPE_DEBIAN_FIXTURE}, imported with {@code docker import}.
 * Skipped without that folder or dockerd, and failed under {@code CI=true}.
 */
@Tag("docker")
class DockerfileSuggestionShellIT {

  static final String FIXTURE_VARIABLE = "HULLSCOPE_DEBIAN_FIXTURE";
  static final String FIXTURE_SERVICE =
      "Debian fixture folder (run .ci/debian-fixture DIR and set " + FIXTURE_VARIABLE + "=DIR)";

  static final String BASE = "hullscope-it/dockerfile-debian-base:1";
  static final String ORIGINAL = "hullscope-it/dockerfile-debian-original:1";
  static final String REBUILT = "hullscope-it/dockerfile-debian-rebuilt:1";

  @TempDir
  static Path work;

  static String host;
  static boolean ready;
  static DockerfileTestDaemon docker;
  static DockerDaemonSource source;
  static SampleFacts.Checked original;
  static DockerfileSuggestion.Result suggestion;
  static SampleFacts.Checked rebuilt;

  @BeforeAll
  static void buildImages() throws IOException {
    host = DockerfileTestDaemon.hostOrNull();
    Path fixture = fixtureOrNull();
    if (host == null || fixture == null) {
      return;
    }
    docker = new DockerfileTestDaemon(host);
    docker.run("import", fixture.resolve("rootfs.tar").toString(), BASE);

    Path context = work.resolve("original");
    Files.createDirectories(context);
    Files.writeString(context.resolve("Dockerfile"), String.join("\n",
        "FROM " + BASE,
        "RUN mkdir -p /app && echo 'port = 8080' > /app/app.conf && ln -s /bin/true /app/health",
        "ENV APP_ENV=production API_TOKEN=not-a-real-token-0123456789",
        "WORKDIR /app",
        "CMD [\"/bin/sleep\", \"3600\"]",
        ""));
    docker.run("build", "--network", "none", "--tag", ORIGINAL, context.toString());

    source = new DockerDaemonSource(host, Limits.DEFAULT);
    original = check(ORIGINAL);
    suggestion = DockerfileSuggestion.build(original.report(), original.facts());

    String filledIn = suggestion.dockerfile().replace("@sha256:" + DockerfilePlaceholders.BASE_DIGEST, "")
        .replace(DockerfilePlaceholders.BASE_IMAGE, BASE)
        .replace(DockerfilePlaceholders.marker("health-check-command"), "/app/health")
        .replace(DockerfilePlaceholders.marker("source-repository-url"), "https://git.example.com/team/app")
        .replace(DockerfilePlaceholders.marker("image-version"), "1.0.0")
        .replace(DockerfilePlaceholders.marker("source-commit"), "0123456789abcdef0123456789abcdef01234567");
    docker.dockerfile(filledIn);
    for (String line : filledIn.split("\n")) {
      if (!line.startsWith("#")) {
        assertThat(line).as("instruction after filling in").doesNotContainPattern(DockerfilePlaceholders.MARKER);
      }
    }
    Path rebuildContext = work.resolve("rebuilt");
    Files.createDirectories(rebuildContext);
    Files.writeString(rebuildContext.resolve("Dockerfile"), filledIn);
    docker.run("build", "--network", "none", "--tag", REBUILT, rebuildContext.toString());
    rebuilt = check(REBUILT);
    ready = true;
  }

  @BeforeEach
  void requireServices() {
    Ci.requireService(host != null, DockerfileTestDaemon.SERVICE);
    Ci.requireService(ready, FIXTURE_SERVICE);
  }

  @AfterAll
  static void removeImages() throws IOException {
    if (source != null) {
      source.close();
    }
    if (docker != null) {
      docker.remove(REBUILT, ORIGINAL, BASE);
    }
  }

  @Test
  void suggestionAddsAccountLine() {
    assertThat(ids(original.report().findings())).contains("ROOT-USER");
    assertThat(DockerfileReconstructionTest.instructions(suggestion.dockerfile())).containsSubsequence(
        "RUN mkdir -p /app && echo 'port = 8080' > /app/app.conf && ln -s /bin/true /app/health",
        "RUN echo 'app:x:10001:10001:app:/nonexistent:/usr/sbin/nologin' >> /etc/passwd"
            + " && echo 'app:x:10001:' >> /etc/group",
        "USER 10001:10001",
        "CMD [\"/bin/sleep\", \"3600\"]");
  }

  @Test
  void rebuiltRunsAsAccount() {
    assertThat(rebuilt.report().user().uid()).isEqualTo(10001L);
    assertThat(rebuilt.report().user().gid()).isEqualTo(10001L);
    assertThat(rebuilt.report().user().explanation()).contains("/etc/passwd entry 'app'")
        .contains("/etc/group entry 'app'");
  }

  @Test
  void rebuiltPassesFixedChecks() {
    // How FROM was written is not recorded in the image, so a base pinned by digest cannot be seen there.
    List<String> fixed = suggestion.addressed().stream().filter(id -> !id.equals("BASE-NOT-PINNED")).toList();

    assertThat(suggestion.addressed()).contains("ROOT-USER", "SECRET-IN-ENV", "NO-HEALTHCHECK");
    assertThat(ids(rebuilt.report().findings())).doesNotContainAnyElementsOf(fixed);
    assertThat(rebuilt.facts().config().env()).contains("APP_ENV=production")
        .noneMatch(e -> e.startsWith("API_TOKEN="));
    assertThat(rebuilt.facts().config().healthcheck().test()).containsExactly("CMD", "/app/health");
  }

  @Test
  void rebuiltKeepsRunOutput() {
    var tree = rebuilt.facts().analysis().squashed(rebuilt.facts().analysis().layers().size() - 1);

    assertThat(tree.find("app/app.conf")).isPresent();
    assertThat(tree.find("app/health")).isPresent();
  }

  private static Path fixtureOrNull() {
    String folder = System.getenv(FIXTURE_VARIABLE);
    boolean usable = folder != null && !folder.isBlank() && Files.isRegularFile(Path.of(folder, "rootfs.tar"));
    return Ci.checkServiceForClass(usable, FIXTURE_SERVICE) ? Path.of(folder) : null;
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
