package io.hullscope.ui.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThemeViewModelTest {

  private final Preferences preferences = Preferences.userRoot().node("io/hullscope/test/theme-" + System.nanoTime());
  private final AtomicInteger osQuestions = new AtomicInteger();

  @AfterEach
  void removePreferences() throws BackingStoreException {
    preferences.removeNode();
  }

  private ThemeViewModel theme(Appearance system) {
    return new ThemeViewModel(preferences, () -> {
      osQuestions.incrementAndGet();
      return system;
    });
  }

  @Test
  void systemIsDefaultAndFollowsOs() {
    ThemeViewModel theme = theme(Appearance.DARK);

    assertThat(theme.choiceProperty().get()).isEqualTo(ThemeChoice.SYSTEM);
    assertThat(theme.appearanceProperty().get()).isEqualTo(Appearance.DARK);
  }

  @Test
  void explicitChoiceOverridesOs() {
    ThemeViewModel theme = theme(Appearance.DARK);

    theme.choiceProperty().set(ThemeChoice.LIGHT);

    assertThat(theme.appearanceProperty().get()).isEqualTo(Appearance.LIGHT);
  }

  @Test
  void choiceIsRemembered() {
    theme(Appearance.LIGHT).choiceProperty().set(ThemeChoice.DARK);

    ThemeViewModel next = theme(Appearance.LIGHT);

    assertThat(next.choiceProperty().get()).isEqualTo(ThemeChoice.DARK);
    assertThat(next.appearanceProperty().get()).isEqualTo(Appearance.DARK);
  }

  @Test
  void rememberedChoiceSkipsOsQuestion() {
    preferences.put(ThemeViewModel.PREFERENCE_KEY, "LIGHT");

    ThemeViewModel theme = theme(Appearance.DARK);

    assertThat(theme.appearanceProperty().get()).isEqualTo(Appearance.LIGHT);
    assertThat(osQuestions).hasValue(0);
  }

  @Test
  void osAskedOnlyOnce() {
    ThemeViewModel theme = theme(Appearance.DARK);

    theme.choiceProperty().set(ThemeChoice.LIGHT);
    theme.choiceProperty().set(ThemeChoice.SYSTEM);

    assertThat(theme.appearanceProperty().get()).isEqualTo(Appearance.DARK);
    assertThat(osQuestions).hasValue(1);
  }

  @Test
  void unknownStoredChoiceFollowsSystem() {
    preferences.put(ThemeViewModel.PREFERENCE_KEY, "SOLARIZED");

    ThemeViewModel theme = theme(Appearance.DARK);

    assertThat(theme.choiceProperty().get()).isEqualTo(ThemeChoice.SYSTEM);
    assertThat(theme.appearanceProperty().get()).isEqualTo(Appearance.DARK);
  }
}
