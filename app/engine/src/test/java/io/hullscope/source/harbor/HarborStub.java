package io.hullscope.source.harbor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A Harbor REST API on loopback that returns canned responses. Every request (operation and
 * query parameters) and every response is checked against {@link HarborContract}; {@link #contractViolations()} lists those that break it, and
 * tests assert it is empty, so a canned answer cannot drift from Harbor's real API.
 */
public final class HarborStub implements AutoCloseable {

  /** One recorded request: method, raw path with query, and headers (lower-case names). */
  public record Request(String method, String rawUri, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /** A canned response. */
  public record Answer(int status, String body, Map<String, String> headers) {
    public static Answer json(int status, String body) {
      return new Answer(status, body, Map.of());
    }

    public Answer withHeader(String name, String value) {
      Map<String, String> copy = new HashMap<>(headers);
      copy.put(name, value);
      return new Answer(status, body, copy);
    }
  }

  private final HttpServer server;
  private volatile URI registryUpstream;
  private final HarborContract contract = HarborContract.load();
  private final Map<String, Function<Request, Answer>> routes = new HashMap<>();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

  public HarborStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Returns the stub's address, for example {@code http://127.0.0.1:41234}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Forwards the registry API ({@code /v2/...}) to a real registry, as Harbor serves its registry
   * on the same host, so manifests and blobs come from a real distribution registry.
   */
  public HarborStub forwardRegistryTo(URI upstream) {
    this.registryUpstream = upstream;
    return this;
  }

  /** Returns a fixed response to requests for a raw path (query ignored). */
  public HarborStub on(String method, String rawPath, Answer answer) {
    return on(method, rawPath, request -> answer);
  }

  /** Returns a computed response to requests for a raw path (query ignored). */
  public HarborStub on(String method, String rawPath, Function<Request, Answer> answer) {
    routes.put(method + " " + rawPath, answer);
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public List<String> contractViolations() {
    return List.copyOf(violations);
  }

  private void handle(HttpExchange exchange) throws IOException {
    if (registryUpstream != null && exchange.getRequestURI().getRawPath().startsWith("/v2/")) {
      forward(exchange);
      return;
    }
    String rawUri = exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
    Map<String, List<String>> headers = new HashMap<>();
    exchange.getRequestHeaders().forEach((name, values) ->
        headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request request = new Request(exchange.getRequestMethod(), rawUri, headers, body);
    requests.add(request);

    String path = exchange.getRequestURI().getRawPath();
    Function<Request, Answer> route = routes.get(exchange.getRequestMethod() + " " + path);
    Answer answer = route != null
        ? route.apply(request)
        : Answer.json(404, "{\"errors\":[{\"code\":\"NOT_FOUND\",\"message\":\"no route " + path + "\"}]}");
    if (path.startsWith("/api/")) {
      violations.addAll(contract.checkRequest(exchange.getRequestMethod(), rawUri));
      violations.addAll(contract.check(exchange.getRequestMethod(), rawUri, answer.status(), answer.body()));
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void forward(HttpExchange exchange) throws IOException {
    URI target = URI.create(registryUpstream + exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
    java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(target)
        .method(exchange.getRequestMethod(), java.net.http.HttpRequest.BodyPublishers.noBody());
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    if (accept != null) {
      request.header("Accept", accept);
    }
    requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), Map.of(), ""));
    try {
      java.net.http.HttpResponse<byte[]> response = java.net.http.HttpClient.newHttpClient()
          .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      for (String name : List.of("Content-Type", "Docker-Content-Digest", "Docker-Distribution-Api-Version")) {
        response.headers().firstValue(name).ifPresent(value -> exchange.getResponseHeaders().set(name, value));
      }
      byte[] body = response.body();
      boolean head = exchange.getRequestMethod().equals("HEAD");
      if (head) {
        response.headers().firstValue("Content-Length")
            .ifPresent(value -> exchange.getResponseHeaders().set("Content-Length", value));
      }
      exchange.sendResponseHeaders(response.statusCode(), head || body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        if (!head) {
          out.write(body);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forwarding to the registry", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
