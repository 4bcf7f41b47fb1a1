package io.hullscope.ui.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.source.docker.DaemonStatus;
import io.hullscope.ui.task.SameThreadTaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferencesViewModelTest {

  @TempDir Path folder;

  private final List<String> probed = new ArrayList<>();

  private PreferencesViewModel viewModel() {
    return new PreferencesViewModel(new PreferencesStore(folder), new SameThreadTaskExecutor(), host -> {
      probed.add(String.valueOf(host));
      return new DaemonStatus(false, host, null, null, "connection refused");
    });
  }

  @Test
  void fieldsShowDefaultsInMib() {
    PreferencesViewModel viewModel = viewModel();

    assertThat(viewModel.maxLayerSizeMibProperty().get()).isEqualTo(Long.toString(LimitSettings.DEFAULT.maxLayerSize() >> 20));
    assertThat(viewModel.backgroundThreadsProperty().get()).isEqualTo("2");
    assertThat(viewModel.noticeProperty().get()).isEmpty();
  }

  @Test
  void savedChangesReachNextDialog() {
    PreferencesViewModel first = viewModel();
    first.maxEntrySizeMibProperty().set("1024");
    first.maxLayerSizeMibProperty().set("2048");
    first.ecosystemsProperty().set("Debian, npm  PyPI");
    first.scheduleProperty().set(UpdateSchedule.ON_START);
    first.addRegistryHost("127.0.0.1:5000", true, "");

    assertThat(first.save()).isTrue();

    PreferencesViewModel second = viewModel();
    assertThat(second.maxLayerSizeMibProperty().get()).isEqualTo("2048");
    assertThat(second.saved().ecosystems()).containsExactly("Debian", "npm", "PyPI");
    assertThat(second.saved().updateSchedule()).isEqualTo(UpdateSchedule.ON_START);
    assertThat(second.registryHosts()).containsExactly(new SavedRegistryHost("127.0.0.1:5000", true, null));
    assertThat(first.restartNeededProperty().get()).isTrue();
  }

  @Test
  void invalidLimitIsRejectedAndNothingWritten() {
    PreferencesViewModel viewModel = viewModel();
    viewModel.backgroundThreadsProperty().set("0");

    assertThat(viewModel.save()).isFalse();

    assertThat(viewModel.problemProperty().get()).isEqualTo("Background threads must be between 1 and 32, not 0");
    assertThat(Files.exists(folder.resolve(PreferencesStore.FILE_NAME))).isFalse();
  }

  @Test
  void nonNumericLimitIsRejected() {
    PreferencesViewModel viewModel = viewModel();
    viewModel.maxEntriesProperty().set("lots");

    assertThat(viewModel.save()).isFalse();

    assertThat(viewModel.problemProperty().get()).contains("Max entries per layer must be a whole number");
  }

  @Test
  void invalidRegistryHostIsRejected() {
    PreferencesViewModel viewModel = viewModel();

    String error = viewModel.addRegistryHost("https://127.0.0.1:5000/v2", false, null);

    assertThat(error).contains("invalid registry host");
    assertThat(viewModel.registryHosts()).isEmpty();
  }

  @Test
  void corruptFileShowsNoticeUntilSaved() throws IOException {
    Files.writeString(folder.resolve(PreferencesStore.FILE_NAME), "{{{");
    PreferencesViewModel viewModel = viewModel();

    assertThat(viewModel.noticeProperty().get()).contains("could not be used");
    assertThat(viewModel.save()).isTrue();
    assertThat(viewModel.noticeProperty().get()).isEmpty();
  }

  @Test
  void connectionTestShowsDaemonState() {
    PreferencesViewModel viewModel = viewModel();
    viewModel.dockerHostProperty().set(" tcp://127.0.0.1:1 ");

    viewModel.testDockerConnection();

    assertThat(probed).containsExactly("tcp://127.0.0.1:1");
    assertThat(viewModel.dockerTestResultProperty().get()).isEqualTo("Not reachable: connection refused");
  }

  @Test
  void removingHarborConnectionCallsRemover() {
    PreferencesViewModel viewModel = viewModel();
    List<String> removed = new ArrayList<>();
    viewModel.setHarborConnections(List.of("prod", "lab"), removed::add);

    viewModel.removeHarborConnection("lab");

    assertThat(removed).containsExactly("lab");
    assertThat(viewModel.harborConnections()).containsExactly("prod");
  }
}
