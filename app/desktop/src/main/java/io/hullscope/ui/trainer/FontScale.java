package io.hullscope.ui.trainer;

import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * Font zoom for projectors: a few fixed steps of the scene's root font size. Most sizes in the
 * themes are in em or inherit from the root, so changing the root font size scales the window.
 * NOTE: the few sizes set in pixels (the grade letter, context menus of text fields) do not scale.
 * The step is remembered in the {@link TrainerSettings}.
 */
public final class FontScale {

  /** Root font size of the AtlantaFX Primer themes, in pixels. */
  public static final double BASE_SIZE_PX = 14;
  /** Zoom steps in percent of the base size; step 0 is the normal size. */
  public static final List<Integer> PERCENT_STEPS = List.of(100, 125, 150, 175, 200, 250);
  /** The step View > Large Fonts switches to. */
  public static final int LARGE_STEP = 2;

  private final TrainerSettings settings;
  private final ReadOnlyIntegerWrapper step = new ReadOnlyIntegerWrapper();
  private final StringBinding rootStyle;
  private final BooleanBinding large;

  public FontScale(TrainerSettings settings) {
    this.settings = settings;
    step.set(clamp(settings.fontStep()));
    rootStyle = Bindings.createStringBinding(() -> styleFor(step.get()), step);
    large = step.greaterThan(0);
  }

  /** Returns the inline style for the scene root at a step; empty at step 0, so the theme decides. */
  static String styleFor(int step) {
    if (step <= 0) {
      return "";
    }
    return String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", sizeFor(step));
  }

  /** Returns the root font size in pixels at a step. */
  public static double sizeFor(int step) {
    return BASE_SIZE_PX * PERCENT_STEPS.get(clamp(step)) / 100.0;
  }

  public void zoomIn() {
    setStep(step.get() + 1);
  }

  public void zoomOut() {
    setStep(step.get() - 1);
  }

  public void reset() {
    setStep(0);
  }

  /** Switches between the normal size and {@link #LARGE_STEP}; any zoomed step counts as large. */
  public void setLarge(boolean on) {
    if (on != large.get()) {
      setStep(on ? LARGE_STEP : 0);
    }
  }

  public void setStep(int newStep) {
    int clamped = clamp(newStep);
    step.set(clamped);
    settings.setFontStep(clamped);
  }

  private static int clamp(int value) {
    return Math.max(0, Math.min(PERCENT_STEPS.size() - 1, value));
  }

  /** Returns the current step, 0 for the normal size. */
  public ReadOnlyIntegerProperty stepProperty() {
    return step.getReadOnlyProperty();
  }

  /** Returns the inline style the scene roots bind to. */
  public StringBinding rootStyle() {
    return rootStyle;
  }

  /** Returns true while any step above the normal size is chosen. */
  public BooleanBinding largeProperty() {
    return large;
  }
}
