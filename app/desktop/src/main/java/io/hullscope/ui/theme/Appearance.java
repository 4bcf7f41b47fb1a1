package io.hullscope.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

/** Light or dark: the two AtlantaFX Primer variants the window can use. */
public enum Appearance {
  LIGHT,
  DARK;

  /** Returns the user agent style sheet of the matching AtlantaFX Primer theme. */
  public String userAgentStylesheet() {
    return this == DARK ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
  }
}
