package io.hullscope.ui.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowPlacementTest {

  private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1440, 900);
  private static final Rectangle2D RIGHT_MONITOR = new Rectangle2D(1440, 0, 2560, 1440);

  @TempDir Path folder;

  private static WindowState at(double x, double y, double width, double height) {
    return new WindowState(x, y, width, height, false, List.of(0.2, 0.3), "LAYERS");
  }

  @Test
  void windowOnScreenKeepsItsBounds() {
    WindowState placed = WindowPlacement.fit(at(100, 50, 1200, 800), List.of(LAPTOP));

    assertThat(placed).isEqualTo(at(100, 50, 1200, 800));
  }

  @Test
  void windowOnUnpluggedMonitorMovesToPrimary() {
    WindowState placed = WindowPlacement.fit(at(2000, 100, 1200, 800), List.of(LAPTOP));

    assertThat(placed.x()).isEqualTo(120);
    assertThat(placed.y()).isEqualTo(50);
    assertThat(placed.width()).isEqualTo(1200);
  }

  @Test
  void windowOnSecondMonitorStaysThere() {
    WindowState placed = WindowPlacement.fit(at(2000, 100, 1800, 1200), List.of(LAPTOP, RIGHT_MONITOR));

    assertThat(placed).isEqualTo(at(2000, 100, 1800, 1200));
  }

  @Test
  void windowLargerThanNewScreenShrinks() {
    WindowState placed = WindowPlacement.fit(at(3000, 200, 2400, 1300), List.of(LAPTOP));

    assertThat(placed.width()).isEqualTo(1440);
    assertThat(placed.height()).isEqualTo(900);
    assertThat(placed.x()).isZero();
    assertThat(placed.y()).isZero();
  }

  @Test
  void titleBarAboveScreenMovesWindow() {
    WindowState placed = WindowPlacement.fit(at(100, -500, 800, 600), List.of(LAPTOP));

    assertThat(placed.y()).isEqualTo(150);
  }

  @Test
  void windowMostlyLeftOfScreenMoves() {
    WindowState placed = WindowPlacement.fit(at(-1190, 100, 1200, 600), List.of(LAPTOP));

    assertThat(placed.x()).isEqualTo(120);
  }

  @Test
  void placementKeepsDividersAndTab() {
    WindowState placed = WindowPlacement.fit(at(5000, 5000, 800, 600), List.of(LAPTOP));

    assertThat(placed.dividers()).containsExactly(0.2, 0.3);
    assertThat(placed.lastTab()).isEqualTo("LAYERS");
  }

  @Test
  void stateClampsDividersAndMinimumSize() {
    WindowState state = new WindowState(0, 0, 10, 10, true, List.of(-1.0, 2.0), null);

    assertThat(state.width()).isEqualTo(WindowState.MIN_WIDTH);
    assertThat(state.height()).isEqualTo(WindowState.MIN_HEIGHT);
    assertThat(state.dividers()).containsExactly(0.0, 1.0);
  }

  @Test
  void storeRoundTripsState() {
    WindowStateStore store = new WindowStateStore(folder);
    WindowState state = new WindowState(12.5, 40, 1300, 850, true, List.of(0.17, 0.25), "SBOM");

    store.save(state);

    assertThat(store.load()).contains(state);
  }

  @Test
  void corruptStoreIsIgnored() throws IOException {
    Files.writeString(folder.resolve(WindowStateStore.FILE_NAME), "{\"version\": 1, \"x\": \"left\"}");

    assertThat(new WindowStateStore(folder).load()).isEqualTo(Optional.empty());
  }

  @Test
  void infiniteBoundsAreIgnored() throws IOException {
    Files.writeString(folder.resolve(WindowStateStore.FILE_NAME),
        "{\"version\": 1, \"x\": 1e999, \"y\": 0, \"width\": 800, \"height\": 600}");

    assertThat(new WindowStateStore(folder).load()).isEmpty();
  }
}
