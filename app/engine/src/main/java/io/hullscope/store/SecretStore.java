package io.hullscope.store;

import java.io.IOException;

/**
 * Keeps connection secrets (passwords, robot secrets) apart from the database, keyed by connection
 * name. Implementations never log a secret or put it in an exception message.
 */
public interface SecretStore {

  /** Stores {@code secret} for {@code connectionName}, replacing any previous one. */
  void store(String connectionName, String secret) throws IOException;

  /**
   * Returns the secret of {@code connectionName}.
   *
   * @throws SecretNotFoundException when no secret is stored for that name
   * @throws IOException when the secret exists but cannot be read; the message names the connection
   */
  String get(String connectionName) throws IOException;

  /** Deletes the secret of {@code connectionName}; returns false when there was none. */
  boolean delete(String connectionName) throws IOException;

  /** Returns a short description for logs and settings, for example "owner-only files in /home/a/.local/share/hullscope/secrets". */
  String description();
}
