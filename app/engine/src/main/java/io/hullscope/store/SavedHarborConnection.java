package io.hullscope.store;

import io.hullscope.source.harbor.HarborConnection;
import java.net.URI;
import java.nio.file.Path;

/**
 * The settings of a saved Harbor connection: everything in {@link HarborConnection} except the
 * secret, which a {@link SecretStore} keeps under the same name.
 *
 * @param name the name the user gave the connection; unique
 * @param username null for anonymous access
 * @param caFile null to trust only the system's certificate authorities
 */
public record SavedHarborConnection(String name, URI url, String username, Path caFile, boolean insecure,
    String robotPrefix) {

  /** Returns true when the connection has a user and therefore a stored secret. */
  public boolean hasCredentials() {
    return username != null;
  }

  /** Returns the connection with {@code secret}, which must be null exactly when there is no user. */
  public HarborConnection withSecret(String secret) {
    return new HarborConnection(url, username, secret, caFile, insecure, robotPrefix);
  }

  /** Returns the settings of {@code connection} under {@code name}, dropping its secret. */
  static SavedHarborConnection of(String name, HarborConnection connection) {
    return new SavedHarborConnection(name, connection.url(), connection.username(), connection.caFile(),
        connection.insecure(), connection.robotPrefix());
  }
}
