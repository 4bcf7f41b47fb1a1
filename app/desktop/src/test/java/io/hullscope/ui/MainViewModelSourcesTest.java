package io.hullscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.source.harbor.HarborConnection;
import io.hullscope.source.harbor.HarborStub;
import io.hullscope.source.harbor.HarborStub.Answer;
import io.hullscope.ui.harbor.ConnectionStore;
import io.hullscope.ui.harbor.HarborBrowserViewModel;
import io.hullscope.ui.harbor.HarborSourceEntry;
import io.hullscope.ui.sources.SourceEntry;
import io.hullscope.ui.task.SameThreadTaskExecutor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Harbor connections that the user adds to and removes from the sidebar, against the Harbor stub. */
class MainViewModelSourcesTest {

  private static final String USER_JSON = "{\"user_id\":3,\"username\":\"alice\",\"sysadmin_flag\":false}";

  private final SameThreadTaskExecutor executor = new SameThreadTaskExecutor();
  private final Preferences preferences =
      Preferences.userRoot().node("io/hullscope/test/sources-" + System.nanoTime());
  private final ConnectionStore store = ConnectionStore.inMemory();
  private HarborStub stub;
  private MainViewModel viewModel;

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
    if (viewModel != null) {
      viewModel.close();
    }
    if (stub != null) {
      stub.close();
    }
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

  private HarborConnection connection() {
    return new HarborConnection(stub.url(), "alice", "s3cret-for-tests", null, true, null);
  }
}
