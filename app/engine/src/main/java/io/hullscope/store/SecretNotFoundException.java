package io.hullscope.store;

import java.io.IOException;

/** Raised when a connection has no stored secret. */
public final class SecretNotFoundException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String connectionName;

  public SecretNotFoundException(String connectionName, String message) {
    super(message);
    this.connectionName = connectionName;
  }

  /** Returns the name of the connection whose secret is missing. */
  public String connectionName() {
    return connectionName;
  }
}
