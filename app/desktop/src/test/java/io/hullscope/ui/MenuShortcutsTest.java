package io.hullscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Limits;
import io.hullscope.index.FileContentReader;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.ui.help.KeyboardShortcuts;
import io.hullscope.ui.task.FxTaskExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Every menu action has a keyboard shortcut, and Help > Keyboard Shortcuts lists them. */
@ExtendWith(ApplicationExtension.class)
class MenuShortcutsTest {

  /**
   * Menu items allowed without an accelerator: the entries of Open Recent, whose number and paths
   * change, and nothing else.
   */
  private static final Set<String> SUBMENUS_WITHOUT_SHORTCUTS = Set.of("recentMenu");

  @TempDir Path samples;

  private final Preferences preferences =
      Preferences.userRoot().node("io/hullscope/test/menus-" + System.nanoTime());
  private FxTaskExecutor executor;
  private MainWindow window;

  @Start
  void start(Stage stage) {
    executor = new FxTaskExecutor(1);
    RecentFiles recent = new RecentFiles(preferences);
    recent.remember(samples.resolve("one.tar"));
    window = MainWindow.create(
        stage,
        new AppSettings(samples, "unix://" + samples.resolve("no-such-docker.sock")),
        executor,
        new ImageAnalyzer(LayerIndexCache.NONE, CatalogCache.NONE, Limits.DEFAULT),
        new FileContentReader(Limits.DEFAULT),
        recent);
    stage.show();
  }

  @AfterEach
  void stop() throws BackingStoreException {
    executor.close();
    preferences.removeNode();
  }

  private MenuBar menuBar() {
    return (MenuBar) ((BorderPane) window.view().root()).getTop();
  }

  @Test
  void everyMenuItemHasAccelerator() {
    List<String> missing = new ArrayList<>();
    for (Menu menu : menuBar().getMenus()) {
      collectMissing(menu, missing);
    }

    assertThat(missing).isEmpty();
  }

  @Test
  void acceleratorsAreUnique() {
    List<String> keys = KeyboardShortcuts.of(menuBar().getMenus()).stream()
        .filter(shortcut -> !shortcut.group().equals("Window") && !shortcut.group().equals("Tables and trees"))
        .map(KeyboardShortcuts.Shortcut::keys)
        .toList();

    assertThat(new HashSet<>(keys)).hasSameSizeAs(keys);
  }

  @Test
  void shortcutListNamesMenuActions() {
    List<KeyboardShortcuts.Shortcut> shortcuts = KeyboardShortcuts.of(menuBar().getMenus());

    assertThat(shortcuts).extracting(KeyboardShortcuts.Shortcut::action)
        .contains("Open Archive", "Refresh", "Quit", "Keyboard Shortcuts", "Dark", "Hardening");
    assertThat(shortcuts).filteredOn(shortcut -> shortcut.action().equals("Dark"))
        .extracting(KeyboardShortcuts.Shortcut::group)
        .containsExactly("View > Theme");
  }

  private static void collectMissing(Menu menu, List<String> missing) {
    if (menu.getId() != null && SUBMENUS_WITHOUT_SHORTCUTS.contains(menu.getId())) {
      assertThat(menu.getItems()).as("recent entries in the test").isNotEmpty();
      return;
    }
    for (MenuItem item : menu.getItems()) {
      if (item instanceof SeparatorMenuItem) {
        continue;
      }
      if (item instanceof Menu submenu) {
        collectMissing(submenu, missing);
      } else if (item.getAccelerator() == null) {
        missing.add(menu.getText() + " > " + item.getText());
      }
    }
  }
}
