package io.hullscope.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.Digest;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the fake registry over HTTPS with a certificate from a private test CA, valid for 127.0.0.1 only. */
class RegistryTlsTest {

  @TempDir static Path temp;

  static FakeRegistry registry;
  static Path caPem;
  static Digest digest;

  @BeforeAll
  static void start() throws Exception {
    TestCertificates certificates = TestCertificates.create(temp);
    caPem = certificates.caPem();
    registry = new FakeRegistry(certificates.serverContext());
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
        .hasMessageContaining("add that CA's certificate file")
        .hasMessageContaining("mark it insecure");
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
}
