package io.hullscope.check;

import java.util.Map;

/**
 * Thresholds a policy file sets for the checks, for example the wasted bytes above which a
 * finding is raised. Keys are {@code CHECK-ID.name}; a check falls back to its default for a
 * key the policy does not set.
 */
public record CheckSettings(Map<String, String> values, Map<String, String> origins) {

  /** No settings: every check uses its defaults. */
  public static final CheckSettings DEFAULTS = new CheckSettings(Map.of());

  /**
   * @param origins where each value was written, such as {@code policy.yaml line 7}, for error
   *     messages; a key without an origin is reported without one
   */
  public CheckSettings {
    values = values == null ? Map.of() : Map.copyOf(values);
    origins = origins == null ? Map.of() : Map.copyOf(origins);
  }

  /** Settings whose origins are unknown. */
  public CheckSettings(Map<String, String> values) {
    this(values, Map.of());
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
      String origin = origins.get(key);
      throw new IllegalArgumentException("setting " + key + " must be a whole number, not '" + value + "'"
          + (origin == null ? "" : " (" + origin + ")"), e);
    }
  }
}
