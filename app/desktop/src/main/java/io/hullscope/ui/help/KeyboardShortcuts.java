package io.hullscope.ui.help;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * The list shown in Help > Keyboard Shortcuts, read from the menus themselves so that it cannot
 * drift from the accelerators, plus the keys that work without a menu.
 */
public final class KeyboardShortcuts {

  /** Keys handled by JavaFX controls rather than by a menu item. */
  static final List<Shortcut> GENERAL = List.of(
      new Shortcut("Window", "Move focus to the next or previous control", "Tab / Shift+Tab"),
      new Shortcut("Window", "Open a menu, or press a button or field with an underlined letter", "Alt+letter"),
      new Shortcut("Window", "Open the menu bar", "F10"),
      new Shortcut("Tables and trees", "Expand or collapse the selected row", "Right / Left"));

  private KeyboardShortcuts() {}

  /**
   * Returns one entry per menu item with an accelerator, menu by menu and in menu order, followed by
   * {@link #GENERAL}. Submenus are listed under "Menu > Submenu".
   */
  public static List<Shortcut> of(List<Menu> menus) {
    List<Shortcut> shortcuts = new ArrayList<>();
    for (Menu menu : menus) {
      collect(plain(menu.getText()), menu, shortcuts);
    }
    shortcuts.addAll(GENERAL);
    return shortcuts;
  }

  private static void collect(String group, Menu menu, List<Shortcut> shortcuts) {
    for (MenuItem item : menu.getItems()) {
      if (item instanceof SeparatorMenuItem) {
        continue;
      }
      if (item instanceof Menu submenu) {
        collect(group + " > " + plain(submenu.getText()), submenu, shortcuts);
      } else if (item.getAccelerator() != null) {
        shortcuts.add(new Shortcut(group, plain(item.getText()), item.getAccelerator().getDisplayText()));
      }
    }
  }

  /** Removes the mnemonic marker and a trailing ellipsis from a menu text. */
  static String plain(String text) {
    if (text == null) {
      return "";
    }
    String withoutMnemonic = text.replaceFirst("_(?=.)", "");
    return withoutMnemonic.endsWith("...") ? withoutMnemonic.substring(0, withoutMnemonic.length() - 3)
        : withoutMnemonic;
  }

  /**
   * One line of the list.
   *
   * @param group the menu path, for example {@code View > Theme}
   * @param action what the key does
   * @param keys the key combination as the platform writes it, for example {@code Ctrl+O}
   */
  public record Shortcut(String group, String action, String keys) {}
}
