package io.hullscope.source.registry;

import java.nio.file.Path;

/**
 * Connection settings for one registry host.
 *
 * @param insecure true to talk plain HTTP to this host. It applies to this host only, also for
 *     {@code localhost} and {@code 127.0.0.1}; every other host keeps HTTPS with verification
 * @param caFile a PEM file with one or more CA certificates that are trusted for this host in
 *     addition to the JDK's trusted CAs, or null
 * @param credentials credentials for this host that take precedence over the {@link CredentialStore}, or null
 */
public record RegistryHostSettings(boolean insecure, Path caFile, Credentials credentials) {

  /** HTTPS with the JDK's trusted CAs and credentials from the store. */
  public static final RegistryHostSettings DEFAULT = new RegistryHostSettings(false, null, null);

  public RegistryHostSettings withInsecure(boolean value) {
    return new RegistryHostSettings(value, caFile, credentials);
  }

  public RegistryHostSettings withCaFile(Path value) {
    return new RegistryHostSettings(insecure, value, credentials);
  }

  public RegistryHostSettings withCredentials(Credentials value) {
    return new RegistryHostSettings(insecure, caFile, value);
  }
}
