package io.hullscope.ui.prefs;

import java.nio.file.Path;

/**
 * Connection settings of one OCI registry, applied whenever the window reads an image from it.
 *
 * @param host registry host with an optional port, for example {@code 127.0.0.1:5000}
 * @param insecure true to reach the registry over plain HTTP
 * @param caFile extra certificate authorities to trust, or null
 */
public record SavedRegistryHost(String host, boolean insecure, Path caFile) {

  public SavedRegistryHost {
    if (host == null || host.isBlank() || host.contains("/") || host.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("invalid registry host '" + host
          + "': give a host name with an optional port, such as 127.0.0.1:5000");
    }
  }
}
