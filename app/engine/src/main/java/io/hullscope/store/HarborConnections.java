package io.hullscope.store;

import io.hullscope.source.harbor.HarborConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves Harbor connections by name: the settings in the {@code harbor_connection} table, the secret
 * in a {@link SecretStore}. The database never receives the secret, so neither the database file
 * nor its WAL and shared-memory files can contain it.
 */
public final class HarborConnections {

  /** Maximum length of a connection name in characters. */
  public static final int MAX_NAME_LENGTH = 100;

  private static final Logger log = LoggerFactory.getLogger(HarborConnections.class);

  private final Database database;
  private final SecretStore secrets;

  public HarborConnections(Database database, SecretStore secrets) {
    this.database = database;
    this.secrets = secrets;
  }

  /** Returns the store that keeps the secrets. */
  public SecretStore secretStore() {
    return secrets;
  }

  /**
   * Saves {@code connection} under {@code name}, replacing a connection of that name. Its secret
   * goes to the secret store, and an anonymous connection deletes any secret left from before.
   *
   * @throws IllegalArgumentException when the name is blank, longer than {@value #MAX_NAME_LENGTH}
   *     characters, has spaces at either end or contains control characters
   */
  public void save(String name, HarborConnection connection) throws IOException {
    checkName(name);
    SavedHarborConnection saved = SavedHarborConnection.of(name, connection);
    try {
      // The secret is written inside the transaction, so a failed secret store rolls the row back.
      // NOTE: this holds the database lock while secret-tool runs, which can wait for a keyring prompt.
      database.transaction(sql -> {
        upsert(sql, saved);
        try {
          if (connection.hasCredentials()) {
            secrets.store(name, connection.secret());
          } else {
            secrets.delete(name);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return null;
      }, "save Harbor connection '" + name + "'");
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    log.info("Saved Harbor connection '{}' ({})", name, connection);
  }

  /** Returns every saved connection, without secrets, ordered by name. */
  public List<SavedHarborConnection> list() throws IOException {
    return database.transaction(sql -> {
      try (PreparedStatement select = sql.prepareStatement(
          "SELECT name, url, username, ca_file, insecure, robot_prefix FROM harbor_connection ORDER BY name")) {
        try (ResultSet rows = select.executeQuery()) {
          List<SavedHarborConnection> result = new ArrayList<>();
          while (rows.next()) {
            result.add(read(rows));
          }
          return result;
        }
      }
    }, "list the saved Harbor connections");
  }

  /** Returns the settings of connection {@code name} without its secret, or empty when none is saved. */
  public Optional<SavedHarborConnection> find(String name) throws IOException {
    return database.transaction(sql -> {
      try (PreparedStatement select = sql.prepareStatement(
          "SELECT name, url, username, ca_file, insecure, robot_prefix FROM harbor_connection WHERE name = ?")) {
        select.setString(1, name);
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? Optional.of(read(rows)) : Optional.<SavedHarborConnection>empty();
        }
      }
    }, "read Harbor connection '" + name + "'");
  }

  /**
   * Returns connection {@code name} with its secret, ready for {@code HarborClient}.
   *
   * @throws IOException when no connection has that name, or its secret is missing or unreadable.
   *     The message names the connection.
   */
  public HarborConnection open(String name) throws IOException {
    SavedHarborConnection saved = find(name).orElseThrow(() -> new IOException(
        "No Harbor connection is saved under the name '" + name + "'"));
    if (!saved.hasCredentials()) {
      return saved.withSecret(null);
    }
    return saved.withSecret(secrets.get(name));
  }

  /** Deletes connection {@code name} and its secret; returns false when no connection had that name. */
  public boolean delete(String name) throws IOException {
    boolean deleted = database.transaction(sql -> {
      try (PreparedStatement delete = sql.prepareStatement("DELETE FROM harbor_connection WHERE name = ?")) {
        delete.setString(1, name);
        return delete.executeUpdate() > 0;
      }
    }, "delete Harbor connection '" + name + "'");
    // A secret without a row is deleted too, so that an earlier failure leaves nothing behind.
    boolean secretDeleted = secrets.delete(name);
    if (deleted || secretDeleted) {
      log.info("Deleted Harbor connection '{}'", name);
    }
    return deleted;
  }

  private static void upsert(Connection sql, SavedHarborConnection saved) throws SQLException {
    try (PreparedStatement insert = sql.prepareStatement(
        "INSERT OR REPLACE INTO harbor_connection (name, url, username, ca_file, insecure, robot_prefix, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, saved.name());
      insert.setString(2, saved.url().toString());
      insert.setString(3, saved.username());
      insert.setString(4, saved.caFile() == null ? null : saved.caFile().toString());
      insert.setInt(5, saved.insecure() ? 1 : 0);
      insert.setString(6, saved.robotPrefix());
      insert.setString(7, Instant.now().toString());
      insert.executeUpdate();
    }
  }

  private static SavedHarborConnection read(ResultSet rows) throws SQLException {
    String name = rows.getString("name");
    String url = rows.getString("url");
    String caFile = rows.getString("ca_file");
    try {
      return new SavedHarborConnection(name, new URI(url), rows.getString("username"),
          caFile == null ? null : Path.of(caFile), rows.getInt("insecure") != 0, rows.getString("robot_prefix"));
    } catch (URISyntaxException e) {
      throw new SQLException("Harbor connection '" + name + "' has an invalid saved URL '" + url
          + "'; delete the connection and add it again", e);
    }
  }

  private static void checkName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Invalid Harbor connection name: it is empty; give a name such as 'prod'");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("The Harbor connection name '" + name.substring(0, 20) + "...' is "
          + name.length() + " characters long; the maximum is " + MAX_NAME_LENGTH);
    }
    if (!name.strip().equals(name)) {
      throw new IllegalArgumentException("The Harbor connection name '" + name + "' starts or ends with spaces");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("The Harbor connection name contains control characters; use printable"
          + " characters only");
    }
  }
}
