package io.hullscope.source.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour without a daemon: the messages a user sees when Docker is not there. */
class DockerDaemonSourceTest {

  @TempDir
  Path dir;

  @Test
  void statusNamesMissingSocket() throws IOException {
    String host = "unix://" + dir.resolve("missing.sock");
    try (DockerDaemonSource source = new DockerDaemonSource(host, Limits.DEFAULT)) {
      DaemonStatus status = source.status();

      assertThat(status.reachable()).isFalse();
      assertThat(status.host()).isEqualTo(host);
      assertThat(status.serverVersion()).isNull();
      assertThat(status.apiVersion()).isNull();
      assertThat(status.message())
          .isEqualTo("No Docker daemon at " + host + ": socket not found. Start Docker or set DOCKER_HOST.");
    }
  }

  @Test
  void statusReportsRefusedConnection() throws IOException {
    Path socket = dir.resolve("stale.sock");
    // A socket file whose server has gone: connecting to it is refused.
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
    }
    String host = "unix://" + socket;
    try (DockerDaemonSource source = new DockerDaemonSource(host, Limits.DEFAULT)) {
      assertThat(source.status().message())
          .isEqualTo("No Docker daemon at " + host + ": connection refused. Start Docker or set DOCKER_HOST.");
      assertThat(source.ping()).isFalse();
    }
  }

  @Test
  void openWithoutDaemonThrowsShortMessage() throws IOException {
    String host = "unix://" + dir.resolve("missing.sock");
    try (DockerDaemonSource source = new DockerDaemonSource(host, Limits.DEFAULT)) {
      assertThatThrownBy(() -> source.open("alpine:3", null, ProgressListener.NONE))
          .isInstanceOf(DaemonUnreachableException.class)
          .hasMessageStartingWith("No Docker daemon at " + host);
    }
  }

  @Test
  void invalidHostSchemeIsExplained() throws IOException {
    try (DockerDaemonSource source = new DockerDaemonSource("ftp://example.invalid", Limits.DEFAULT)) {
      assertThatThrownBy(source::listImages)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("Invalid Docker host 'ftp://example.invalid'");
    }
  }

  @Test
  void encodePathPartKeepsReferenceCharacters() {
    assertThat(DaemonClient.encodePathPart("127.0.0.1:5000/team/app:1.0@sha256:ab"))
        .isEqualTo("127.0.0.1:5000/team/app:1.0@sha256:ab");
    assertThat(DaemonClient.encodePathPart("a b?c#d")).isEqualTo("a%20b%3Fc%23d");
  }
}
