package io.hullscope.store;

import java.util.List;

/**
 * One step of the database schema. Versions start at 1 and grow by one; a released migration is
 * never changed, a new one is added instead.
 */
record Migration(int version, String description, List<String> statements) {

  Migration {
    statements = List.copyOf(statements);
  }
}
