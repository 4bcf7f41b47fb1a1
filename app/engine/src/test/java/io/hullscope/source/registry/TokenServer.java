package io.hullscope.source.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A token service for the distribution registry's {@code token} auth on 127.0.0.1: it checks Basic
 * credentials and returns a JWT signed with RS256 whose {@code x5c} header carries the signing
 * certificate, which the registry finds in its {@code rootcertbundle}. It grants every scope the
 * request names, and rejects requests without the right credentials.
 */
final class TokenServer implements AutoCloseable {

  static final String SERVICE = "hullscope-test-registry";
  static final String ISSUER = "hullscope-test-issuer";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final PrivateKey key;
  private final X509Certificate certificate;
  private final String expectedAuthorization;

  TokenServer(PrivateKey key, X509Certificate certificate, String username, String password) throws IOException {
    this.key = key;
    this.certificate = certificate;
    this.expectedAuthorization = "Basic " + Base64.getEncoder()
        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/token", this::handle);
    server.start();
  }

  /** Returns {@code 127.0.0.1:port}. */
  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  String realm() {
    return "http://" + host() + "/token";
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        FakeRegistry.send(exchange, 401, "application/json", "{\"details\":\"invalid credentials\"}".getBytes(StandardCharsets.UTF_8));
        return;
      }
      List<String> scopes = new ArrayList<>();
      String query = exchange.getRequestURI().getRawQuery();
      for (String pair : query == null ? new String[0] : query.split("&")) {
        if (pair.startsWith("scope=")) {
          scopes.add(java.net.URLDecoder.decode(pair.substring("scope=".length()), StandardCharsets.UTF_8));
        }
      }
      String token = jwt(scopes);
      FakeRegistry.send(exchange, 200, "application/json",
          JSON.writeValueAsBytes(Map.of("token", token, "expires_in", 300)));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot sign a test token", e);
    }
  }

  private String jwt(List<String> scopes) throws GeneralSecurityException, IOException {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("typ", "JWT");
    header.put("alg", "RS256");
    header.put("x5c", List.of(Base64.getEncoder().encodeToString(certificate.getEncoded())));

    List<Map<String, Object>> access = new ArrayList<>();
    for (String scope : scopes) {
      // Scopes look like repository:team/app:pull,push; the name may not contain a colon.
      String[] parts = scope.split(":");
      if (parts.length == 3) {
        access.add(Map.of("type", parts[0], "name", parts[1], "actions", List.of(parts[2].split(","))));
      }
    }
    long now = Instant.now().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", ISSUER);
    claims.put("sub", "alice");
    claims.put("aud", SERVICE);
    claims.put("exp", now + 300);
    claims.put("nbf", now - 60);
    claims.put("iat", now);
    claims.put("jti", UUID.randomUUID().toString());
    claims.put("access", access);

    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String signingInput = url.encodeToString(JSON.writeValueAsBytes(header)) + "." + url.encodeToString(JSON.writeValueAsBytes(claims));
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(key);
    signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + url.encodeToString(signature.sign());
  }
}
