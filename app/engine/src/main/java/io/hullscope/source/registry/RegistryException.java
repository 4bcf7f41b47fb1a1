package io.hullscope.source.registry;

import java.io.IOException;

/**
 * A registry request failed: the registry could not be reached, rejected the request, or answered
 * with something that is not the distribution API. The message names the registry, the operation
 * and what to check; it never contains credentials or tokens.
 */
public class RegistryException extends IOException {

  private final int status;

  /**
   * @param status the HTTP status of the failed response, or -1 when no response arrived
   */
  public RegistryException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public RegistryException(String message, int status) {
    this(message, status, null);
  }

  /** Returns the HTTP status of the failed response, or -1 when no response arrived. */
  public int status() {
    return status;
  }
}
