package io.hullscope.ui.prefs;

import io.hullscope.ui.ImageTab;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Restores the main window's layout at start and captures it at close: bounds, maximized state,
 * divider positions and the selected image tab.
 */
public final class WindowLayout {

  private final Stage stage;
  private final List<SplitPane> splitPanes;
  private final ObjectProperty<ImageTab> selectedTab;
  /** Bounds before maximizing, kept because a maximized stage reports the screen's bounds. */
  private Rectangle2D normalBounds;

  public WindowLayout(Stage stage, List<SplitPane> splitPanes, ObjectProperty<ImageTab> selectedTab) {
    this.stage = stage;
    this.splitPanes = List.copyOf(splitPanes);
    this.selectedTab = selectedTab;
  }

  /** Applies the saved layout, moved onto a current screen when its screen is gone. Call before showing the stage. */
  public void restore(WindowState saved) {
    List<Rectangle2D> screens = new ArrayList<>();
    screens.add(Screen.getPrimary().getVisualBounds());
    Screen.getScreens().stream().map(Screen::getVisualBounds).filter(bounds -> !bounds.equals(screens.get(0)))
        .forEach(screens::add);
    WindowState state = WindowPlacement.fit(saved, screens);
    stage.setX(state.x());
    stage.setY(state.y());
    stage.setWidth(state.width());
    stage.setHeight(state.height());
    normalBounds = new Rectangle2D(state.x(), state.y(), state.width(), state.height());
    stage.setMaximized(state.maximized());
    for (int i = 0; i < splitPanes.size() && i < state.dividers().size(); i++) {
      SplitPane pane = splitPanes.get(i);
      if (!pane.getDividers().isEmpty()) {
        pane.setDividerPositions(state.dividers().get(i));
      }
    }
    if (state.lastTab() != null) {
      for (ImageTab tab : ImageTab.values()) {
        if (tab.name().equals(state.lastTab())) {
          selectedTab.set(tab);
        }
      }
    }
  }

  /** Follows the stage's bounds while it is not maximized, so the capture has the bounds to restore. */
  public void track() {
    Runnable remember = () -> {
      if (!stage.isMaximized() && !stage.isIconified()) {
        normalBounds = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
      }
    };
    stage.xProperty().addListener((observable, before, after) -> remember.run());
    stage.yProperty().addListener((observable, before, after) -> remember.run());
    stage.widthProperty().addListener((observable, before, after) -> remember.run());
    stage.heightProperty().addListener((observable, before, after) -> remember.run());
  }

  /** Returns the current layout. */
  public WindowState capture() {
    Rectangle2D bounds = normalBounds != null && (stage.isMaximized() || stage.isIconified())
        ? normalBounds
        : new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
    List<Double> dividers = splitPanes.stream()
        .map(pane -> pane.getDividers().isEmpty() ? 0.5 : pane.getDividers().get(0).getPosition())
        .toList();
    ImageTab tab = selectedTab.get();
    return new WindowState(bounds.getMinX(), bounds.getMinY(), bounds.getWidth(), bounds.getHeight(),
        stage.isMaximized(), dividers, tab == null ? null : tab.name());
  }
}
