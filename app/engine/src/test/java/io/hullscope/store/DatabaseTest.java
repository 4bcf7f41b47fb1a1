package io.hullscope.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

  @TempDir
  Path folder;

  @Test
  void openAppliesAllMigrations() throws IOException {
    try (Database database = Database.open(folder.resolve("sub/dir/test.db"))) {
      assertThat(database.schemaVersion()).isEqualTo(Migrations.ALL.get(Migrations.ALL.size() - 1).version());
      assertThat(tableExists(database, "layer_index")).isTrue();
    }
  }

  @Test
  void databaseRunsInWalMode() throws IOException {
    try (Database database = Database.open(folder.resolve("test.db"))) {
      String mode = database.transaction(connection -> {
        try (Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
          rows.next();
          return rows.getString(1);
        }
      }, "read the journal mode");

      assertThat(mode).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void reopeningAppliesOnlyNewMigrations() throws IOException {
    Path file = folder.resolve("test.db");
    Migration first = new Migration(1, "first", List.of("CREATE TABLE one (x INTEGER)"));
    Migration second = new Migration(2, "second", List.of("CREATE TABLE two (x INTEGER)"));
    Database.open(file, List.of(first)).close();

    try (Database database = Database.open(file, List.of(first, second))) {
      assertThat(database.schemaVersion()).isEqualTo(2);
      assertThat(tableExists(database, "two")).isTrue();
    }
  }

  @Test
  void failedMigrationLeavesVersionUnchanged() throws IOException {
    Path file = folder.resolve("test.db");
    Migration first = new Migration(1, "first", List.of("CREATE TABLE one (x INTEGER)"));
    Migration broken = new Migration(2, "broken", List.of("CREATE TABLE two (x INTEGER)", "NOT SQL"));
    Database.open(file, List.of(first)).close();

    assertThatThrownBy(() -> Database.open(file, List.of(first, broken)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("migration 2");
    try (Database database = Database.open(file, List.of(first))) {
      assertThat(database.schemaVersion()).isEqualTo(1);
      assertThat(tableExists(database, "two")).isFalse();
    }
  }

  @Test
  void newerSchemaIsRefused() throws IOException {
    Path file = folder.resolve("test.db");
    Database.open(file, List.of(
        new Migration(1, "first", List.of("CREATE TABLE one (x INTEGER)")),
        new Migration(2, "second", List.of("CREATE TABLE two (x INTEGER)")))).close();

    assertThatThrownBy(() -> Database.open(file, List.of(new Migration(1, "first", List.of("CREATE TABLE one (x INTEGER)")))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("schema version 2");
  }

  @Test
  void failedTransactionIsRolledBack() throws IOException {
    try (Database database = Database.open(folder.resolve("test.db"))) {
      assertThatThrownBy(() -> database.transaction(connection -> {
        try (Statement statement = connection.createStatement()) {
          statement.execute("CREATE TABLE scratch (x INTEGER)");
          statement.execute("INSERT INTO missing VALUES (1)");
        }
        return null;
      }, "fill scratch"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("fill scratch");

      assertThat(tableExists(database, "scratch")).isFalse();
    }
  }

  @Test
  void fileThatIsNoDatabaseIsReported() throws IOException {
    Path file = folder.resolve("not-a.db");
    Files.writeString(file, "this is not an SQLite database");

    assertThatThrownBy(() -> Database.open(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("delete the file");
  }

  private static boolean tableExists(Database database, String table) throws IOException {
    return database.transaction(connection -> {
      try (var select = connection.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
        select.setString(1, table);
        try (ResultSet rows = select.executeQuery()) {
          return rows.next();
        }
      }
    }, "look up table " + table);
  }

}
