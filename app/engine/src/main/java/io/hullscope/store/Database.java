package io.hullscope.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite database that contains caches and settings, with its schema brought up to date on open.
 *
 * <p>The database runs in WAL mode, so readers do not wait for the one writer. Applied migrations
 * are recorded in {@code schema_version}. One connection is shared, and {@link #transaction} runs work
 * on it under a lock, so the class is safe to use from several threads.
 */
public final class Database implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Database.class);

  /** Work done inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Path file;
  private final Connection connection;

  private Database(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /** Opens (or creates) the database at {@code file} and applies pending migrations. */
  public static Database open(Path file) throws IOException {
    return open(file, Migrations.ALL);
  }

  static Database open(Path file, List<Migration> migrations) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Connection connection = null;
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        statement.execute("PRAGMA foreign_keys=ON");
        statement.execute("PRAGMA busy_timeout=5000");
      }
      Database database = new Database(file, connection);
      database.migrate(migrations);
      return database;
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new IOException("Cannot open the database " + file + ": " + e.getMessage()
          + "; check that the folder is writable, or delete the file to start with an empty cache", e);
    } catch (IOException | RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  public Path file() {
    return file;
  }

  /** The highest applied schema version. */
  public int schemaVersion() throws IOException {
    return transaction(Database::readVersion, "read the schema version");
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   *
   * @param what what the work does, for the error message, for example {@code "store a layer index"}
   */
  public synchronized <T> T transaction(Work<T> work, String what) throws IOException {
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IOException("Cannot " + what + " in the database " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IOException("Cannot close the database " + file + ": " + e.getMessage(), e);
    }
  }

  private void migrate(List<Migration> migrations) throws IOException {
    transaction(connection -> {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
            + " version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
      }
      return null;
    }, "create the schema_version table");
    int current = schemaVersion();
    int newest = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    if (current > newest) {
      throw new IOException("The database " + file + " has schema version " + current
          + ", newer than this Hullscope knows (" + newest + "); update Hullscope or use another data folder");
    }
    for (Migration migration : migrations) {
      if (migration.version() > current) {
        apply(migration);
      }
    }
  }

  private void apply(Migration migration) throws IOException {
    transaction(connection -> {
      try (Statement statement = connection.createStatement()) {
        for (String sql : migration.statements()) {
          statement.execute(sql);
        }
      }
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
        insert.setInt(1, migration.version());
        insert.setString(2, migration.description());
        insert.setString(3, Instant.now().toString());
        insert.executeUpdate();
      }
      return null;
    }, "apply schema migration " + migration.version() + " (" + migration.description() + ")");
    log.info("Applied schema migration {} ({}) to {}", migration.version(), migration.description(), file);
  }

  private static int readVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      return rows.next() ? rows.getInt(1) : 0;
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      log.debug("Ignoring a failure to close a database connection that failed to open", e);
    }
  }
}
