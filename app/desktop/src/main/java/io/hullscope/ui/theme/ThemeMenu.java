package io.hullscope.ui.theme;

import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCombination;

/** View > Theme with System, Light and Dark, and the code that puts the chosen theme on screen. */
public final class ThemeMenu {

  /** Style class on the window's root while the dark theme is in effect, for the few dark-only rules. */
  public static final String DARK_STYLE_CLASS = "theme-dark";

  private ThemeMenu() {}

  /**
   * Builds the submenu. Light and Dark have accelerators so the whole menu stays reachable from the
   * keyboard; System is the default.
   */
  public static Menu create(ThemeViewModel theme) {
    ToggleGroup group = new ToggleGroup();
    Menu menu = new Menu("_Theme");
    menu.setId("themeMenu");
    for (ThemeChoice choice : ThemeChoice.values()) {
      RadioMenuItem item = new RadioMenuItem(choice.menuText());
      item.setId("theme" + choice.name().charAt(0) + choice.name().substring(1).toLowerCase());
      item.setToggleGroup(group);
      item.setUserData(choice);
      item.setSelected(theme.choiceProperty().get() == choice);
      // Not Ctrl+Alt: text fields read Ctrl+Alt+key as AltGr and would type the digit as well.
      item.setAccelerator(KeyCombination.keyCombination(switch (choice) {
        case SYSTEM -> "Shortcut+Shift+0";
        case LIGHT -> "Shortcut+Shift+1";
        case DARK -> "Shortcut+Shift+2";
      }));
      item.setOnAction(event -> theme.choiceProperty().set(choice));
      menu.getItems().add(item);
    }
    theme.choiceProperty().addListener((observable, before, after) -> group.getToggles().forEach(toggle ->
        toggle.setSelected(toggle.getUserData() == after)));
    return menu;
  }

  /**
   * Applies the appearance now and whenever it changes: the AtlantaFX user agent style sheet for the
   * whole application, and {@link #DARK_STYLE_CLASS} on {@code root}.
   */
  public static void follow(ThemeViewModel theme, Parent root) {
    apply(theme.appearanceProperty().get(), root);
    theme.appearanceProperty().addListener((observable, before, after) -> apply(after, root));
  }

  private static void apply(Appearance appearance, Parent root) {
    Application.setUserAgentStylesheet(appearance.userAgentStylesheet());
    root.getStyleClass().remove(DARK_STYLE_CLASS);
    if (appearance == Appearance.DARK) {
      root.getStyleClass().add(DARK_STYLE_CLASS);
    }
  }
}
