package io.hullscope.ui.trainer;

import java.util.prefs.Preferences;

/**
 * Trainer mode settings kept across starts: whether the samples gallery was shown once, and the
 * font zoom step. They are stored in a {@link Preferences} node, or in memory only for tests and
 * for windows created without one.
 */
public final class TrainerSettings {

  private static final String GALLERY_SHOWN = "trainer.galleryShown";
  private static final String FONT_STEP = "trainer.fontStep";

  private final Preferences preferences;
  private boolean galleryShown;
  private int fontStep;

  private TrainerSettings(Preferences preferences) {
    this.preferences = preferences;
    if (preferences != null) {
      galleryShown = preferences.getBoolean(GALLERY_SHOWN, false);
      fontStep = preferences.getInt(FONT_STEP, 0);
    }
  }

  /** Returns settings stored in the node; the app uses the node {@code io/hullscope/ui}. */
  public static TrainerSettings stored(Preferences preferences) {
    return new TrainerSettings(preferences);
  }

  /**
   * Returns settings kept in memory. The gallery counts as shown already, so a window built
   * without stored settings (as in tests) does not open it by itself.
   */
  public static TrainerSettings inMemory() {
    TrainerSettings settings = new TrainerSettings(null);
    settings.galleryShown = true;
    return settings;
  }

  public boolean galleryShown() {
    return galleryShown;
  }

  public void setGalleryShown(boolean shown) {
    galleryShown = shown;
    if (preferences != null) {
      preferences.putBoolean(GALLERY_SHOWN, shown);
    }
  }

  /** Returns the font zoom step; 0 is the normal size. The value is not range-checked here. */
  public int fontStep() {
    return fontStep;
  }

  public void setFontStep(int step) {
    fontStep = step;
    if (preferences != null) {
      preferences.putInt(FONT_STEP, step);
    }
  }
}
