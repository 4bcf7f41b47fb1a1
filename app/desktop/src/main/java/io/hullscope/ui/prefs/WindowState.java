package io.hullscope.ui.prefs;

import java.util.List;

/**
 * The main window's layout when it last closed.
 *
 * @param x left edge in screen coordinates
 * @param y top edge in screen coordinates
 * @param width window width
 * @param height window height
 * @param maximized true when the window was maximized; the bounds are then those before maximizing
 * @param dividers divider positions of the main window's split panes, from 0 to 1, in the order the
 *     window lists them
 * @param lastTab name of the image tab that was selected, or null
 */
public record WindowState(double x, double y, double width, double height, boolean maximized, List<Double> dividers,
    String lastTab) {

  /** Smallest size restored, so a broken file cannot shrink the window to nothing. */
  static final double MIN_WIDTH = 480;
  static final double MIN_HEIGHT = 320;

  public WindowState {
    if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(width) || !Double.isFinite(height)) {
      throw new IllegalArgumentException("window bounds must be finite numbers");
    }
    width = Math.max(MIN_WIDTH, width);
    height = Math.max(MIN_HEIGHT, height);
    dividers = dividers.stream().map(position -> Math.min(1, Math.max(0, position))).toList();
  }
}
