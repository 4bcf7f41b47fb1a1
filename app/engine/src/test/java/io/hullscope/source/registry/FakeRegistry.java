package io.hullscope.source.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.hullscope.image.Digest;
import io.hullscope.image.MediaType;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.ArchiveFiles;
import io.hullscope.testing.ImageArchiveBuilder.Node;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A small OCI distribution registry on 127.0.0.1 for unit tests: manifests, blobs, paginated tag
 * and catalog lists, the referrers API, and Basic or bearer token auth with a token endpoint on
 * the same server. Tests replace the response for one path with {@link #override} to simulate
 * faults, and read what the client sent from {@link #requests()}.
 */
final class FakeRegistry implements AutoCloseable {

  enum Auth { NONE, BASIC, BEARER }

  /** One request the server received. */
  record Received(String method, String path, String query, String authorization, String body) {}

  private static final Pattern MANIFEST_OR_BLOB = Pattern.compile("^/v2/(.+)/(manifests|blobs|referrers)/([^/]+)$");
  private static final Pattern TAGS = Pattern.compile("^/v2/(.+)/tags/list$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
  private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
  private final Map<String, HttpHandler> overrides = new ConcurrentHashMap<>();
  private final List<Received> requests = Collections.synchronizedList(new ArrayList<>());

  volatile Auth auth = Auth.NONE;
  volatile String username = "alice";
  volatile String password = "s3cret-password";
  volatile String token = "fake-token-0123456789";
  volatile String identityToken;
  volatile boolean tokenNeedsCredentials;
  volatile boolean accessTokenField;
  volatile boolean referrersApi = true;
  volatile boolean linkPagination = true;
  /** Largest page the server returns, whatever {@code n} requests. */
  volatile int maxPageSize = 1000;

  private final String scheme;

  FakeRegistry() throws IOException {
    this(null);
  }

  /** Serves HTTPS with {@code tls} when it is not null, else plain HTTP. */
  FakeRegistry(SSLContext tls) throws IOException {
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
    if (tls == null) {
      server = HttpServer.create(address, 0);
      scheme = "http";
    } else {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
      scheme = "https";
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** Returns {@code 127.0.0.1:port}. */
  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Returns options that reach this registry (over plain HTTP unless it serves HTTPS), with fast retries. */
  RegistryOptions options() {
    return RegistryOptions.DEFAULT.withHost(host(), RegistryHostSettings.DEFAULT.withInsecure(scheme.equals("http")))
        .withRetries(3, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(20));
  }

  /** Stores an image or index and all blobs below it, tagged {@code tag} in {@code repository}. */
  Digest push(String repository, String tag, Node root) {
    ArchiveFiles files = ImageArchiveBuilder.ociLayout(root);
    for (String path : files.paths()) {
      if (path.startsWith("blobs/sha256/")) {
        byte[] content = files.content(path);
        String digest = "sha256:" + path.substring("blobs/sha256/".length());
        if (isManifest(content)) {
          manifests.put(digest, content);
        } else {
          blobs.put(digest, content);
        }
      }
    }
    Digest digest = root.digest();
    tag(repository, tag, digest);
    return digest;
  }

  /** Stores raw manifest bytes under their digest and returns it. */
  Digest putManifest(byte[] bytes) {
    Digest digest = Digest.sha256Of(bytes);
    manifests.put(digest.toString(), bytes);
    return digest;
  }

  Digest putBlob(byte[] bytes) {
    Digest digest = Digest.sha256Of(bytes);
    blobs.put(digest.toString(), bytes);
    return digest;
  }

  void tag(String repository, String tag, Digest digest) {
    tags.computeIfAbsent(repository, key -> new ConcurrentHashMap<>()).put(tag, digest.toString());
  }

  /** Handles every request for {@code path} (without query) with {@code handler} instead. */
  void override(String path, HttpHandler handler) {
    overrides.put(path, handler);
  }

  List<Received> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  long count(String method, String pathPrefix) {
    return requests().stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).count();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      byte[] body = exchange.getRequestBody().readAllBytes();
      requests.add(new Received(exchange.getRequestMethod(), path, query,
          exchange.getRequestHeaders().getFirst("Authorization"), new String(body, StandardCharsets.UTF_8)));
      HttpHandler override = overrides.get(path);
      if (override != null && path.equals("/token")) {
        override.handle(exchange);
      } else if (path.equals("/token")) {
        token(exchange, query, new String(body, StandardCharsets.UTF_8));
      } else if (!authorized(exchange, path)) {
        return;
      } else if (override != null) {
        override.handle(exchange);
      } else {
        route(exchange, path, query == null ? Map.of() : parseQuery(query));
      }
    }
  }

  private boolean authorized(HttpExchange exchange, String path) throws IOException {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    switch (auth) {
      case NONE:
        return true;
      case BASIC:
        if (basicHeader().equals(header)) {
          return true;
        }
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"fake\"");
        break;
      case BEARER:
        if (("Bearer " + token).equals(header)) {
          return true;
        }
        String scope = scopeOf(path);
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + scheme + "://" + host() + "/token\",service=\"fake-registry\""
            + (scope == null ? "" : ",scope=\"" + scope + "\""));
        break;
      default:
        throw new IllegalStateException();
    }
    send(exchange, 401, "application/json", errors("UNAUTHORIZED", "authentication required"));
    return false;
  }

  private void token(HttpExchange exchange, String query, String body) throws IOException {
    boolean ok;
    if (exchange.getRequestMethod().equals("POST")) {
      Map<String, String> form = parseQuery(body);
      ok = identityToken != null && "refresh_token".equals(form.get("grant_type"))
          && identityToken.equals(form.get("refresh_token"));
    } else {
      ok = !tokenNeedsCredentials || basicHeader().equals(exchange.getRequestHeaders().getFirst("Authorization"));
    }
    if (!ok) {
      send(exchange, 401, "application/json", errors("UNAUTHORIZED", "invalid credentials"));
      return;
    }
    String field = accessTokenField ? "access_token" : "token";
    send(exchange, 200, "application/json", ("{\"" + field + "\":\"" + token + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8));
  }

  private void route(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
    if (path.equals("/v2/")) {
      send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (path.equals("/v2/_catalog")) {
      page(exchange, path, query, "repositories", new TreeSet<>(tags.keySet()));
      return;
    }
    Matcher tagsMatcher = TAGS.matcher(path);
    if (tagsMatcher.matches()) {
      Map<String, String> repositoryTags = tags.get(tagsMatcher.group(1));
      if (repositoryTags == null) {
        send(exchange, 404, "application/json", errors("NAME_UNKNOWN", "repository name not known to registry"));
        return;
      }
      page(exchange, path, query, "tags", new TreeSet<>(repositoryTags.keySet()));
      return;
    }
    Matcher matcher = MANIFEST_OR_BLOB.matcher(path);
    if (!matcher.matches()) {
      send(exchange, 404, "text/plain", "404 page not found".getBytes(StandardCharsets.UTF_8));
      return;
    }
    String repository = matcher.group(1);
    String reference = matcher.group(3);
    switch (matcher.group(2)) {
      case "manifests" -> manifest(exchange, repository, reference);
      case "blobs" -> blob(exchange, reference);
      default -> referrers(exchange, reference, query.get("artifactType"));
    }
  }

  private void manifest(HttpExchange exchange, String repository, String reference) throws IOException {
    String digest = reference.startsWith("sha256:") ? reference : tags.getOrDefault(repository, Map.of()).get(reference);
    byte[] bytes = digest == null ? null : manifests.get(digest);
    if (bytes == null) {
      send(exchange, 404, "application/json", errors("MANIFEST_UNKNOWN", "manifest unknown"));
      return;
    }
    exchange.getResponseHeaders().add("Docker-Content-Digest", digest);
    send(exchange, 200, mediaTypeOf(bytes), bytes);
  }

  private void blob(HttpExchange exchange, String digest) throws IOException {
    byte[] bytes = blobs.get(digest);
    if (bytes == null) {
      send(exchange, 404, "application/json", errors("BLOB_UNKNOWN", "blob unknown to registry"));
      return;
    }
    send(exchange, 200, "application/octet-stream", bytes);
  }

  private void referrers(HttpExchange exchange, String subject, String artifactType) throws IOException {
    if (!referrersApi) {
      send(exchange, 404, "text/plain", "404 page not found".getBytes(StandardCharsets.UTF_8));
      return;
    }
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Map.Entry<String, byte[]> manifest : new TreeMap<>(manifests).entrySet()) {
      JsonNode root = JSON.readTree(manifest.getValue());
      if (!subject.equals(root.path("subject").path("digest").asText())) {
        continue;
      }
      String type = root.path("artifactType").asText(root.path("config").path("mediaType").asText());
      if (artifactType != null && !artifactType.equals(type)) {
        continue;
      }
      Map<String, Object> descriptor = new LinkedHashMap<>();
      descriptor.put("mediaType", root.path("mediaType").asText());
      descriptor.put("digest", manifest.getKey());
      descriptor.put("size", manifest.getValue().length);
      descriptor.put("artifactType", type);
      entries.add(descriptor);
    }
    if (artifactType != null) {
      exchange.getResponseHeaders().add("OCI-Filters-Applied", "artifactType");
    }
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaType.OCI_INDEX);
    index.put("manifests", entries);
    send(exchange, 200, MediaType.OCI_INDEX, JSON.writeValueAsBytes(index));
  }

  private void page(HttpExchange exchange, String path, Map<String, String> query, String field, TreeSet<String> all)
      throws IOException {
    int size = Math.min(maxPageSize, query.containsKey("n") ? Integer.parseInt(query.get("n")) : Integer.MAX_VALUE);
    String last = query.get("last");
    List<String> page = new ArrayList<>();
    for (String value : last == null ? all : all.tailSet(last, false)) {
      if (page.size() == size) {
        break;
      }
      page.add(value);
    }
    boolean more = !page.isEmpty() && all.higher(page.get(page.size() - 1)) != null;
    if (more && linkPagination) {
      exchange.getResponseHeaders().add("Link", "<" + path + "?n=" + size + "&last="
          + java.net.URLEncoder.encode(page.get(page.size() - 1), StandardCharsets.UTF_8) + ">; rel=\"next\"");
    }
    send(exchange, 200, "application/json", JSON.writeValueAsBytes(Map.of(field, page)));
  }

  String basicHeader() {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", contentType);
    if (exchange.getRequestMethod().equals("HEAD")) {
      headers.set("Content-Length", String.valueOf(body.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static byte[] errors(String code, String message) {
    return ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}").getBytes(StandardCharsets.UTF_8);
  }

  private static String scopeOf(String path) {
    if (path.equals("/v2/_catalog")) {
      return "registry:catalog:*";
    }
    Matcher matcher = MANIFEST_OR_BLOB.matcher(path);
    if (matcher.matches()) {
      return "repository:" + matcher.group(1) + ":pull";
    }
    Matcher tagsMatcher = TAGS.matcher(path);
    return tagsMatcher.matches() ? "repository:" + tagsMatcher.group(1) + ":pull" : null;
  }

  private static boolean isManifest(byte[] content) {
    try {
      JsonNode root = JSON.readTree(content);
      return root != null && root.has("schemaVersion") && (root.has("manifests") || root.has("layers"));
    } catch (IOException e) {
      return false;
    }
  }

  private static String mediaTypeOf(byte[] bytes) throws IOException {
    JsonNode root = JSON.readTree(bytes);
    String declared = root.path("mediaType").asText("");
    if (!declared.isEmpty()) {
      return declared;
    }
    return root.path("schemaVersion").asInt() == 1 ? MediaType.DOCKER_MANIFEST_V1_SIGNED : MediaType.OCI_MANIFEST;
  }

  static Map<String, String> parseQuery(String query) {
    Map<String, String> values = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return values;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      values.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }

  /** Reads a request body fully; used by overrides that must consume it. */
  static byte[] readBody(InputStream in) throws IOException {
    return in.readAllBytes();
  }
}
