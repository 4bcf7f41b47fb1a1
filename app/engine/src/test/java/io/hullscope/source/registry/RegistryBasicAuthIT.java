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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Runs its own {@code docker-registry} on loopback with htpasswd (Basic) auth, the password file
 * made by Apache's {@code htpasswd -B}, pushes an image with skopeo using credentials, and opens
 * it with Basic auth. The registry process is stopped after the tests.
 */
@Tag("registry")
class RegistryBasicAuthIT {

  private static final String USER = "bob";
  private static final String PASSWORD = "basic-it-password";
  private static final String REPOSITORY = "hullscope-it/basic";

  @TempDir static Path work;

  static LocalRegistry registry;
  static String host;
  static Path archive;

  @BeforeAll
  static void startRegistry() throws Exception {
    boolean tools = Ci.checkServiceForClass(LocalRegistry.toolsAvailable() && htpasswdWorks(),
        "docker-registry, skopeo and htpasswd (install docker-registry, skopeo and apache2-utils)");
    if (!tools) {
      return;
    }
    Path passwords = work.resolve("htpasswd");
    Process htpasswd = new ProcessBuilder("htpasswd", "-B", "-i", "-n", USER).redirectErrorStream(false).start();
    // The password goes through standard input, so it never shows in a process list.
    htpasswd.getOutputStream().write(PASSWORD.getBytes(StandardCharsets.UTF_8));
    htpasswd.getOutputStream().close();
    byte[] line = htpasswd.getInputStream().readAllBytes();
    assertThat(htpasswd.waitFor(1, TimeUnit.MINUTES) && htpasswd.exitValue() == 0).as("htpasswd").isTrue();
    Files.write(passwords, line);

    registry = LocalRegistry.start(work, List.of(
        "auth:",
        "  htpasswd:",
        "    realm: hullscope-basic",
        "    path: " + passwords), List.of());
    host = registry.host();
    archive = ImageArchiveBuilder.ociLayout(RegistrySourceTest.sampleImage("linux/amd64", "basic"))
        .writeTar(work.resolve("basic.tar"));
    registry.push(archive, REPOSITORY + ":1", "--dest-creds", USER + ":" + PASSWORD);
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void requireRegistry() {
    Ci.requireService(host != null, "docker-registry, skopeo and htpasswd");
  }

  private static RegistryOptions options(Credentials credentials) {
    RegistryOptions options = RegistryOptions.DEFAULT.withHost(host, RegistryHostSettings.DEFAULT.withInsecure(true));
    return credentials == null ? options : options.withCredentialStore(CredentialStore.of(Map.of(host, credentials)));
  }

  @Test
  void basicCredentialsOpenTheImage() throws IOException {
    RegistrySource source = new RegistrySource(host, List.of(REPOSITORY), options(Credentials.basic(USER, PASSWORD)));

    try (ImageSource fromArchive = FileSources.open(archive);
        Image expected = fromArchive.open(fromArchive.listImages().get(0).key(), null, ProgressListener.NONE);
        Image actual = source.open(REPOSITORY + ":1", null, ProgressListener.NONE)) {
      assertThat(actual.digest()).isEqualTo(expected.digest());
      assertThat(RegistrySourceTest.treeListing(actual)).isEqualTo(RegistrySourceTest.treeListing(expected));
    }
  }

  @Test
  void wrongPasswordIsRejected() {
    RegistrySource source = new RegistrySource(host, List.of(REPOSITORY), options(Credentials.basic(USER, "wrong")));

    assertThatThrownBy(() -> source.open(REPOSITORY + ":1", null, ProgressListener.NONE))
        .isInstanceOf(RegistryAuthException.class)
        .hasMessageContaining(USER)
        .hasMessageNotContaining("wrong");
  }

  @Test
  void anonymousAccessIsRejected() {
    RegistrySource source = new RegistrySource(host, List.of(REPOSITORY), options(null));

    assertThatThrownBy(() -> source.open(REPOSITORY + ":1", null, ProgressListener.NONE))
        .isInstanceOf(RegistryAuthException.class)
        .hasMessageContaining("requires a user name and password");
  }

  private static boolean htpasswdWorks() {
    try {
      Process process = new ProcessBuilder("htpasswd", "-nbB", "probe", "probe").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
