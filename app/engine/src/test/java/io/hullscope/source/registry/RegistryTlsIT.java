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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs its own {@code docker-registry} over TLS with a certificate from a private test CA, and
 * checks that the client trusts it only once the CA file is set.
 */
@Tag("registry")
class RegistryTlsIT {

  private static final String REPOSITORY = "hullscope-it/tls";

  @TempDir static Path work;

  static LocalRegistry registry;
  static TestCertificates certificates;
  static Path archive;

  @BeforeAll
  static void startRegistry() throws Exception {
    boolean tools = Ci.checkServiceForClass(LocalRegistry.toolsAvailable(),
        "docker-registry and skopeo (install the docker-registry and skopeo packages)");
    if (!tools) {
      return;
    }
    certificates = TestCertificates.create(work);
    Path chain = Files.writeString(work.resolve("chain.pem"),
        Files.readString(certificates.serverPem()) + Files.readString(certificates.caPem()));
    Path key = certificates.writeServerKeyPem(work.resolve("server-key.pem"));
    registry = LocalRegistry.start(work, List.of(), List.of("tls:", "  certificate: " + chain, "  key: " + key));
    archive = ImageArchiveBuilder.ociLayout(RegistrySourceTest.sampleImage("linux/amd64", "tls")).writeTar(work.resolve("tls.tar"));
    registry.push(archive, REPOSITORY + ":1");
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void requireRegistry() {
    Ci.requireService(registry != null, "docker-registry and skopeo");
  }

  @Test
  void caFileOpensImageOverTls() throws IOException {
    RegistryOptions options = RegistryOptions.DEFAULT.withHost(registry.host(),
        RegistryHostSettings.DEFAULT.withCaFile(certificates.caPem()));
    RegistrySource source = new RegistrySource(registry.host(), List.of(REPOSITORY), options);

    try (ImageSource fromArchive = FileSources.open(archive);
        Image expected = fromArchive.open(fromArchive.listImages().get(0).key(), null, ProgressListener.NONE);
        Image actual = source.open(REPOSITORY + ":1", null, ProgressListener.NONE)) {
      assertThat(actual.digest()).isEqualTo(expected.digest());
      assertThat(RegistrySourceTest.treeListing(actual)).isEqualTo(RegistrySourceTest.treeListing(expected));
    }
  }

  @Test
  void privateCaIsRejectedWithoutCaFile() {
    RegistrySource source = new RegistrySource(registry.host(), List.of(REPOSITORY), RegistryOptions.DEFAULT);

    assertThatThrownBy(() -> source.open(REPOSITORY + ":1", null, ProgressListener.NONE))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("TLS connection to registry " + registry.host() + " failed")
        .hasMessageContaining("add that CA's certificate file");
  }

  @Test
  void insecureMarkMeansPlainHttp() {
    RegistryOptions options = RegistryOptions.DEFAULT.withHost(registry.host(), RegistryHostSettings.DEFAULT.withInsecure(true));
    RegistrySource source = new RegistrySource(registry.host(), List.of(REPOSITORY), options);

    // The insecure mark means plain HTTP, which a TLS-only registry rejects.
    assertThatThrownBy(() -> source.open(REPOSITORY + ":1", null, ProgressListener.NONE))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("HTTP 400");
  }
}
