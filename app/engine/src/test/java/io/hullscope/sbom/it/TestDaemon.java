package io.hullscope.sbom.it;

import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.sbom.Catalogers;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.SbomCollector;
import io.hullscope.source.docker.DockerDaemonSource;
import io.hullscope.testing.Ci;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The test dockerd named by {@code HULLSCOPE_DOCKER_HOST} (.ci/run starts one on a private
 * socket): builds and imports the test images with the {@code docker} CLI, and catalogs them
 * through {@link DockerDaemonSource} as the application does.
 */
final class TestDaemon {

  static final String HOST_VARIABLE = "HULLSCOPE_DOCKER_HOST";
  static final String SERVICE = "dockerd (set " + HOST_VARIABLE + ", as .ci/run does)";

  private TestDaemon() {}

  /**
   * Returns the daemon's host when it responds to a ping, or null when it does not. Fails under
   * CI instead of returning null. Call from {@code @BeforeAll}, then {@link #require} from {@code @BeforeEach}.
   */
  static String hostOrNull() {
    String host = System.getenv(HOST_VARIABLE);
    boolean usable = false;
    if (host != null && !host.isBlank()) {
      try (DockerDaemonSource source = new DockerDaemonSource(host, Limits.DEFAULT)) {
        usable = source.ping();
      } catch (IOException e) {
        usable = false;
      }
    }
    return Ci.checkServiceForClass(usable, SERVICE) ? host : null;
  }

  /** Skips the test (or fails it under CI) when {@link #hostOrNull} found no daemon. */
  static void require(String host) {
    Ci.requireService(host != null, SERVICE);
  }

  /** Builds {@code context} with the classic builder and no network, tagged {@code tag}. */
  static void build(String host, Path context, String tag) throws IOException {
    HostCommands.docker(host, "build", "--network", "none", "--tag", tag, context.toString());
  }

  /** Makes a one-layer image of a root file system tar with {@code docker import}. */
  static void importRootfs(String host, Path tar, String tag) throws IOException {
    HostCommands.docker(host, "import", tar.toString(), tag);
  }

  /**
   * Copies one file of an image's final file system to {@code destination} with {@code docker
   * cp}, through a container that is created but never started.
   */
  static void copyFromImage(String host, String image, String path, Path destination) throws IOException {
    // docker create needs a command, and an imported image has none. The container never starts.
    String container = HostCommands.docker(host, "create", image, "/bin/true").strip();
    try {
      HostCommands.docker(host, "cp", container + ":" + path, destination.toString());
    } finally {
      HostCommands.docker(host, "rm", "--force", container);
    }
  }

  /** Removes images; images that are already gone are ignored. */
  static void remove(String host, String... references) throws IOException {
    List<String> args = new ArrayList<>(List.of("rmi", "--force"));
    args.addAll(List.of(references));
    try {
      HostCommands.docker(host, args.toArray(String[]::new));
    } catch (AssertionError alreadyGone) {
      // Cleanup is best effort: a failed build leaves nothing to remove.
    }
  }

  /**
   * Opens an image of the daemon, indexes it with the default catalogers, and returns its SBOM.
   */
  static ImageSbom catalog(DockerDaemonSource source, String reference, LayerIndexCache indexCache,
      CatalogCache catalogCache) throws IOException {
    try (Image image = source.open(reference, null, ProgressListener.NONE)) {
      SbomCollector collector = new SbomCollector(Catalogers.defaults(), catalogCache);
      ImageAnalysis analysis =
          new ImageIndexer(indexCache, Limits.DEFAULT, List.of(collector)).analyze(image, ProgressListener.NONE);
      return collector.build(analysis, "Hullscope integration test");
    }
  }
}
