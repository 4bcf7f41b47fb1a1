package io.hullscope.source.harbor;

import java.io.IOException;

/** A Harbor request that failed, with the HTTP status when Harbor answered (0 otherwise). */
public class HarborException extends IOException {

  private final int status;

  public HarborException(String message, int status) {
    super(message);
    this.status = status;
  }

  public HarborException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
  }

  /** Returns the HTTP status Harbor answered with, or 0 when there was no answer. */
  public int status() {
    return status;
  }
}
