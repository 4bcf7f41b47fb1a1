package io.hullscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.ui.prefs.LimitSettings;
import io.hullscope.ui.prefs.UpdateSchedule;
import io.hullscope.ui.prefs.UserPreferences;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AppSettingsTest {

  private static final UserPreferences SAVED = new UserPreferences("tcp://127.0.0.1:2375", List.of(), null, List.of(),
      UpdateSchedule.NEVER, 7, new LimitSettings(256L << 20, 1L << 30, 100_000, 2L << 20, 3));

  @Test
  void preferencesApplyWithoutProperties() {
    AppSettings settings = AppSettings.of(SAVED, new Properties());

    assertThat(settings.dockerHost()).isEqualTo("tcp://127.0.0.1:2375");
    assertThat(settings.limits().maxExpandedLayerSize()).isEqualTo(1L << 30);
    assertThat(settings.limits().maxEntrySize()).isEqualTo(256L << 20);
    assertThat(settings.backgroundThreads()).isEqualTo(3);
  }

  @Test
  void systemPropertiesOverridePreferences() {
    Properties properties = new Properties();
    properties.setProperty("hullscope.docker.host", "unix:///tmp/docker.sock");
    properties.setProperty("hullscope.threads", "5");
    properties.setProperty("hullscope.limits.max-entries", "5000");

    AppSettings settings = AppSettings.of(SAVED, properties);

    assertThat(settings.dockerHost()).isEqualTo("unix:///tmp/docker.sock");
    assertThat(settings.backgroundThreads()).isEqualTo(5);
    assertThat(settings.limits().maxEntriesPerLayer()).isEqualTo(5000);
    assertThat(settings.limits().maxExpandedLayerSize()).isEqualTo(1L << 30);
  }

  @Test
  void invalidPropertyKeepsPreference() {
    Properties properties = new Properties();
    properties.setProperty("hullscope.threads", "many");

    assertThat(AppSettings.of(SAVED, properties).backgroundThreads()).isEqualTo(3);
  }

  @Test
  void outOfRangePropertyKeepsPreferences() {
    Properties properties = new Properties();
    properties.setProperty("hullscope.threads", "4294967298");

    assertThat(AppSettings.of(SAVED, properties).backgroundThreads()).isEqualTo(3);
  }
}
