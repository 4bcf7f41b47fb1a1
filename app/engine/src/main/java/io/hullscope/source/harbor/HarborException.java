package io.hullscope.source.harbor;

import java.io.IOException;

/** A Harbor request that failed, with the HTTP status of Harbor's response (0 when there was none). */
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

  /** Returns the HTTP status of Harbor's response, or 0 when there was no response. */
  public int status() {
    return status;
  }
}
