package io.hullscope.report;

import java.io.IOException;

/** A policy file that cannot be used: unreadable, too large, not YAML, or with a wrong key or value. */
public final class PolicyFileException extends IOException {

  private static final long serialVersionUID = 1L;

  private final int line;

  /**
   * @param file the file name as the user gave it
   * @param line the 1-based line of the problem, or 0 when it has no line
   * @param problem what is wrong and how to fix it
   */
  PolicyFileException(String file, int line, String problem, Throwable cause) {
    super(file + (line > 0 ? ", line " + line : "") + ": " + problem, cause);
    this.line = line;
  }

  /** Returns the 1-based line of the problem, or 0 when it has no line (for example an unreadable file). */
  public int line() {
    return line;
  }
}
