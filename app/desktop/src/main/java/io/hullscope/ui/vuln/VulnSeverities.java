package io.hullscope.ui.vuln;

import io.hullscope.vuln.VulnSeverity;
import java.util.Locale;

/**
 * Display names and style classes of vulnerability severities. The style classes are those of the
 * Hardening tab's severities, so critical, high, medium and low have the same colours in both tabs.
 */
public final class VulnSeverities {

  private VulnSeverities() {}

  /** Returns the severity as a word with a capital, for example "High". */
  public static String displayName(VulnSeverity severity) {
    String lower = severity.name().toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  /**
   * Returns the style class that colours a severity, for example {@code severity-high}. None and
   * unknown have no colour of their own, so they keep the neutral base colour.
   */
  public static String styleClass(VulnSeverity severity) {
    return "severity-" + severity.name().toLowerCase(Locale.ROOT);
  }

  /** Returns a layer position as the Layers tab numbers it, for example "#2", or "?" when unknown. */
  public static String layerText(int layer) {
    return layer < 0 ? "?" : "#" + layer;
  }
}
