package io.hullscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import io.hullscope.source.harbor.HarborConnection;
import io.hullscope.source.harbor.HarborStub;
import io.hullscope.source.harbor.HarborStub.Answer;
import io.hullscope.source.registry.LocalRegistry;
import io.hullscope.source.registry.RegistryHostSettings;
import io.hullscope.source.registry.RegistryOptions;
import io.hullscope.source.registry.RegistrySource;
import io.hullscope.testing.Ci;
import io.hullscope.testing.Tools;
import io.hullscope.ui.harbor.ConnectionStore;
import io.hullscope.ui.harbor.HarborBrowserViewModel;
import io.hullscope.ui.harbor.HarborSourceEntry;
import io.hullscope.ui.registry.RegistryImageRequest;
import io.hullscope.ui.sources.SourceEntry;
import io.hullscope.ui.sources.SourceKind;
import io.hullscope.ui.task.SameThreadTaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sources the user adds in the window: Harbor connections and registry images. The registry tests
 * push the good sample to a {@code docker-registry} of their own; without {@code docker-registry}
 * and {@code skopeo} they are skipped, except under {@code CI=true}.
 */
class MainViewModelSourcesTest {

  private static final String REGISTRY_TOOLS = "docker-registry and skopeo (install both packages)";
  private static final String USER_JSON = "{\"user_id\":3,\"username\":\"alice\",\"sysadmin_flag\":false}";

  private static LocalRegistry registry;
  private static Path registryFolder;
  private static Digest pushedDigest;

  private final SameThreadTaskExecutor executor = new SameThreadTaskExecutor();
  private final Preferences preferences =
      Preferences.userRoot().node("io/hullscope/test/sources-" + System.nanoTime());
  private final ConnectionStore store = ConnectionStore.inMemory();
  private HarborStub stub;
  private MainViewModel viewModel;

  @BeforeAll
  static void startRegistry() throws Exception {
    if (!Ci.checkServiceForClass(LocalRegistry.toolsAvailable(), REGISTRY_TOOLS)) {
      return;
    }
    registryFolder = Files.createTempDirectory("hullscope-sources-registry");
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
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @BeforeEach
  void createViewModel() throws IOException {
    stub = new HarborStub();
    stub.on("GET", "/api/v2.0/users/current", Answer.json(200, USER_JSON));
    stub.on("GET", "/api/v2.0/systeminfo", Answer.json(200, "{\"harbor_version\":\"v2.12.2\"}"));
    stub.on("GET", "/api/v2.0/projects", Answer.json(200, "[]").withHeader("X-Total-Count", "0"));
    HarborBrowserViewModel harbor = new HarborBrowserViewModel(executor, store, 10, Duration.ofMillis(5),
        Duration.ofSeconds(5));
    viewModel = TestViewModels.mainViewModel(executor, preferences, harbor, List.of());
  }

  @AfterEach
  void close() throws BackingStoreException {
    viewModel.close();
    stub.close();
    preferences.removeNode();
  }

  @Test
  void addedHarborConnectionIsSelected() throws IOException {
    List<Throwable> failures = new ArrayList<>();

    viewModel.addHarborConnection("prod", connection(), () -> {}, failures::add);

    assertThat(failures).isEmpty();
    assertThat(viewModel.selectedSourceProperty().get().name()).isEqualTo("prod");
    assertThat(viewModel.harborSelectedProperty().get()).isTrue();
    assertThat(viewModel.harbor().connectionLineProperty().get()).startsWith("Signed in as user alice, Harbor v2.12.2");
    assertThat(store.names()).containsExactly("prod");
  }

  @Test
  void savedConnectionsJoinSidebarOnStart() throws IOException {
    store.save("prod", connection());

    viewModel.start();

    SourceEntry entry = viewModel.sources().get(0);
    assertThat(entry).isInstanceOf(HarborSourceEntry.class);
    assertThat(entry.statusProperty().get()).isEqualTo("Signed in as user alice, Harbor v2.12.2");
  }

  @Test
  void removedConnectionLeavesSidebarAndStore() throws IOException {
    viewModel.addHarborConnection("prod", connection(), () -> {}, failure -> {});
    SourceEntry entry = viewModel.selectedSourceProperty().get();

    viewModel.removeSource(entry);

    assertThat(viewModel.sources()).isEmpty();
    assertThat(viewModel.selectedSourceProperty().get()).isNull();
    assertThat(viewModel.harborSelectedProperty().get()).isFalse();
    assertThat(store.names()).isEmpty();
  }

  @Test
  void registryImageOpensAtOnce() {
    Ci.requireService(pushedDigest != null, REGISTRY_TOOLS);

    viewModel.openRegistryImage(RegistryImageRequest.of(registry.host() + "/app:1.0", true, null, null, null));

    assertThat(viewModel.selectedSourceProperty().get().kind()).isEqualTo(SourceKind.REGISTRY);
    assertThat(viewModel.analysisProperty().get()).isNotNull();
    assertThat(viewModel.analysisProperty().get().image().digest()).isEqualTo(pushedDigest);
    assertThat(viewModel.analysisProperty().get().layers()).hasSize(2);
  }

  @Test
  void missingRegistryTagSaysWhy() {
    Ci.requireService(pushedDigest != null, REGISTRY_TOOLS);

    viewModel.openRegistryImage(RegistryImageRequest.of(registry.host() + "/app:9.9", true, null, null, null));

    SourceEntry entry = viewModel.selectedSourceProperty().get();
    assertThat(entry.availableProperty().get()).isFalse();
    assertThat(entry.statusProperty().get()).startsWith("Cannot open " + registry.host() + "/app:9.9: ");
    assertThat(viewModel.analysisProperty().get()).isNull();
  }

  private HarborConnection connection() {
    return new HarborConnection(stub.url(), "alice", "s3cret-for-tests", null, true, null);
  }
}
