package io.hullscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import io.hullscope.source.registry.LocalRegistry;
import io.hullscope.source.registry.RegistryHostSettings;
import io.hullscope.source.registry.RegistryOptions;
import io.hullscope.source.registry.RegistrySource;
import io.hullscope.testing.Ci;
import io.hullscope.testing.Tools;
import io.hullscope.ui.registry.RegistryImageRequest;
import io.hullscope.ui.sources.SourceEntry;
import io.hullscope.ui.sources.ImageRow;
import io.hullscope.ui.sources.SourceKind;
import io.hullscope.ui.task.SameThreadTaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * "Open registry image" against a {@code docker-registry} of its own, where the good sample was
 * pushed as {@code app:1.0}. Without {@code docker-registry} and {@code skopeo} the tests are
 * skipped, except under {@code CI=true}.
 */
@Tag("registry")
class RegistryImageIT {

  private static final String REGISTRY_TOOLS = "docker-registry and skopeo (install both packages)";

  private static LocalRegistry registry;
  private static Path registryFolder;
  private static Digest pushedDigest;

  private final SameThreadTaskExecutor executor = new SameThreadTaskExecutor();
  private final Preferences preferences =
      Preferences.userRoot().node("io/hullscope/test/registry-" + System.nanoTime());
  private MainViewModel viewModel;

  @BeforeAll
  static void startRegistry() throws Exception {
    if (!Ci.checkServiceForClass(LocalRegistry.toolsAvailable(), REGISTRY_TOOLS)) {
      return;
    }
    registryFolder = Files.createTempDirectory("hullscope-registry-image");
    registry = LocalRegistry.start(registryFolder, List.of(), List.of());
    Path sample = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize()
        .resolve("samples/images/hygiene-good.tar");
    assertThat(Tools.runs("skopeo", "copy", "--quiet", "--dest-tls-verify=false", "docker-archive:" + sample,
        "docker://" + registry.host() + "/app:1.0")).as("skopeo copy").isTrue();
    try (RegistrySource direct = new RegistrySource(registry.host(), List.of("app"),
        RegistryOptions.DEFAULT.withHost(registry.host(), RegistryHostSettings.DEFAULT.withInsecure(true)))) {
      pushedDigest = direct.client(registry.host()).resolveDigest("app", "1.0");
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
  void createViewModel() {
    Ci.requireService(pushedDigest != null, REGISTRY_TOOLS);
    viewModel = TestViewModels.mainViewModel(executor, preferences, List.of());
  }

  @AfterEach
  void close() throws BackingStoreException {
    if (viewModel != null) {
      viewModel.close();
    }
    preferences.removeNode();
  }

  @Test
  void registryImageOpensAtOnce() {
    viewModel.openRegistryImage(RegistryImageRequest.of(registry.host() + "/app:1.0", true, null, null, null));

    assertThat(viewModel.selectedSourceProperty().get().kind()).isEqualTo(SourceKind.REGISTRY);
    assertThat(viewModel.analysisProperty().get()).isNotNull();
    assertThat(viewModel.analysisProperty().get().image().digest()).isEqualTo(pushedDigest);
    assertThat(viewModel.analysisProperty().get().layers()).hasSize(2);
    // The row is filled from the manifest and config, as rows of other sources are.
    ImageRow row = viewModel.images().get(0);
    assertThat(row.summary().layerCount()).isEqualTo(2);
    assertThat(row.summary().size()).isPositive();
    assertThat(row.user()).isEqualTo("65532:65532");
  }

  @Test
  void missingRegistryTagSaysWhy() {
    viewModel.openRegistryImage(RegistryImageRequest.of(registry.host() + "/app:9.9", true, null, null, null));

    SourceEntry entry = viewModel.selectedSourceProperty().get();
    assertThat(entry.availableProperty().get()).isFalse();
    assertThat(entry.statusProperty().get()).startsWith("Cannot open " + registry.host() + "/app:9.9: ");
    assertThat(viewModel.analysisProperty().get()).isNull();
  }
}
