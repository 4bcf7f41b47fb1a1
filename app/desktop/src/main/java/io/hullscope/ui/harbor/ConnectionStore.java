package io.hullscope.ui.harbor;

import io.hullscope.source.harbor.HarborConnection;
import io.hullscope.store.HarborConnections;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Storage of the window's Harbor connections, normally {@link HarborConnections} (settings in
 * SQLite, secrets in the keychain or an owner-only file). Without a database the connections stay
 * in memory until the window closes.
 */
public interface ConnectionStore {

  /** Returns the names of the saved connections, sorted. */
  List<String> names() throws IOException;

  /** Returns a saved connection with its secret; may run a keychain helper, so call it off the FX thread. */
  HarborConnection open(String name) throws IOException;

  /** Saves a connection under a name, replacing one of the same name. */
  void save(String name, HarborConnection connection) throws IOException;

  /** Deletes a connection and its secret. */
  void delete(String name) throws IOException;

  /**
   * Returns a store backed by saved connections. They are created on first use, which happens on a
   * worker thread, because choosing the secret store may start {@code secret-tool}.
   */
  static ConnectionStore of(Supplier<HarborConnections> factory) {
    return new ConnectionStore() {
      private HarborConnections connections;

      private synchronized HarborConnections connections() {
        if (connections == null) {
          connections = factory.get();
        }
        return connections;
      }

      @Override
      public List<String> names() throws IOException {
        return connections().list().stream().map(saved -> saved.name()).toList();
      }

      @Override
      public HarborConnection open(String name) throws IOException {
        return connections().open(name);
      }

      @Override
      public void save(String name, HarborConnection connection) throws IOException {
        connections().save(name, connection);
      }

      @Override
      public void delete(String name) throws IOException {
        connections().delete(name);
      }
    };
  }

  /** Returns a store that keeps its connections in memory only, until the window closes. */
  static ConnectionStore inMemory() {
    Map<String, HarborConnection> saved = new TreeMap<>();
    return new ConnectionStore() {
      @Override
      public synchronized List<String> names() {
        return List.copyOf(saved.keySet());
      }

      @Override
      public synchronized HarborConnection open(String name) throws IOException {
        HarborConnection connection = saved.get(name);
        if (connection == null) {
          throw new IOException("No Harbor connection is saved under the name '" + name + "'");
        }
        return connection;
      }

      @Override
      public synchronized void save(String name, HarborConnection connection) {
        saved.put(name, connection);
      }

      @Override
      public synchronized void delete(String name) {
        saved.remove(name);
      }
    };
  }
}
