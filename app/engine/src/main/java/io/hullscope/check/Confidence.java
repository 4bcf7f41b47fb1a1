package io.hullscope.check;

/**
 * How sure a check is that a finding is real. Checks that read a config field or a file mode are
 * certain; pattern matches on file contents, such as secret detection, may hit look-alikes.
 */
public enum Confidence {
  /** The finding follows from facts: a config value, a file mode, a known key format with a valid structure. */
  HIGH,
  /** A strong pattern in a place where real secrets usually live. */
  MEDIUM,
  /** A weak pattern, or a strong one in a place where examples are common (docs, tests). */
  LOW
}
