package io.hullscope.source.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.Digest;
import io.hullscope.source.docker.DockerHostResolver.DockerEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerHostResolverTest {

  @TempDir
  Path home;

  private final Map<String, String> env = new HashMap<>();

  private DockerEndpoint resolve(String explicit) throws IOException {
    return new DockerHostResolver(env, home, "Linux", home.resolve("var/run/docker.sock")).resolve(explicit);
  }

  private void writeContext(Path configDir, String name, String host) throws IOException {
    String hash = Digest.sha256Of(name.getBytes(StandardCharsets.UTF_8)).hex();
    Path meta = configDir.resolve("contexts/meta").resolve(hash).resolve("meta.json");
    Files.createDirectories(meta.getParent());
    Files.writeString(meta, "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\""
        + host + "\",\"SkipTLSVerify\":false}}}");
  }

  private void writeCurrentContext(String name) throws IOException {
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"), "{\"auths\":{},\"currentContext\":\"" + name + "\"}");
  }

  @Test
  void explicitHostWinsOverEverything() throws IOException {
    env.put("DOCKER_HOST", "tcp://127.0.0.1:2375");
    writeCurrentContext("remote");

    DockerEndpoint endpoint = resolve("unix:///tmp/explicit.sock");

    assertThat(endpoint.host()).isEqualTo("unix:///tmp/explicit.sock");
    assertThat(endpoint.origin()).isEqualTo("explicit setting");
  }

  @Test
  void dockerHostWinsOverContext() throws IOException {
    env.put("DOCKER_HOST", "tcp://127.0.0.1:2375");
    writeCurrentContext("remote");
    writeContext(home.resolve(".docker"), "remote", "unix:///tmp/remote.sock");

    assertThat(resolve(null).host()).isEqualTo("tcp://127.0.0.1:2375");
  }

  @Test
  void currentContextFromConfigFile() throws IOException {
    writeCurrentContext("colima");
    writeContext(home.resolve(".docker"), "colima", "unix:///home/u/.colima/default/docker.sock");

    DockerEndpoint endpoint = resolve(" ");

    assertThat(endpoint.host()).isEqualTo("unix:///home/u/.colima/default/docker.sock");
    assertThat(endpoint.origin()).contains("colima");
  }

  @Test
  void dockerContextVariableWinsOverConfigFile() throws IOException {
    writeCurrentContext("colima");
    writeContext(home.resolve(".docker"), "colima", "unix:///colima.sock");
    writeContext(home.resolve(".docker"), "rootless", "unix:///run/user/1000/docker.sock");
    env.put("DOCKER_CONTEXT", "rootless");

    assertThat(resolve(null).host()).isEqualTo("unix:///run/user/1000/docker.sock");
  }

  @Test
  void dockerConfigVariableMovesConfigFolder() throws IOException {
    Path configDir = home.resolve("elsewhere");
    Files.createDirectories(configDir);
    Files.writeString(configDir.resolve("config.json"), "{\"currentContext\":\"ci\"}");
    writeContext(configDir, "ci", "tcp://127.0.0.1:12375");
    env.put("DOCKER_CONFIG", configDir.toString());

    assertThat(resolve(null).host()).isEqualTo("tcp://127.0.0.1:12375");
  }

  @Test
  void defaultContextMeansPlatformDefault() throws IOException {
    writeCurrentContext("default");

    assertThat(resolve(null).host()).isEqualTo("unix://" + home.resolve("var/run/docker.sock"));
  }

  @Test
  void missingContextIsReportedWithItsName() throws IOException {
    env.put("DOCKER_CONTEXT", "gone");

    assertThatThrownBy(() -> resolve(null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Docker context 'gone'")
        .hasMessageContaining("DOCKER_CONTEXT");
  }

  @Test
  void contextWithoutHostIsRejected() throws IOException {
    writeCurrentContext("broken");
    String hash = Digest.sha256Of("broken".getBytes(StandardCharsets.UTF_8)).hex();
    Path meta = home.resolve(".docker/contexts/meta").resolve(hash).resolve("meta.json");
    Files.createDirectories(meta.getParent());
    Files.writeString(meta, "{\"Name\":\"broken\",\"Endpoints\":{}}");

    assertThatThrownBy(() -> resolve(null)).hasMessageContaining("has no docker endpoint host");
  }

  @Test
  void noConfigGivesDockerSocket() throws IOException {
    DockerEndpoint endpoint = resolve(null);

    assertThat(endpoint.host()).isEqualTo("unix://" + home.resolve("var/run/docker.sock"));
    assertThat(endpoint.origin()).isEqualTo("platform default");
  }

  @Test
  void podmanSocketUsedWhenDockerSocketMissing() throws IOException {
    Path runtime = home.resolve("run/user/1000");
    Files.createDirectories(runtime.resolve("podman"));
    Files.createFile(runtime.resolve("podman/podman.sock"));
    env.put("XDG_RUNTIME_DIR", runtime.toString());

    assertThat(resolve(null).host()).isEqualTo("unix://" + runtime.resolve("podman/podman.sock"));
  }

  @Test
  void dockerSocketPreferredOverPodman() throws IOException {
    Path runtime = home.resolve("run/user/1000");
    Files.createDirectories(runtime.resolve("podman"));
    Files.createFile(runtime.resolve("podman/podman.sock"));
    Files.createDirectories(home.resolve("var/run"));
    Files.createFile(home.resolve("var/run/docker.sock"));
    env.put("XDG_RUNTIME_DIR", runtime.toString());

    assertThat(resolve(null).host()).isEqualTo("unix://" + home.resolve("var/run/docker.sock"));
  }

  @Test
  void windowsDefaultIsNamedPipe() throws IOException {
    DockerEndpoint endpoint = new DockerHostResolver(env, home, "Windows 11", home.resolve("none")).resolve(null);

    assertThat(endpoint.host()).isEqualTo("npipe:////./pipe/docker_engine");
  }

  @Test
  void tlsVerifyUsesCertPath() throws IOException {
    env.put("DOCKER_HOST", "tcp://127.0.0.1:2376");
    env.put("DOCKER_TLS_VERIFY", "1");
    env.put("DOCKER_CERT_PATH", "/etc/docker-certs");

    assertThat(resolve(null).tlsDirectory()).isEqualTo("/etc/docker-certs");
  }

  @Test
  void tlsVerifyDefaultsToConfigFolder() throws IOException {
    env.put("DOCKER_HOST", "tcp://127.0.0.1:2376");
    env.put("DOCKER_TLS_VERIFY", "1");

    assertThat(resolve(null).tlsDirectory()).isEqualTo(home.resolve(".docker").toString());
  }

  @Test
  void tlsIgnoredForUnixSocket() throws IOException {
    env.put("DOCKER_HOST", "unix:///run/docker.sock");
    env.put("DOCKER_TLS_VERIFY", "1");

    assertThat(resolve(null).tlsDirectory()).isNull();
  }

  @Test
  void plainTcpWithoutTlsVerify() throws IOException {
    env.put("DOCKER_HOST", "tcp://127.0.0.1:2375");

    assertThat(resolve(null).tlsDirectory()).isNull();
  }

  @Test
  void contextCertificatesEnableTls() throws IOException {
    writeCurrentContext("remote");
    writeContext(home.resolve(".docker"), "remote", "tcp://127.0.0.1:2376");
    String hash = Digest.sha256Of("remote".getBytes(StandardCharsets.UTF_8)).hex();
    Path tls = home.resolve(".docker/contexts/tls").resolve(hash).resolve("docker");
    Files.createDirectories(tls);

    assertThat(resolve(null).tlsDirectory()).isEqualTo(tls.toString());
  }
}
