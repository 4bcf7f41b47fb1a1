package io.hullscope.ui.theme;

/** The theme a user picks in View > Theme; {@link #SYSTEM} follows the operating system's setting. */
public enum ThemeChoice {
  SYSTEM("_System"),
  LIGHT("_Light"),
  DARK("_Dark");

  private final String menuText;

  ThemeChoice(String menuText) {
    this.menuText = menuText;
  }

  /** Returns the menu item text with its mnemonic marker. */
  public String menuText() {
    return menuText;
  }
}
