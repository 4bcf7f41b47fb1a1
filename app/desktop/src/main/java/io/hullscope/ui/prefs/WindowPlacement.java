package io.hullscope.ui.prefs;

import java.util.List;
import javafx.geometry.Rectangle2D;

/**
 * Places a remembered window on the screens there are now. A window keeps its place when enough of
 * its title bar is on one screen to drag it. Otherwise, for example after a second monitor was
 * unplugged, it moves to the middle of the first screen. It is shrunk to fit the screen it lands on.
 */
public final class WindowPlacement {

  /** Width and height of the title bar strip that must stay visible, so the user can grab the window. */
  static final double GRIP_WIDTH = 120;
  static final double GRIP_HEIGHT = 24;

  private WindowPlacement() {}

  /**
   * Returns the state with bounds that are reachable on {@code screens}.
   *
   * @param screens visual bounds of each screen, the primary screen first; an empty list keeps the state
   */
  public static WindowState fit(WindowState state, List<Rectangle2D> screens) {
    if (screens.isEmpty()) {
      return state;
    }
    Rectangle2D grip = new Rectangle2D(state.x(), state.y(), Math.min(GRIP_WIDTH, state.width()), GRIP_HEIGHT);
    Rectangle2D home = screens.stream().filter(screen -> contains(screen, grip)).findFirst().orElse(null);
    if (home != null) {
      double width = Math.min(state.width(), home.getWidth());
      double height = Math.min(state.height(), home.getHeight());
      return with(state, state.x(), state.y(), width, height);
    }
    Rectangle2D primary = screens.get(0);
    double width = Math.min(state.width(), primary.getWidth());
    double height = Math.min(state.height(), primary.getHeight());
    double x = primary.getMinX() + (primary.getWidth() - width) / 2;
    double y = primary.getMinY() + (primary.getHeight() - height) / 2;
    return with(state, x, y, width, height);
  }

  private static boolean contains(Rectangle2D screen, Rectangle2D grip) {
    // At least half of the grip's width and all of its height must be on the screen.
    Rectangle2D visible = intersection(screen, grip);
    return visible != null && visible.getWidth() >= Math.min(GRIP_WIDTH / 2, grip.getWidth())
        && visible.getHeight() >= grip.getHeight();
  }

  private static Rectangle2D intersection(Rectangle2D a, Rectangle2D b) {
    double minX = Math.max(a.getMinX(), b.getMinX());
    double minY = Math.max(a.getMinY(), b.getMinY());
    double maxX = Math.min(a.getMaxX(), b.getMaxX());
    double maxY = Math.min(a.getMaxY(), b.getMaxY());
    return maxX > minX && maxY > minY ? new Rectangle2D(minX, minY, maxX - minX, maxY - minY) : null;
  }

  private static WindowState with(WindowState state, double x, double y, double width, double height) {
    return new WindowState(x, y, width, height, state.maximized(), state.dividers(), state.lastTab());
  }
}
