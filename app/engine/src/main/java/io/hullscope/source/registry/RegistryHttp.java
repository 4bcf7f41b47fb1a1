package io.hullscope.source.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the HTTP requests of one registry and turns failures into typed exceptions.
 *
 * <p>It handles 401 challenges through {@link RegistryAuth}, retries GET and HEAD after 429 and
 * 503 with a bounded exponential backoff, and follows redirects itself so that the Authorization
 * header goes only to the registry's own origin: blob redirects to storage hosts carry their own
 * signed URLs. Logs and messages show URLs without query strings, because those hold signatures.
 */
final class RegistryHttp {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);

  private static final int MAX_ERROR_BODY_BYTES = 4096;
  private static final int MAX_ERROR_MESSAGE_CHARS = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String registry;
  private final URI base;
  private final RegistryOptions options;
  private final HttpClient client;
  private final RegistryAuth auth;

  /** A request: method, absolute URI, Accept values, the token scope, and a phrase for messages. */
  record Request(String method, URI uri, List<String> accept, String scope, String operation) {}

  private RegistryHttp(String registry, URI base, RegistryOptions options, HttpClient client) {
    this.registry = registry;
    this.base = base;
    this.options = options;
    this.client = client;
    this.auth = new RegistryAuth(registry, options, client);
  }

  /**
   * Creates the HTTP side of a registry client.
   *
   * @param registry the registry as written in references, for example {@code harbor.example.com}
   * @param apiHost host and port that serve the API; differs from {@code registry} for Docker Hub
   */
  static RegistryHttp create(String registry, String apiHost, RegistryOptions options) throws RegistryException {
    RegistryHostSettings settings = options.host(registry);
    HttpClient.Builder builder = HttpClient.newBuilder()
        .connectTimeout(options.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER);
    String scheme;
    if (settings.insecure()) {
      scheme = "http";
    } else {
      scheme = "https";
      builder.sslContext(RegistryTls.context(settings.caFile(), registry));
    }
    URI base;
    try {
      base = URI.create(scheme + "://" + apiHost + "/");
    } catch (IllegalArgumentException e) {
      throw new RegistryException("invalid registry host '" + apiHost + "'", -1, e);
    }
    return new RegistryHttp(registry, base, options, builder.build());
  }

  String registry() {
    return registry;
  }

  /** Returns the URI of an API path such as {@code v2/team/app/tags/list}. */
  URI uri(String pathAndQuery) {
    return base.resolve(pathAndQuery);
  }

  RegistryAuth auth() {
    return auth;
  }

  /**
   * Sends a request and returns a 2xx response whose body the caller must close.
   *
   * @throws RegistryNotFoundException on 404
   * @throws RegistryAuthException on 401 after authenticating, and on 403
   * @throws RegistryException on any other failure
   */
  HttpResponse<InputStream> send(Request request) throws IOException {
    URI uri = request.uri();
    boolean authenticated = false;
    int retries = 0;
    int redirects = 0;
    Duration backoff = options.initialBackoff();
    while (true) {
      boolean sameOrigin = sameOrigin(uri);
      HttpResponse<InputStream> response = exchange(request, uri, sameOrigin);
      int status = response.statusCode();

      if (status == 401 && sameOrigin && !authenticated) {
        discard(response);
        authenticated = true;
        List<AuthChallenge> challenges = AuthChallenge.parse(response.headers().allValues("WWW-Authenticate"));
        auth.authenticate(challenges, request.scope(), request.operation());
        continue;
      }
      if ((status == 429 || status == 503) && retries < options.maxRetries()) {
        discard(response);
        retries++;
        Duration wait = retryDelay(response, backoff);
        LOG.info("Registry {} answered {} to {} {}; retry {} of {} in {} ms", registry, status, request.method(),
            redact(uri.toString()), retries, options.maxRetries(), wait.toMillis());
        sleep(wait);
        backoff = backoff.multipliedBy(2);
        continue;
      }
      if (isRedirect(status)) {
        discard(response);
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isEmpty()) {
          throw new RegistryException("registry " + registry + " responded with HTTP " + status + " to "
              + request.operation() + " but sent no Location header", status);
        }
        if (++redirects > options.maxRedirects()) {
          throw new RegistryException("registry " + registry + " redirected " + request.operation() + " more than "
              + options.maxRedirects() + " times; the last target was " + redact(location.get()), status);
        }
        URI target = resolveRedirect(uri, location.get(), request.operation());
        LOG.debug("Following a {} redirect of {} to {}", status, request.operation(), redact(target.toString()));
        uri = target;
        continue;
      }
      if (status >= 200 && status < 300) {
        return response;
      }
      throw failure(response, request, uri, sameOrigin);
    }
  }

  private HttpResponse<InputStream> exchange(Request request, URI uri, boolean sameOrigin) throws IOException {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .timeout(options.requestTimeout())
        .method(request.method(), HttpRequest.BodyPublishers.noBody());
    if (!request.accept().isEmpty()) {
      builder.header("Accept", String.join(", ", request.accept()));
    }
    if (sameOrigin) {
      auth.header(request.scope()).ifPresent(value -> builder.header("Authorization", value));
    }
    LOG.debug("{} {}", request.method(), redact(uri.toString()));
    try {
      return client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for registry " + registry);
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new RegistryException("cannot connect to registry " + registry + " at " + redact(uri.toString())
          + " to " + request.operation() + " (" + e.getClass().getSimpleName() + "); check the host name and port"
          + (uri.getScheme().equals("https") ? ", and mark the registry insecure if it serves plain HTTP only" : ""), -1, e);
    } catch (HttpTimeoutException e) {
      throw new RegistryException("the request to registry " + registry + " to " + request.operation() + " timed out after "
          + options.requestTimeout().toSeconds() + " s", -1, e);
    } catch (SSLException e) {
      throw new RegistryException("the TLS connection to registry " + registry + " failed to " + request.operation()
          + ": " + e.getMessage() + "; if the registry serves plain HTTP, mark it insecure, and if it uses a private CA,"
          + " add that CA's certificate file", -1, e);
    } catch (IOException e) {
      throw new RegistryException("the request to registry " + registry + " to " + request.operation()
          + " failed: " + e, -1, e);
    }
  }

  private RegistryException failure(HttpResponse<InputStream> response, Request request, URI uri, boolean sameOrigin)
      throws IOException {
    int status = response.statusCode();
    String detail = errorDetail(response);
    String where = sameOrigin ? "registry " + registry : "storage host " + uri.getHost() + " (redirected from registry " + registry + ")";
    String prefix = where + " responded with HTTP " + status + " to " + request.operation() + detail;
    if (status == 404) {
      return new RegistryNotFoundException(prefix);
    }
    if (status == 401) {
      String hint = auth.hasCredentials()
          ? "it rejected " + auth.credentialsDescription() + ", so check the user name and password"
          : "it requires credentials, so log in with 'docker login " + registry + "' or enter credentials for it";
      return new RegistryAuthException(prefix + "; " + hint, status);
    }
    if (status == 403) {
      String who = auth.hasCredentials() ? auth.credentialsDescription() + " do not grant this access"
          : "anonymous access is not allowed";
      return new RegistryAuthException(prefix + "; " + who + ", so check the permissions of the account or log in", status);
    }
    return new RegistryException(prefix, status);
  }

  /** Reads a capped part of an error body and returns its distribution API error, if any. */
  private static String errorDetail(HttpResponse<InputStream> response) {
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(MAX_ERROR_BODY_BYTES);
    } catch (IOException e) {
      return "";
    }
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode first = root == null ? null : root.path("errors").path(0);
      if (first != null && first.isObject()) {
        String code = first.path("code").asText("");
        String message = first.path("message").asText("");
        return " (" + abbreviate((code + (message.isEmpty() ? "" : ": " + message)).strip()) + ")";
      }
    } catch (IOException e) {
      // Not JSON; the status alone must do.
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return text.isEmpty() || !text.chars().allMatch(c -> c >= ' ' || c == '\n' || c == '\t') ? "" : " (" + abbreviate(text) + ")";
  }

  private URI resolveRedirect(URI from, String location, String operation) throws RegistryException {
    URI target;
    try {
      target = from.resolve(location);
    } catch (IllegalArgumentException e) {
      throw new RegistryException("registry " + registry + " redirected " + operation + " to an invalid URL", 0, e);
    }
    String scheme = target.getScheme();
    boolean https = "https".equalsIgnoreCase(scheme);
    boolean allowedHttp = "http".equalsIgnoreCase(scheme) && target.getRawAuthority() != null
        && options.host(target.getRawAuthority()).insecure();
    boolean sameInsecureOrigin = "http".equalsIgnoreCase(scheme) && sameOrigin(target);
    if (!https && !allowedHttp && !sameInsecureOrigin) {
      throw new RegistryException("registry " + registry + " redirected " + operation + " to " + redact(target.toString())
          + ", which is not HTTPS; mark " + target.getRawAuthority() + " insecure to allow plain HTTP", 0);
    }
    return target;
  }

  private boolean sameOrigin(URI uri) {
    return base.getScheme().equalsIgnoreCase(uri.getScheme())
        && base.getRawAuthority().equalsIgnoreCase(String.valueOf(uri.getRawAuthority()));
  }

  private Duration retryDelay(HttpResponse<?> response, Duration backoff) {
    Duration wait = backoff;
    Optional<String> retryAfter = response.headers().firstValue("Retry-After");
    if (retryAfter.isPresent()) {
      try {
        Duration requested = Duration.ofSeconds(Long.parseLong(retryAfter.get().strip()));
        if (requested.compareTo(wait) > 0) {
          wait = requested;
        }
      } catch (NumberFormatException e) {
        // An HTTP date; the computed backoff is used instead.
      }
    }
    return wait.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : wait;
  }

  private static void sleep(Duration wait) throws InterruptedIOException {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry a registry request");
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** Closes a response body that is not needed, so that its connection can be reused. */
  static void discard(HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      in.readNBytes(MAX_ERROR_BODY_BYTES);
    } catch (IOException e) {
      // The connection is dropped instead of reused.
    }
  }

  /** Returns a URL without user info, query and fragment, for logs and messages. */
  static String redact(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getRawAuthority() == null) {
        return "<relative URL>";
      }
      String host = uri.getHost() == null ? "" : uri.getHost();
      String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
      return uri.getScheme() + "://" + host + port + (uri.getRawPath() == null ? "" : uri.getRawPath());
    } catch (IllegalArgumentException e) {
      return "<invalid URL>";
    }
  }

  private static String abbreviate(String text) {
    String line = text.replaceAll("\\s+", " ");
    return line.length() > MAX_ERROR_MESSAGE_CHARS ? line.substring(0, MAX_ERROR_MESSAGE_CHARS) + "..." : line;
  }
}
