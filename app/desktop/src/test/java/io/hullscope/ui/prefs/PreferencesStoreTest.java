package io.hullscope.ui.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PreferencesStoreTest {

  @TempDir Path folder;

  private PreferencesStore store() {
    return new PreferencesStore(folder);
  }

  private static UserPreferences changed() {
    return new UserPreferences("tcp://127.0.0.1:2375",
        List.of(new SavedRegistryHost("127.0.0.1:5000", true, null),
            new SavedRegistryHost("registry.example.com", false, Path.of("/etc/ssl/ca.pem"))),
        "/srv/osv-mirror", List.of("Debian", "npm"), UpdateSchedule.ON_START, 3,
        new LimitSettings(512L << 20, 2L << 30, 200_000, 4L << 20, 4));
  }

  private void write(String json) throws IOException {
    Files.writeString(folder.resolve(PreferencesStore.FILE_NAME), json);
  }

  @Test
  void savedPreferencesReadBackEqual() throws IOException {
    store().save(changed());

    PreferencesStore.Loaded loaded = store().load();

    assertThat(loaded.preferences()).isEqualTo(changed());
    assertThat(loaded.fellBack()).isFalse();
  }

  @Test
  void missingFileGivesDefaultsWithoutNotice() {
    PreferencesStore.Loaded loaded = store().load();

    assertThat(loaded.preferences()).isEqualTo(UserPreferences.DEFAULT);
    assertThat(loaded.notice()).isNull();
  }

  @Test
  void missingFieldsTakeDefaults() throws IOException {
    write("{\"version\": 1, \"limits\": {\"backgroundThreads\": 3}}");

    UserPreferences loaded = store().load().preferences();

    assertThat(loaded.limits().backgroundThreads()).isEqualTo(3);
    assertThat(loaded.limits().maxLayerSize()).isEqualTo(LimitSettings.DEFAULT.maxLayerSize());
    assertThat(loaded.osvBase()).isEqualTo(UserPreferences.DEFAULT.osvBase());
  }

  @Test
  void corruptFileFallsBackAndStaysUntouched() throws IOException {
    String corrupt = "{\"version\": 1, \"docker\": {\"host\": \"tcp://127.0.0.1:2375\"";
    write(corrupt);

    PreferencesStore.Loaded loaded = store().load();

    assertThat(loaded.preferences()).isEqualTo(UserPreferences.DEFAULT);
    assertThat(loaded.notice()).contains(PreferencesStore.FILE_NAME).contains("not valid JSON");
    assertThat(Files.readString(folder.resolve(PreferencesStore.FILE_NAME))).isEqualTo(corrupt);
  }

  @Test
  void binaryGarbageFallsBack() throws IOException {
    byte[] garbage = new byte[512];
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = (byte) (i * 31 + 7);
    }
    Files.write(folder.resolve(PreferencesStore.FILE_NAME), garbage);

    PreferencesStore.Loaded loaded = store().load();

    assertThat(loaded.fellBack()).isTrue();
    assertThat(loaded.preferences()).isEqualTo(UserPreferences.DEFAULT);
  }

  @Test
  void futureVersionFallsBackWithNotice() throws IOException {
    write("{\"version\": 2, \"docker\": {\"host\": \"tcp://127.0.0.1:2375\"}}");

    PreferencesStore.Loaded loaded = store().load();

    assertThat(loaded.preferences()).isEqualTo(UserPreferences.DEFAULT);
    assertThat(loaded.notice()).contains("newer Hullscope");
  }

  @Test
  void missingVersionFallsBack() throws IOException {
    write("{\"docker\": {\"host\": \"tcp://127.0.0.1:2375\"}}");

    assertThat(store().load().notice()).contains("format version");
  }

  @Test
  void outOfRangeLimitFallsBack() throws IOException {
    write("{\"version\": 1, \"limits\": {\"backgroundThreads\": 0}}");

    PreferencesStore.Loaded loaded = store().load();

    assertThat(loaded.preferences()).isEqualTo(UserPreferences.DEFAULT);
    assertThat(loaded.notice()).contains("Background threads must be between 1 and 32");
  }

  @Test
  void entrySizeAboveLayerSizeFallsBack() throws IOException {
    write("{\"version\": 1, \"limits\": {\"maxEntrySize\": 4294967296, \"maxLayerSize\": 1073741824}}");

    assertThat(store().load().notice()).contains("must not be larger than max layer size");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "[1, 2, 3]",
    "{\"version\": \"1\"}",
    "{\"version\": 1, \"docker\": []}",
    "{\"version\": 1, \"docker\": {\"host\": 5}}",
    "{\"version\": 1, \"limits\": {\"maxLayerSize\": 1.5}}",
    "{\"version\": 1, \"limits\": {\"maxLayerSize\": 1e400}}",
    "{\"version\": 1, \"registries\": {\"host\": \"a\"}}",
    "{\"version\": 1, \"registries\": [\"127.0.0.1:5000\"]}",
    "{\"version\": 1, \"registries\": [{\"host\": \"../../etc\"}]}",
    "{\"version\": 1, \"registries\": [{\"host\": \"a\", \"insecure\": \"yes\"}]}",
    "{\"version\": 1, \"vulnerabilities\": {\"schedule\": \"HOURLY\"}}",
    "{\"version\": 1, \"vulnerabilities\": {\"afterDays\": 0}}",
    "{\"version\": 1, \"vulnerabilities\": {\"ecosystems\": [1]}}",
  })
  void wrongTypesFallBack(String json) throws IOException {
    write(json);

    PreferencesStore.Loaded loaded = store().load();

    assertThat(loaded.fellBack()).as(json).isTrue();
    assertThat(loaded.preferences()).isEqualTo(UserPreferences.DEFAULT);
  }

  @Test
  void oversizedFileFallsBackWithoutReadingIt() throws IOException {
    String padding = " ".repeat(2048);
    write("{\"version\": 1," + padding + "\"docker\": {}}");

    PreferencesStore.Loaded loaded = new PreferencesStore(folder, 1024).load();

    assertThat(loaded.notice()).contains("larger than 1024 bytes");
  }

  @Test
  void tooManyRegistriesFallBack() throws IOException {
    StringBuilder json = new StringBuilder("{\"version\": 1, \"registries\": [");
    for (int i = 0; i <= PreferencesStore.MAX_LIST_ITEMS; i++) {
      json.append(i == 0 ? "" : ",").append("{\"host\": \"r").append(i).append(".example.com\"}");
    }
    write(json.append("]}").toString());

    assertThat(store().load().notice()).contains("more than " + PreferencesStore.MAX_LIST_ITEMS);
  }

  @Test
  void saveReplacesCorruptFile() throws IOException {
    write("not json");

    store().save(changed());

    assertThat(store().load().preferences()).isEqualTo(changed());
    try (var files = Files.list(folder)) {
      assertThat(files.map(path -> path.getFileName().toString())).containsExactly(PreferencesStore.FILE_NAME);
    }
  }

  @Test
  void savedFileNamesItsVersion() throws IOException {
    store().save(UserPreferences.DEFAULT);

    String json = Files.readString(folder.resolve(PreferencesStore.FILE_NAME), StandardCharsets.UTF_8);

    assertThat(json).contains("\"version\" : 1");
  }
}
