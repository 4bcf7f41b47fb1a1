package io.hullscope.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.Digest;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the fake registry over HTTPS with a certificate from a private test CA made by the JDK's
 * keytool, valid for the IP address 127.0.0.1 only.
 */
class RegistryTlsTest {

  private static final String PASSWORD = "changeit";

  @TempDir static Path temp;

  static FakeRegistry registry;
  static Path caPem;
  static Digest digest;

  @BeforeAll
  static void start() throws Exception {
    Path ca = temp.resolve("ca.p12");
    Path server = temp.resolve("server.p12");
    caPem = temp.resolve("ca.pem");
    Path request = temp.resolve("server.csr");
    Path serverPem = temp.resolve("server.pem");
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Hullscope Test CA",
        "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASSWORD, "-file", caPem.toString());
    keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-validity", "2", "-keystore", server.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-storepass", PASSWORD, "-file", request.toString());
    keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", PASSWORD, "-infile", request.toString(),
        "-outfile", serverPem.toString(), "-rfc", "-ext", "san=ip:127.0.0.1", "-validity", "2");
    keytool("-importcert", "-alias", "ca", "-file", caPem.toString(), "-keystore", server.toString(), "-storepass", PASSWORD, "-noprompt");
    keytool("-importcert", "-alias", "server", "-file", serverPem.toString(), "-keystore", server.toString(), "-storepass", PASSWORD);

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(server)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    registry = new FakeRegistry(context);
    digest = registry.push("team/app", "1.0", ImageArchiveBuilder.image().layer(new TarBuilder().file("a", "b").build()));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void privateCaIsRejectedByDefault() {
    assertThatThrownBy(() -> RegistryClient.create(registry.host(), registry.options()).fetchManifest("team/app", "1.0"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("TLS connection to registry " + registry.host() + " failed")
        .hasMessageContaining("add its CA file");
  }

  @Test
  void caFileMakesPrivateCaTrusted() throws IOException {
    RegistryOptions options = registry.options().withHost(registry.host(), RegistryHostSettings.DEFAULT.withCaFile(caPem));

    assertThat(RegistryClient.create(registry.host(), options).fetchManifest("team/app", "1.0").digest()).isEqualTo(digest);
  }

  @Test
  void bearerFlowWorksOverHttps() throws IOException {
    RegistryOptions options = registry.options().withHost(registry.host(), RegistryHostSettings.DEFAULT.withCaFile(caPem));
    registry.auth = FakeRegistry.Auth.BEARER;
    try {
      assertThat(RegistryClient.create(registry.host(), options).fetchManifest("team/app", "1.0").digest()).isEqualTo(digest);
    } finally {
      registry.auth = FakeRegistry.Auth.NONE;
    }
  }

  @Test
  void hostNameStaysVerifiedWithCaFile() {
    // The certificate names the IP address 127.0.0.1 only, not the host name localhost.
    String otherName = "localhost:" + registry.host().substring(registry.host().indexOf(':') + 1);
    RegistryOptions options = registry.options().withHost(otherName, RegistryHostSettings.DEFAULT.withCaFile(caPem));

    assertThatThrownBy(() -> RegistryClient.create(otherName, options).fetchManifest("team/app", "1.0"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("TLS connection to registry " + otherName + " failed")
        .hasMessageContaining("localhost");
  }

  @Test
  void caFileWithoutCertificateIsReported() throws IOException {
    Path empty = Files.writeString(temp.resolve("empty.pem"), "no certificate here\n", StandardCharsets.UTF_8);
    RegistryOptions options = registry.options().withHost(registry.host(), RegistryHostSettings.DEFAULT.withCaFile(empty));

    assertThatThrownBy(() -> RegistryClient.create(registry.host(), options))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining(empty.toString());
  }

  @Test
  void missingCaFileIsReported() {
    Path missing = temp.resolve("missing.pem");
    RegistryOptions options = registry.options().withHost(registry.host(), RegistryHostSettings.DEFAULT.withCaFile(missing));

    assertThatThrownBy(() -> RegistryClient.create(registry.host(), options))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("cannot read the CA file " + missing);
  }

  static void keytool(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new AssertionError("keytool failed: " + command + "\n" + new String(output, StandardCharsets.UTF_8));
    }
  }
}
