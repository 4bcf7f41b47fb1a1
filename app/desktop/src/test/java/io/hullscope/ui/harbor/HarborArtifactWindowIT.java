package io.hullscope.ui.harbor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import io.hullscope.image.Limits;
import io.hullscope.index.FileContentReader;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.source.harbor.HarborStub;
import io.hullscope.source.registry.LocalRegistry;
import io.hullscope.source.registry.RegistryHostSettings;
import io.hullscope.source.registry.RegistryOptions;
import io.hullscope.source.registry.RegistrySource;
import io.hullscope.testing.Ci;
import io.hullscope.testing.Tools;
import io.hullscope.ui.AppSettings;
import io.hullscope.ui.ImageAnalyzer;
import io.hullscope.ui.MainWindow;
import io.hullscope.ui.RecentFiles;
import io.hullscope.ui.task.FxTaskExecutor;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Opens a Harbor artifact in the real window the way a user does. The artifact list comes from
 * the Harbor stub, and the manifest and blobs come from a {@code docker-registry} behind the
 * stub's {@code /v2/}, where the good sample was pushed as {@code team/app/api:1.0}. Without
 * {@code docker-registry} and {@code skopeo} the test is skipped, except under {@code CI=true}.
 */
@Tag("registry")
@ExtendWith(ApplicationExtension.class)
class HarborArtifactWindowIT {

  private static final String REGISTRY_TOOLS = "docker-registry and skopeo (install both packages)";

  private static LocalRegistry registry;
  private static Path registryFolder;
  private static Digest pushedDigest;

  @TempDir Path folder;

  private final Preferences preferences =
      Preferences.userRoot().node("io/hullscope/test/harbor-artifact-" + System.nanoTime());
  private HarborStub stub;
  private FxTaskExecutor executor;
  private MainWindow window;

  @BeforeAll
  static void startRegistry() throws Exception {
    if (!Ci.checkServiceForClass(LocalRegistry.toolsAvailable(), REGISTRY_TOOLS)) {
      return;
    }
    registryFolder = Files.createTempDirectory("hullscope-harbor-registry");
    registry = LocalRegistry.start(registryFolder, List.of(), List.of());
    Path sample = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize()
        .resolve("samples/images/hygiene-good.tar");
    assertThat(Tools.runs("skopeo", "copy", "--quiet", "--dest-tls-verify=false", "docker-archive:" + sample,
        "docker://" + registry.host() + "/" + HarborScenario.REPOSITORY + ":1.0")).as("skopeo copy").isTrue();
    try (RegistrySource direct = new RegistrySource(registry.host(), List.of(HarborScenario.REPOSITORY),
        RegistryOptions.DEFAULT.withHost(registry.host(), RegistryHostSettings.DEFAULT.withInsecure(true)))) {
      pushedDigest = direct.client(registry.host()).resolveDigest(HarborScenario.REPOSITORY, "1.0");
    }
  }

  @AfterAll
  static void stopRegistry() throws IOException {
    if (registry != null) {
      registry.close();
    }
    if (registryFolder != null) {
      try (var paths = Files.walk(registryFolder)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @BeforeEach
  void requireRegistry() {
    Ci.requireService(pushedDigest != null, REGISTRY_TOOLS);
  }

  @Start
  void start(Stage stage) throws IOException {
    stub = new HarborStub();
    if (registry != null) {
      stub.forwardRegistryTo(URI.create("http://" + registry.host()));
    }
    HarborScenario.serve(stub, pushedDigest == null ? HarborScenario.SCANNED_DIGEST : pushedDigest.toString());
    executor = new FxTaskExecutor(2);
    HarborBrowserViewModel harbor = new HarborBrowserViewModel(executor, ConnectionStore.inMemory(), 2,
        Duration.ofMillis(20), Duration.ofSeconds(20));
    window = MainWindow.create(
        stage,
        new AppSettings(folder, "unix://" + folder.resolve("no-such-docker.sock")),
        executor,
        new ImageAnalyzer(LayerIndexCache.NONE, CatalogCache.NONE, Limits.DEFAULT),
        new FileContentReader(Limits.DEFAULT),
        new RecentFiles(preferences),
        harbor);
    stage.show();
    window.viewModel().start();
  }

  @AfterEach
  void stop() throws BackingStoreException {
    if (executor != null) {
      executor.close();
    }
    if (stub != null) {
      stub.close();
    }
    preferences.removeNode();
  }

  @Test
  void openedArtifactShowsInImageTabs(FxRobot robot) throws TimeoutException {
    HarborWindowTest.connect(robot, stub, HarborScenario.SECRET);
    HarborWindowTest.browseToArtifacts(robot);
    robot.clickOn("1.0");

    robot.clickOn("#harborOpenArtifact");

    HarborWindowTest.waitUntil(() -> window.viewModel().analysisProperty().get() != null);
    assertThat(window.viewModel().analysisProperty().get().image().digest()).isEqualTo(pushedDigest);
    assertThat(window.viewModel().imageSummaryProperty().get())
        .startsWith(stub.url().getAuthority() + "/team/app/api@" + pushedDigest + ": 2 layers");
    Button compare = robot.lookup("#sbomCompareOffered").queryAs(Button.class);
    assertThat(compare.isVisible()).isTrue();
    assertThat(compare.getText()).isEqualTo("Compare with Harbor's SBOM");
    assertThat(stub.requests()).extracting(HarborStub.Request::rawUri).anyMatch(uri -> uri.startsWith("/v2/"));
    assertThat(stub.contractViolations()).isEmpty();
  }
}
