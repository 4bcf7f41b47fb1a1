package io.hullscope.compare;

/**
 * One difference between two image configs.
 *
 * @param field the config field, for example {@code User}, {@code Env} or {@code Labels}
 * @param key the entry within the field: the variable name of {@code Env}, the label name, the port;
 *     empty for single-valued fields
 * @param before the left image's value, or null when only the right image has it
 * @param after the right image's value, or null when only the left image has it
 */
public record ConfigChange(String field, String key, String before, String after) {

  /** Kind of change to a config entry, from the left image to the right one. */
  public enum Kind { ADDED, REMOVED, CHANGED }

  /** Returns whether the entry was added, removed or changed. */
  public Kind kind() {
    if (before == null) {
      return Kind.ADDED;
    }
    return after == null ? Kind.REMOVED : Kind.CHANGED;
  }
}
