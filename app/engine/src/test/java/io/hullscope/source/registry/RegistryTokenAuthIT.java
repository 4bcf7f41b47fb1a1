package io.hullscope.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.Image;
import io.hullscope.image.ProgressListener;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.testing.Ci;
import io.hullscope.testing.ImageArchiveBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs its own {@code docker-registry} on loopback with token auth, backed by {@link TokenServer},
 * pushes an image with skopeo using credentials, and opens it through the client's bearer token
 * flow. The registry process is stopped after the tests.
 */
@Tag("registry")
class RegistryTokenAuthIT {

  private static final String USER = "alice";
  private static final String PASSWORD = "token-it-password";
  private static final String REPOSITORY = "hullscope-it/private";

  @TempDir static Path work;

  static Process registryProcess;
  static TokenServer tokenServer;
  static String host;
  static Path archive;

  @BeforeAll
  static void startRegistry() throws Exception {
    boolean tools = Ci.checkServiceForClass(exists("docker-registry") && exists("skopeo"),
        "docker-registry and skopeo (install the docker-registry and skopeo packages)");
    if (!tools) {
      return;
    }
    Path keystore = work.resolve("signer.p12");
    Path certificatePem = work.resolve("signer.pem");
    RegistryTlsTest.keytool("-genkeypair", "-alias", "signer", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=token signer",
        "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
    RegistryTlsTest.keytool("-exportcert", "-rfc", "-alias", "signer", "-keystore", keystore.toString(), "-storepass", "changeit",
        "-file", certificatePem.toString());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, "changeit".toCharArray());
    }
    tokenServer = new TokenServer((PrivateKey) keys.getKey("signer", "changeit".toCharArray()),
        (X509Certificate) keys.getCertificate("signer"), USER, PASSWORD);

    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    host = "127.0.0.1:" + port;
    Path config = Files.writeString(work.resolve("config.yml"), String.join("\n",
        "version: 0.1",
        "log:",
        "  level: warn",
        "storage:",
        "  filesystem:",
        "    rootdirectory: " + Files.createDirectories(work.resolve("data")),
        "http:",
        "  addr: " + host,
        "auth:",
        "  token:",
        "    realm: " + tokenServer.realm(),
        "    service: " + TokenServer.SERVICE,
        "    issuer: " + TokenServer.ISSUER,
        "    rootcertbundle: " + certificatePem,
        ""));
    registryProcess = new ProcessBuilder("docker-registry", "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("registry.log").toFile()).start();
    waitForChallenge();

    archive = ImageArchiveBuilder.ociLayout(RegistrySourceTest.sampleImage("linux/amd64", "private"))
        .writeTar(work.resolve("private.tar"));
    run(List.of("skopeo", "copy", "--quiet", "--dest-tls-verify=false", "--dest-creds", USER + ":" + PASSWORD,
        "oci-archive:" + archive, "docker://" + host + "/" + REPOSITORY + ":1"));
  }

  @AfterAll
  static void stopRegistry() throws InterruptedException {
    if (registryProcess != null) {
      registryProcess.destroy();
      if (!registryProcess.waitFor(30, TimeUnit.SECONDS)) {
        registryProcess.destroyForcibly();
      }
    }
    if (tokenServer != null) {
      tokenServer.close();
    }
  }

  @BeforeEach
  void requireRegistry() {
    Ci.requireService(host != null, "docker-registry and skopeo");
  }

  private static RegistryOptions options(Credentials credentials) {
    RegistryOptions options = RegistryOptions.DEFAULT
        .withHost(host, RegistryHostSettings.DEFAULT.withInsecure(true))
        .withHost(tokenServer.host(), RegistryHostSettings.DEFAULT.withInsecure(true));
    return credentials == null ? options : options.withCredentialStore(CredentialStore.of(Map.of(host, credentials)));
  }

  @Test
  void credentialsOpenPrivateImage() throws IOException {
    RegistrySource source = new RegistrySource(host, List.of(REPOSITORY), options(Credentials.basic(USER, PASSWORD)));

    try (ImageSource fromArchive = FileSources.open(archive);
        Image expected = fromArchive.open(fromArchive.listImages().get(0).key(), null, ProgressListener.NONE);
        Image actual = source.open(REPOSITORY + ":1", null, ProgressListener.NONE)) {
      assertThat(actual.digest()).isEqualTo(expected.digest());
      assertThat(RegistrySourceTest.treeListing(actual)).isEqualTo(RegistrySourceTest.treeListing(expected));
    }
    assertThat(source.listImages()).hasSize(1);
  }

  @Test
  void catalogNeedsItsOwnScope() throws IOException {
    RegistryClient client = RegistryClient.create(host, options(Credentials.basic(USER, PASSWORD)));

    assertThat(client.listRepositories()).contains(REPOSITORY);
  }

  @Test
  void wrongPasswordIsRejected() {
    RegistrySource source = new RegistrySource(host, List.of(REPOSITORY), options(Credentials.basic(USER, "wrong")));

    assertThatThrownBy(() -> source.open(REPOSITORY + ":1", null, ProgressListener.NONE))
        .isInstanceOf(RegistryAuthException.class)
        .hasMessageContaining("rejected the credentials of user " + USER);
  }

  @Test
  void anonymousAccessIsRejected() {
    RegistrySource source = new RegistrySource(host, List.of(REPOSITORY), options(null));

    assertThatThrownBy(() -> source.open(REPOSITORY + ":1", null, ProgressListener.NONE))
        .isInstanceOf(RegistryAuthException.class)
        .hasMessageContaining("it requires credentials");
  }

  /** Waits until the registry answers {@code GET /v2/} with its 401 challenge. */
  private static void waitForChallenge() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (!registryProcess.isAlive()) {
        throw new AssertionError("docker-registry exited during start-up: " + Files.readString(work.resolve("registry.log")));
      }
      try {
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create("http://" + host + "/v2/")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 401) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(200);
    }
    throw new AssertionError("docker-registry did not start within 30 s: " + Files.readString(work.resolve("registry.log")));
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new AssertionError("command failed: " + command.get(0) + " " + command.get(1) + "\n" + new String(output));
    }
  }

  private static boolean exists(String tool) {
    try {
      Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      process.getOutputStream().close();
      process.getInputStream().transferTo(OutputStream.nullOutputStream());
      return process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
