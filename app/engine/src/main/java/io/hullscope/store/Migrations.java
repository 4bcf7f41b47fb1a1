package io.hullscope.store;

import java.util.List;

/** Every schema migration, in version order. Add new steps at the end. */
final class Migrations {

  static final List<Migration> ALL = List.of(
      new Migration(1, "layer index cache", List.of(
          "CREATE TABLE layer_index ("
              + " diff_id TEXT PRIMARY KEY,"
              + " index_format INTEGER NOT NULL,"
              + " entry_count INTEGER NOT NULL,"
              + " data BLOB NOT NULL,"
              + " created_at TEXT NOT NULL)")),
      new Migration(2, "layer catalog cache", List.of(
          "CREATE TABLE layer_catalog ("
              + " diff_id TEXT PRIMARY KEY,"
              + " catalogers TEXT NOT NULL,"
              + " data BLOB NOT NULL,"
              + " created_at TEXT NOT NULL)")),
      // The secret has no column because a SecretStore keeps it, so the database files never contain it.
      new Migration(3, "harbor connections", List.of(
          "CREATE TABLE harbor_connection ("
              + " name TEXT PRIMARY KEY,"
              + " url TEXT NOT NULL,"
              + " username TEXT,"
              + " ca_file TEXT,"
              + " insecure INTEGER NOT NULL,"
              + " robot_prefix TEXT NOT NULL,"
              + " updated_at TEXT NOT NULL)")),
      new Migration(4, "layer account files cache", List.of(
          "CREATE TABLE layer_accounts ("
              + " diff_id TEXT PRIMARY KEY,"
              + " data BLOB NOT NULL,"
              + " created_at TEXT NOT NULL)")),
      // Only redacted hits are stored: kind, confidence, reason and a value shortened by check.Redaction.
      new Migration(5, "layer secret scan cache", List.of(
          "CREATE TABLE layer_secrets ("
              + " diff_id TEXT PRIMARY KEY,"
              + " detector TEXT NOT NULL,"
              + " data BLOB NOT NULL,"
              + " created_at TEXT NOT NULL)")));

  private Migrations() {}
}
