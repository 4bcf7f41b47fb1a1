package io.hullscope.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {

  @TempDir Path temp;

  private Path bin;
  private Path config;

  @BeforeEach
  void setUp() throws IOException {
    bin = Files.createDirectories(temp.resolve("bin"));
    config = temp.resolve("config.json");
  }

  private DockerConfigCredentials store(Duration timeout) {
    return new DockerConfigCredentials(config, new CredentialHelpers(List.of(bin), timeout));
  }

  private DockerConfigCredentials store() {
    return store(Duration.ofSeconds(10));
  }

  /** Writes {@code docker-credential-<name>} as a shell script with the given body. */
  private void helper(String name, String body) throws IOException {
    Path script = bin.resolve("docker-credential-" + name);
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
  }

  private static String auth(String user, String password) {
    return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void authsEntryDecodesUserAndPassword() throws IOException {
    Files.writeString(config, "{\"auths\":{\"https://registry.example.com/v1/\":{\"auth\":\"" + auth("bob", "pa:ss") + "\"}}}");

    Optional<Credentials> found = store().lookup("registry.example.com");

    assertThat(found).contains(Credentials.basic("bob", "pa:ss"));
  }

  @Test
  void authsEntryWithIdentityTokenUsesTheToken() throws IOException {
    Files.writeString(config, "{\"auths\":{\"registry.example.com\":{\"auth\":\"" + auth("bob", "")
        + "\",\"identitytoken\":\"refresh-1\"}}}");

    assertThat(store().lookup("registry.example.com")).contains(Credentials.identityToken("bob", "refresh-1"));
  }

  @Test
  void dockerHubMatchesItsV1Key() throws IOException {
    Files.writeString(config, "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + auth("hub", "pw") + "\"}}}");

    assertThat(store().lookup("docker.io")).contains(Credentials.basic("hub", "pw"));
    assertThat(store().lookup("registry.example.com")).isEmpty();
  }

  @Test
  void missingConfigMeansNoCredentials() throws IOException {
    assertThat(store().lookup("registry.example.com")).isEmpty();
  }

  @Test
  void credHelperGetsRegistryOnStandardInput() throws IOException {
    Path input = temp.resolve("stdin.txt");
    helper("pass", "cat > '" + input + "'\necho '{\"ServerURL\":\"x\",\"Username\":\"carol\",\"Secret\":\"helper-secret\"}'");
    Files.writeString(config, "{\"credHelpers\":{\"127.0.0.1:5000\":\"pass\"},\"auths\":{\"127.0.0.1:5000\":{\"auth\":\""
        + auth("ignored", "ignored") + "\"}}}");

    Optional<Credentials> found = store().lookup("127.0.0.1:5000");

    assertThat(found).contains(Credentials.basic("carol", "helper-secret"));
    assertThat(Files.readString(input)).isEqualTo("127.0.0.1:5000");
  }

  @Test
  void credsStoreUsedWithoutMatchingHelper() throws IOException {
    helper("desktop", "read server\necho \"{\\\"Username\\\":\\\"<token>\\\",\\\"Secret\\\":\\\"id-token-for-$server\\\"}\"");
    Files.writeString(config, "{\"credsStore\":\"desktop\",\"credHelpers\":{\"other.example.com\":\"missing\"}}");

    Optional<Credentials> found = store().lookup("docker.io");

    assertThat(found).contains(Credentials.identityToken(null, "id-token-for-https://index.docker.io/v1/"));
  }

  @Test
  void helperWithoutEntryMeansNoCredentials() throws IOException {
    helper("empty", "echo 'credentials not found in native keychain'\nexit 1");
    Files.writeString(config, "{\"credsStore\":\"empty\"}");

    assertThat(store().lookup("registry.example.com")).isEmpty();
  }

  @Test
  void failingHelperNamesItselfAndItsError() throws IOException {
    helper("broken", "echo 'keychain is locked' >&2\nexit 3");
    Files.writeString(config, "{\"credsStore\":\"broken\"}");

    assertThatThrownBy(() -> store().lookup("registry.example.com"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("docker-credential-broken get failed with exit code 3")
        .hasMessageContaining("keychain is locked");
  }

  @Test
  void hangingHelperTimesOut() throws IOException {
    helper("slow", "exec sleep 30");
    Files.writeString(config, "{\"credsStore\":\"slow\"}");
    long start = System.nanoTime();

    assertThatThrownBy(() -> store(Duration.ofMillis(300)).lookup("registry.example.com"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("timed out after 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void missingHelperIsReported() throws IOException {
    Files.writeString(config, "{\"credsStore\":\"nothere\"}");

    assertThatThrownBy(() -> store().lookup("registry.example.com"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("docker-credential-nothere")
        .hasMessageContaining("not installed");
  }

  @Test
  void helperNameWithPathIsRejected() throws IOException {
    Files.writeString(config, "{\"credsStore\":\"../../bin/sh\"}");

    assertThatThrownBy(() -> store().lookup("registry.example.com"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("invalid credential helper name");
  }

  @Test
  void helperPrintingGarbageDoesNotLeakItsOutput() throws IOException {
    helper("garbage", "echo 'secret-in-garbage {'");
    Files.writeString(config, "{\"credsStore\":\"garbage\"}");

    assertThatThrownBy(() -> store().lookup("registry.example.com"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("printed invalid JSON")
        .hasMessageNotContaining("secret-in-garbage");
  }

  @Test
  void invalidConfigDoesNotQuoteItsContent() throws IOException {
    Files.writeString(config, "{\"auths\":{\"r\":{\"auth\":\"c2VjcmV0\" broken");

    assertThatThrownBy(() -> store().lookup("r"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is not valid JSON")
        .hasMessageNotContaining("c2VjcmV0");
  }

  @Test
  void invalidBase64AuthIsReported() throws IOException {
    Files.writeString(config, "{\"auths\":{\"r.example.com\":{\"auth\":\"***\"}}}");

    assertThatThrownBy(() -> store().lookup("r.example.com"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not valid base64");
  }

  @Test
  void credentialsToStringHidesSecrets() {
    assertThat(Credentials.basic("bob", "hunter2").toString()).contains("bob").doesNotContain("hunter2");
    assertThat(Credentials.identityToken("bob", "tok-1").toString()).doesNotContain("tok-1");
  }
}
