package io.hullscope.check;

import java.util.Map;

/**
 * Thresholds a policy file sets for the checks, for example the wasted bytes above which a
 * finding is raised. Keys are {@code CHECK-ID.name}; a check falls back to its default for a
 * key the policy does not set.
 */
public record CheckSettings(Map<String, String> values) {

  /** No settings: every check uses its defaults. */
  public static final CheckSettings DEFAULTS = new CheckSettings(Map.of());

  public CheckSettings {
    values = values == null ? Map.of() : Map.copyOf(values);
  }

  /**
   * Returns the number set for {@code key}, or {@code fallback} when it is not set.
   *
   * @throws IllegalArgumentException when the value is set but is not a whole number
   */
  public long number(String key, long fallback) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("setting " + key + " must be a whole number, not '" + value + "'", e);
    }
  }
}
