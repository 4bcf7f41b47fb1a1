package io.hullscope.source.registry;

import io.hullscope.image.Limits;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings shared by every registry client: where credentials come from, per-host settings, read
 * limits, timeouts and the retry policy. Instances are immutable; the {@code with} methods return
 * changed copies.
 *
 * @param credentialStore where credentials come from when a host's settings name none
 * @param hosts settings by registry host as written in references (for example {@code 127.0.0.1:5000})
 * @param limits read limits; {@link Limits#maxMetadataSize()} bounds manifests, configs and API responses
 * @param connectTimeout time allowed to open a connection
 * @param requestTimeout time allowed until the response headers of one request arrive
 * @param maxRetries how often a GET or HEAD is repeated after 429 or 503 (0 for never)
 * @param initialBackoff wait before the first retry; it doubles per retry, and a server's
 *     {@code Retry-After} replaces it when that is longer
 * @param maxBackoff longest wait before one retry, also when {@code Retry-After} requests more
 * @param maxRedirects how many redirects one request follows
 * @param maxListEntries most tags, repositories or referrers one listing returns across all pages
 */
public record RegistryOptions(
    CredentialStore credentialStore,
    Map<String, RegistryHostSettings> hosts,
    Limits limits,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    int maxRedirects,
    int maxListEntries) {

  /** No credentials, HTTPS everywhere, default limits, three retries waiting at most 10 s each. */
  public static final RegistryOptions DEFAULT = new RegistryOptions(CredentialStore.NONE, Map.of(), Limits.DEFAULT,
      Duration.ofSeconds(20), Duration.ofSeconds(60), 3, Duration.ofMillis(500), Duration.ofSeconds(10), 5, 100_000);

  public RegistryOptions {
    hosts = Map.copyOf(hosts);
    if (maxRetries < 0 || maxRedirects < 0 || maxListEntries <= 0) {
      throw new IllegalArgumentException("maxRetries and maxRedirects must not be negative, and maxListEntries must be positive");
    }
  }

  /** Returns the settings for {@code registry}, or {@link RegistryHostSettings#DEFAULT}. */
  public RegistryHostSettings host(String registry) {
    return hosts.getOrDefault(registry, RegistryHostSettings.DEFAULT);
  }

  public RegistryOptions withCredentialStore(CredentialStore value) {
    return new RegistryOptions(value, hosts, limits, connectTimeout, requestTimeout, maxRetries, initialBackoff,
        maxBackoff, maxRedirects, maxListEntries);
  }

  /** Returns a copy with the settings of one host replaced. */
  public RegistryOptions withHost(String registry, RegistryHostSettings settings) {
    Map<String, RegistryHostSettings> copy = new HashMap<>(hosts);
    copy.put(registry, settings);
    return new RegistryOptions(credentialStore, copy, limits, connectTimeout, requestTimeout, maxRetries,
        initialBackoff, maxBackoff, maxRedirects, maxListEntries);
  }

  public RegistryOptions withLimits(Limits value) {
    return new RegistryOptions(credentialStore, hosts, value, connectTimeout, requestTimeout, maxRetries,
        initialBackoff, maxBackoff, maxRedirects, maxListEntries);
  }

  public RegistryOptions withRetries(int retries, Duration initial, Duration max) {
    return new RegistryOptions(credentialStore, hosts, limits, connectTimeout, requestTimeout, retries, initial, max,
        maxRedirects, maxListEntries);
  }

  public RegistryOptions withTimeouts(Duration connect, Duration request) {
    return new RegistryOptions(credentialStore, hosts, limits, connect, request, maxRetries, initialBackoff, maxBackoff,
        maxRedirects, maxListEntries);
  }

  public RegistryOptions withMaxListEntries(int value) {
    return new RegistryOptions(credentialStore, hosts, limits, connectTimeout, requestTimeout, maxRetries,
        initialBackoff, maxBackoff, maxRedirects, value);
  }
}
