package io.hullscope.source.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication state of one registry: the scheme it asked for, and bearer tokens cached per
 * scope until shortly before they expire.
 *
 * <p>The token flow follows the distribution token specification
 * (https://distribution.github.io/distribution/spec/auth/token/): on a 401 with a {@code Bearer}
 * challenge, GET the {@code realm} with {@code service} and {@code scope}, using Basic auth when
 * credentials exist, and read {@code token} or {@code access_token}. An identity token is sent as
 * an OAuth2 refresh token in a POST instead (spec/auth/oauth). Credentials are looked up on the
 * first challenge only, so anonymous registries never start a credential helper.
 */
final class RegistryAuth {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryAuth.class);

  /** Token lifetime the token spec assumes when the response names none, in seconds. */
  private static final long DEFAULT_EXPIRES_SECONDS = 60;
  /** A token this close to expiry is fetched again, so that it cannot expire mid-request. */
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);
  private static final int MAX_TOKEN_RESPONSE_BYTES = 1 << 20;
  private static final String CLIENT_ID = "hullscope";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String registry;
  private final RegistryOptions options;
  private final HttpClient client;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private volatile boolean credentialsLoaded;
  private volatile Credentials credentials;
  private volatile String basicHeader;

  private record Token(String value, Instant refreshAfter) {}

  RegistryAuth(String registry, RegistryOptions options, HttpClient client) {
    this.registry = registry;
    this.options = options;
    this.client = client;
  }

  /** Returns the Authorization header for a request in {@code scope}, when one is known. */
  Optional<String> header(String scope) {
    if (basicHeader != null) {
      return Optional.of(basicHeader);
    }
    Token token = tokens.get(scopeKey(scope));
    if (token != null && Instant.now().isBefore(token.refreshAfter())) {
      return Optional.of("Bearer " + token.value());
    }
    return Optional.empty();
  }

  /** Returns true when credentials exist for this registry (looking them up if needed). */
  boolean hasCredentials() throws IOException {
    return credentials() != null;
  }

  /** Describes the credentials for messages, without the secret. */
  String credentialsDescription() throws IOException {
    Credentials found = credentials();
    if (found == null) {
      return "no credentials";
    }
    return found.username() == null ? "an identity token" : "the credentials of user " + found.username();
  }

  /**
   * Handles a 401 response: remembers Basic auth or fetches a bearer token for {@code scope}.
   *
   * @param scope the scope the request needs, for example {@code repository:team/app:pull}, or null
   * @throws RegistryAuthException when the challenge cannot be met
   */
  void authenticate(List<AuthChallenge> challenges, String scope, String operation) throws IOException {
    AuthChallenge bearer = find(challenges, "bearer");
    if (bearer != null) {
      fetchToken(bearer, scope, operation);
      return;
    }
    AuthChallenge basic = find(challenges, "basic");
    if (basic != null) {
      Credentials found = credentials();
      if (found == null || !found.hasPassword()) {
        throw new RegistryAuthException("registry " + registry + " requires a user name and password to "
            + operation + "; log in with 'docker login " + registry + "' or enter credentials for it", 401);
      }
      String pair = found.username() + ":" + found.password();
      basicHeader = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
      return;
    }
    List<String> schemes = new ArrayList<>();
    for (AuthChallenge challenge : challenges) {
      schemes.add(challenge.scheme());
    }
    throw new RegistryAuthException("registry " + registry + " responded with HTTP 401 to " + operation
        + (schemes.isEmpty() ? " without a WWW-Authenticate challenge" : " with unsupported authentication schemes " + schemes)
        + "; only Bearer and Basic are supported", 401);
  }

  private void fetchToken(AuthChallenge challenge, String scope, String operation) throws IOException {
    String realm = challenge.parameter("realm");
    if (realm == null || realm.isBlank()) {
      throw new RegistryAuthException("registry " + registry + " asked for a bearer token but named no token realm", 401);
    }
    URI realmUri;
    try {
      realmUri = URI.create(realm);
    } catch (IllegalArgumentException e) {
      throw new RegistryAuthException("registry " + registry + " named an invalid token realm " + RegistryHttp.redact(realm), 401);
    }
    checkRealm(realmUri);

    List<String> scopes = new ArrayList<>();
    String challengeScope = challenge.parameter("scope");
    if (challengeScope != null && !challengeScope.isBlank()) {
      scopes.addAll(List.of(challengeScope.strip().split("\\s+")));
    } else if (scope != null) {
      scopes.add(scope);
    }
    StringBuilder form = new StringBuilder();
    String service = challenge.parameter("service");
    if (service != null) {
      append(form, "service", service);
    }
    for (String item : scopes) {
      append(form, "scope", item);
    }

    Credentials found = credentials();
    HttpRequest request;
    Duration timeout = options.requestTimeout();
    if (found != null && !found.hasPassword()) {
      // NOTE: token services without OAuth2 return 404 for this POST, and the distribution docs
      // say to fall back to GET with Basic auth then; an identity token has no password for that,
      // so such a registry fails here with the 404.
      append(form, "grant_type", "refresh_token");
      append(form, "refresh_token", found.identityToken());
      append(form, "client_id", CLIENT_ID);
      request = HttpRequest.newBuilder(realmUri).timeout(timeout)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
    } else {
      URI uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + form);
      HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).GET();
      if (found != null) {
        String pair = found.username() + ":" + found.password();
        builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
      }
      request = builder.build();
    }
    LOG.debug("Fetching a token for {} on registry {} from {} ({})", scopes, registry, RegistryHttp.redact(realm),
        found == null ? "anonymous" : "with credentials");

    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while fetching a token for registry " + registry);
    } catch (IOException e) {
      throw new RegistryException("cannot reach the token service " + RegistryHttp.redact(realm) + " of registry "
          + registry + ": " + e, -1, e);
    }
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(MAX_TOKEN_RESPONSE_BYTES + 1);
    }
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      String problem = found == null
          ? "it requires credentials for " + scopes + " (HTTP " + status + "), so log in with 'docker login " + registry
              + "' or enter credentials for it"
          : "it rejected " + credentialsDescription() + " for " + scopes + " (HTTP " + status
              + "), so check the user name and password";
      throw new RegistryAuthException("the token service of registry " + registry + " failed: " + problem, status);
    }
    if (status != 200) {
      throw new RegistryException("the token service " + RegistryHttp.redact(realm) + " of registry " + registry
          + " answered HTTP " + status + " to a token request for " + scopes, status);
    }
    if (body.length > MAX_TOKEN_RESPONSE_BYTES) {
      throw new RegistryException("the token response of registry " + registry + " is larger than "
          + MAX_TOKEN_RESPONSE_BYTES + " bytes", status);
    }
    tokens.put(scopeKey(scope), parseToken(body));
  }

  private Token parseToken(byte[] body) throws RegistryException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      // Jackson quotes the input, which contains the token, so the cause is dropped.
      throw new RegistryException("the token response of registry " + registry + " is not valid JSON", 200);
    }
    if (root == null || !root.isObject()) {
      throw new RegistryException("the token response of registry " + registry + " is not a JSON object", 200);
    }
    JsonNode tokenField = root.path("token");
    if (!tokenField.isTextual() || tokenField.asText().isEmpty()) {
      tokenField = root.path("access_token");
    }
    if (!tokenField.isTextual() || tokenField.asText().isEmpty()) {
      throw new RegistryException("the token response of registry " + registry
          + " has no 'token' or 'access_token' string", 200);
    }
    String token = tokenField.asText();
    long expiresIn = root.path("expires_in").asLong(DEFAULT_EXPIRES_SECONDS);
    if (expiresIn <= 0) {
      expiresIn = DEFAULT_EXPIRES_SECONDS;
    }
    Duration lifetime = Duration.ofSeconds(expiresIn);
    Duration margin = lifetime.compareTo(EXPIRY_MARGIN.multipliedBy(2)) > 0 ? EXPIRY_MARGIN : lifetime.dividedBy(2);
    return new Token(token, Instant.now().plus(lifetime).minus(margin));
  }

  /** Rejects a realm that would send credentials over plain HTTP to a host not marked insecure. */
  private void checkRealm(URI realm) throws RegistryAuthException {
    String scheme = realm.getScheme();
    if ("https".equalsIgnoreCase(scheme)) {
      return;
    }
    if ("http".equalsIgnoreCase(scheme) && realm.getRawAuthority() != null
        && options.host(realm.getRawAuthority()).insecure()) {
      return;
    }
    throw new RegistryAuthException("registry " + registry + " sends token requests to " + RegistryHttp.redact(realm.toString())
        + ", which is not HTTPS; mark " + realm.getRawAuthority() + " insecure to allow plain HTTP", 401);
  }

  private Credentials credentials() throws IOException {
    if (!credentialsLoaded) {
      synchronized (this) {
        if (!credentialsLoaded) {
          Credentials configured = options.host(registry).credentials();
          credentials = configured != null ? configured : options.credentialStore().lookup(registry).orElse(null);
          credentialsLoaded = true;
        }
      }
    }
    return credentials;
  }

  private static AuthChallenge find(List<AuthChallenge> challenges, String scheme) {
    for (AuthChallenge challenge : challenges) {
      if (challenge.scheme().equals(scheme)) {
        return challenge;
      }
    }
    return null;
  }

  private static void append(StringBuilder form, String name, String value) {
    if (form.length() > 0) {
      form.append('&');
    }
    form.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private static String scopeKey(String scope) {
    return scope == null ? "" : scope;
  }
}
