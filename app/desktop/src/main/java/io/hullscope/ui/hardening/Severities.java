package io.hullscope.ui.hardening;

import io.hullscope.check.Confidence;
import io.hullscope.check.Severity;
import java.util.Locale;

/** Display names and style classes of severities and confidences, shared by the Hardening tab and the Overview. */
public final class Severities {

  private Severities() {}

  /** Returns the severity as a word with a capital, for example "High". */
  public static String displayName(Severity severity) {
    return capitalized(severity.name());
  }

  /** Returns the confidence as a word with a capital, for example "Medium". */
  public static String displayName(Confidence confidence) {
    return capitalized(confidence.name());
  }

  /** Returns the style class that colours a severity, for example {@code severity-high}. */
  public static String styleClass(Severity severity) {
    return "severity-" + severity.name().toLowerCase(Locale.ROOT);
  }

  private static String capitalized(String constant) {
    String lower = constant.toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }
}
