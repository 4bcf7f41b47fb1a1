package io.hullscope.source.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.ImageReadException;
import io.hullscope.image.Limits;
import io.hullscope.source.docker.FakeDockerDaemon.Reply;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DockerDaemonSource#repoDigests} against the inspect responses of a fake daemon. */
class DockerRepoDigestsTest {

  @TempDir Path dir;

  private FakeDockerDaemon daemon;
  private DockerDaemonSource source;

  @BeforeEach
  void startDaemon() throws IOException {
    daemon = new FakeDockerDaemon(dir.resolve("docker.sock"));
    daemon.on("/version", Reply.json("{\"Version\":\"27.3.1\",\"ApiVersion\":\"1.47\",\"MinAPIVersion\":\"1.24\"}"));
    source = new DockerDaemonSource(daemon.host(), Limits.DEFAULT);
  }

  @AfterEach
  void stopDaemon() throws IOException {
    source.close();
    daemon.close();
  }

  @Test
  void pulledImageHasRepoDigests() throws IOException {
    daemon.on("/v1.44/images/nginx:1.27/json", Reply.json("{\"Id\":\"sha256:aa\",\"RepoDigests\":"
        + "[\"nginx@sha256:0123\", \"\", 7, \"registry.example.com/web/nginx@sha256:4567\"]}"));

    assertThat(source.repoDigests("nginx:1.27"))
        .containsExactly("nginx@sha256:0123", "registry.example.com/web/nginx@sha256:4567");
  }

  @Test
  void builtImageHasNone() throws IOException {
    daemon.on("/v1.44/images/app:dev/json", Reply.json("{\"Id\":\"sha256:bb\",\"RepoDigests\":[]}"));

    assertThat(source.repoDigests("app:dev")).isEmpty();
  }

  @Test
  void missingFieldMeansNone() throws IOException {
    daemon.on("/v1.44/images/app:old/json", Reply.json("{\"Id\":\"sha256:cc\"}"));

    assertThat(source.repoDigests("app:old")).isEmpty();
  }

  @Test
  void removedImageIsReported() {
    daemon.on("/v1.44/images/gone:1/json", Reply.error(404, "No such image: gone:1"));

    assertThatThrownBy(() -> source.repoDigests("gone:1")).isInstanceOf(ImageReadException.class)
        .hasMessageContaining("not found in the Docker daemon");
  }
}
