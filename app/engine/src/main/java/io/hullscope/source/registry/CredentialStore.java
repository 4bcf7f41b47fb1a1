package io.hullscope.source.registry;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** Finds the credentials for a registry, for example in {@code ~/.docker/config.json}. */
public interface CredentialStore {

  /** A store without credentials: every registry is used anonymously. */
  CredentialStore NONE = registry -> Optional.empty();

  /**
   * Returns the credentials for a registry.
   *
   * @param registry the registry as written in image references, for example {@code harbor.example.com}
   *     or {@code 127.0.0.1:5000}; {@code docker.io} for Docker Hub
   * @throws IOException when a credential helper fails; a registry without credentials is not an error
   */
  Optional<Credentials> lookup(String registry) throws IOException;

  /** Returns a store that holds exactly the given credentials, by registry. */
  static CredentialStore of(Map<String, Credentials> byRegistry) {
    Map<String, Credentials> copy = Map.copyOf(byRegistry);
    return registry -> Optional.ofNullable(copy.get(registry));
  }
}
