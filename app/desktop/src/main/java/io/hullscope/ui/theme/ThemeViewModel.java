package io.hullscope.ui.theme;

import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The theme choice of View > Theme, remembered in preferences, and the appearance it results in.
 * The operating system is asked at most once, the first time {@link ThemeChoice#SYSTEM} is in effect.
 */
public final class ThemeViewModel {

  private static final Logger LOG = LoggerFactory.getLogger(ThemeViewModel.class);
  static final String PREFERENCE_KEY = "theme";

  private final Preferences preferences;
  private final Supplier<Appearance> systemAppearance;
  private final ObjectProperty<ThemeChoice> choice = new SimpleObjectProperty<>(ThemeChoice.SYSTEM);
  private final ReadOnlyObjectWrapper<Appearance> appearance = new ReadOnlyObjectWrapper<>(Appearance.LIGHT);
  private Appearance detected;

  /**
   * @param preferences where the choice is stored, or null to keep it in memory only
   * @param systemAppearance reads the operating system's setting; called on the calling thread, at
   *     most once
   */
  public ThemeViewModel(Preferences preferences, Supplier<Appearance> systemAppearance) {
    this.preferences = preferences;
    this.systemAppearance = systemAppearance;
    choice.set(storedChoice());
    appearance.set(resolve(choice.get()));
    choice.addListener((observable, before, after) -> {
      ThemeChoice chosen = after == null ? ThemeChoice.SYSTEM : after;
      if (preferences != null) {
        preferences.put(PREFERENCE_KEY, chosen.name());
      }
      appearance.set(resolve(chosen));
    });
  }

  /** Creates the application's theme: stored in the user's preferences, following the real OS setting. */
  public static ThemeViewModel forApplication(Preferences preferences) {
    OsAppearance os = OsAppearance.system();
    return new ThemeViewModel(preferences, () -> os.detect(System.getProperty("os.name")));
  }

  /** Creates a theme that starts light, runs no OS command and stores nothing; for tests and embedding. */
  public static ThemeViewModel fixedLight() {
    return new ThemeViewModel(null, () -> Appearance.LIGHT);
  }

  private ThemeChoice storedChoice() {
    if (preferences == null) {
      return ThemeChoice.SYSTEM;
    }
    String stored = preferences.get(PREFERENCE_KEY, ThemeChoice.SYSTEM.name());
    try {
      return ThemeChoice.valueOf(stored);
    } catch (IllegalArgumentException e) {
      LOG.warn("Ignoring the unknown stored theme {}; following the system", stored);
      return ThemeChoice.SYSTEM;
    }
  }

  private Appearance resolve(ThemeChoice chosen) {
    return switch (chosen) {
      case LIGHT -> Appearance.LIGHT;
      case DARK -> Appearance.DARK;
      case SYSTEM -> {
        if (detected == null) {
          detected = systemAppearance.get();
        }
        yield detected;
      }
    };
  }

  /** The user's choice; setting it stores it and updates {@link #appearanceProperty()}. */
  public ObjectProperty<ThemeChoice> choiceProperty() {
    return choice;
  }

  /** The appearance in effect: the choice, or the operating system's when the choice is System. */
  public ReadOnlyObjectProperty<Appearance> appearanceProperty() {
    return appearance.getReadOnlyProperty();
  }
}
