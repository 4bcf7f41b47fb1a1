package io.hullscope.ui.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerContextsTest {

  @TempDir Path config;

  private void context(String folder, String json) throws IOException {
    Path meta = Files.createDirectories(config.resolve("contexts/meta/" + folder));
    Files.writeString(meta.resolve("meta.json"), json);
  }

  @Test
  void listsEnvironmentThenContextsByName() throws IOException {
    context("b1", "{\"Name\":\"rootless\",\"Endpoints\":{\"docker\":{\"Host\":\"unix:///run/user/1000/docker.sock\"}}}");
    context("a2", "{\"Name\":\"lab\",\"Endpoints\":{\"docker\":{\"Host\":\"tcp://127.0.0.1:2376\"}}}");

    var choices = DockerContexts.list(config, Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"));

    assertThat(choices).containsExactly(
        new DockerContexts.Choice("DOCKER_HOST", "tcp://127.0.0.1:2375"),
        new DockerContexts.Choice("lab", "tcp://127.0.0.1:2376"),
        new DockerContexts.Choice("rootless", "unix:///run/user/1000/docker.sock"));
  }

  @Test
  void brokenContextsAreSkipped() throws IOException {
    context("good", "{\"Name\":\"lab\",\"Endpoints\":{\"docker\":{\"Host\":\"tcp://127.0.0.1:2376\"}}}");
    context("truncated", "{\"Name\":\"half\",\"Endpoints\":{");
    context("no-host", "{\"Name\":\"k8s\",\"Endpoints\":{\"kubernetes\":{\"Host\":\"https://127.0.0.1:6443\"}}}");
    context("wrong-type", "{\"Name\":7,\"Endpoints\":{\"docker\":{\"Host\":[\"a\"]}}}");
    context("array", "[]");

    assertThat(DockerContexts.list(config, Map.of()))
        .containsExactly(new DockerContexts.Choice("lab", "tcp://127.0.0.1:2376"));
  }

  @Test
  void missingFolderGivesNoContexts() {
    assertThat(DockerContexts.list(config.resolve("absent"), Map.of())).isEmpty();
  }
}
