package io.hullscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

  @TempDir Path folder;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = HullscopeCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void identityWithoutIssuerIsUsageError() {
    Result result = run("verify", "127.0.0.1:1/app:1", "--certificate-identity", "me@example.com");

    assertThat(result.code()).isEqualTo(VerifyCommand.EXIT_INPUT_ERROR);
    assertThat(result.err()).contains("--certificate-oidc-issuer");
  }

  @Test
  void archiveFileIsInputErrorWithoutNetwork() throws IOException {
    Path archive = Files.writeString(folder.resolve("image.tar"), "not read");

    Result result = run("verify", archive.toString());

    assertThat(result.code()).isEqualTo(VerifyCommand.EXIT_INPUT_ERROR);
    assertThat(result.err()).contains(archive + " is a file or folder; signatures live in the registry");
  }

  @Test
  void missingPathIsReportedAsNotFound() {
    Result result = run("verify", folder.resolve("typo.tar").toString());

    assertThat(result.code()).isEqualTo(VerifyCommand.EXIT_INPUT_ERROR);
    assertThat(result.err()).contains("typo.tar was not found, and it looks like a file path");
  }

  @Test
  void invalidKeyFileIsInputError() throws IOException {
    Path key = Files.writeString(folder.resolve("cosign.pub"), "not a key");

    Result result = run("verify", "127.0.0.1:1/app:1", "--key", key.toString());

    assertThat(result.code()).isEqualTo(VerifyCommand.EXIT_INPUT_ERROR);
    assertThat(result.err()).contains(key.toString());
  }

  @Test
  void missingTrustStoreIsInputError() {
    Result result = run("verify", "127.0.0.1:1/app:1", "--trust-store", folder.resolve("absent").toString());

    assertThat(result.code()).isEqualTo(VerifyCommand.EXIT_INPUT_ERROR);
  }

  @Test
  void invalidRegexIsInputError() {
    Result result = run("verify", "127.0.0.1:1/app:1", "--certificate-identity-regexp", "([a-z",
        "--certificate-oidc-issuer", "https://issuer.example");

    assertThat(result.code()).isEqualTo(VerifyCommand.EXIT_INPUT_ERROR);
    assertThat(result.err()).contains("regular expression");
  }

  @Test
  void unreachableRegistryIsInputError() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }

    Result result = run("verify", "docker://127.0.0.1:" + port + "/app:1", "--insecure-registry", "127.0.0.1:" + port);

    assertThat(result.code()).isEqualTo(VerifyCommand.EXIT_INPUT_ERROR);
    assertThat(result.err()).contains("cannot read the signatures");
  }

  @Test
  void unknownOptionIsUsageError() {
    assertThat(run("verify", "127.0.0.1:1/app:1", "--no-such-option").code()).isEqualTo(2);
  }

  @Test
  void defaultTrustFolderIsRead() throws IOException {
    Path data = folder.resolve("data");
    Path broken = Files.createDirectories(data.resolve("trust/keys")).resolve("broken.pem");
    Files.writeString(broken, "not a key");
    String previous = System.setProperty("hullscope.data", data.toString());
    try {
      Result result = run("verify", "127.0.0.1:1/app:1");

      assertThat(result.code()).isEqualTo(VerifyCommand.EXIT_INPUT_ERROR);
      assertThat(result.err()).contains(broken.toString());
    } finally {
      if (previous == null) {
        System.clearProperty("hullscope.data");
      } else {
        System.setProperty("hullscope.data", previous);
      }
    }
  }

  @Test
  void trustOptionReadsChosenFolder() throws IOException {
    Path trust = Files.createDirectories(folder.resolve("mytrust"));
    Files.writeString(trust.resolve("identities.yaml"), "- name: x\n  subject: a@example.com\n");

    Result result = run("verify", "127.0.0.1:1/app:1", "--trust", trust.toString());

    assertThat(result.code()).isEqualTo(VerifyCommand.EXIT_INPUT_ERROR);
    assertThat(result.err()).contains("identities.yaml, line 1").contains("issuer");
  }

  @Test
  void missingTrustFolderIsInputError() {
    Result result = run("verify", "127.0.0.1:1/app:1", "--trust", folder.resolve("absent").toString());

    assertThat(result.code()).isEqualTo(VerifyCommand.EXIT_INPUT_ERROR);
    assertThat(result.err()).contains("absent").contains("does not exist");
  }

  @Test
  void helpNamesDefaultTrustFolder() {
    Result result = run("verify", "--help");

    assertThat(result.out()).contains("<data folder>/trust").contains("--trust=DIR");
  }
}
