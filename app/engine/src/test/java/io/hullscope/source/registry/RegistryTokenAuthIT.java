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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
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

  static LocalRegistry registry;
  static TokenServer tokenServer;
  static String host;
  static Path archive;

  @BeforeAll
  static void startRegistry() throws Exception {
    boolean tools = Ci.checkServiceForClass(LocalRegistry.toolsAvailable(),
        "docker-registry and skopeo (install the docker-registry and skopeo packages)");
    if (!tools) {
      return;
    }
    Path keystore = work.resolve("signer.p12");
    Path certificatePem = work.resolve("signer.pem");
    TestCertificates.keytool("-genkeypair", "-alias", "signer", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=token signer",
        "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
    TestCertificates.keytool("-exportcert", "-rfc", "-alias", "signer", "-keystore", keystore.toString(), "-storepass", "changeit",
        "-file", certificatePem.toString());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, "changeit".toCharArray());
    }
    tokenServer = new TokenServer((PrivateKey) keys.getKey("signer", "changeit".toCharArray()),
        (X509Certificate) keys.getCertificate("signer"), USER, PASSWORD);

    registry = LocalRegistry.start(work, List.of(
        "auth:",
        "  token:",
        "    realm: " + tokenServer.realm(),
        "    service: " + TokenServer.SERVICE,
        "    issuer: " + TokenServer.ISSUER,
        "    rootcertbundle: " + certificatePem), List.of());
    host = registry.host();

    archive = ImageArchiveBuilder.ociLayout(RegistrySourceTest.sampleImage("linux/amd64", "private"))
        .writeTar(work.resolve("private.tar"));
    registry.push(archive, REPOSITORY + ":1", "--dest-creds", USER + ":" + PASSWORD);
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
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
}
