package io.hullscope.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.hullscope.image.Descriptor;
import io.hullscope.image.Digest;
import io.hullscope.image.DigestMismatchException;
import io.hullscope.image.ImageReadException;
import io.hullscope.image.LimitExceededException;
import io.hullscope.image.Limits;
import io.hullscope.image.MediaType;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.BlobCompression;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryClientTest {

  private FakeRegistry registry;
  private TestImage image;
  private Digest imageDigest;

  @BeforeEach
  void start() throws IOException {
    registry = new FakeRegistry();
    image = ImageArchiveBuilder.image()
        .layer(new TarBuilder().file("etc/hello.txt", "hello").build(), BlobCompression.GZIP);
    imageDigest = registry.push("team/app", "1.0", image);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private RegistryClient client() throws RegistryException {
    return RegistryClient.create(registry.host(), registry.options());
  }

  private RegistryClient client(RegistryOptions options) throws RegistryException {
    return RegistryClient.create(registry.host(), options);
  }

  @Test
  void anonymousRegistryServesManifestByTag() throws IOException {
    RegistryManifest manifest = client().fetchManifest("team/app", "1.0");

    assertThat(manifest.digest()).isEqualTo(imageDigest);
    assertThat(manifest.mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
    assertThat(manifest.bytes()).isEqualTo(image.manifestJson());
  }

  @Test
  void bearerChallengeFetchesAnonymousTokenOnce() throws IOException {
    registry.auth = FakeRegistry.Auth.BEARER;
    RegistryClient client = client();

    client.fetchManifest("team/app", "1.0");
    client.fetchManifest("team/app", imageDigest.toString());

    assertThat(registry.count("GET", "/token")).isEqualTo(1);
    FakeRegistry.Received tokenRequest = registry.requests().stream().filter(r -> r.path().equals("/token")).findFirst().orElseThrow();
    assertThat(FakeRegistry.parseQuery(tokenRequest.query()))
        .containsEntry("service", "fake-registry")
        .containsEntry("scope", "repository:team/app:pull");
    assertThat(tokenRequest.authorization()).isNull();
  }

  @Test
  void bearerTokenIsCachedPerScope() throws IOException {
    registry.auth = FakeRegistry.Auth.BEARER;
    Digest other = registry.push("team/other", "1", image);
    RegistryClient client = client();

    client.fetchManifest("team/app", "1.0");
    client.fetchManifest("team/other", other.toString());

    assertThat(registry.count("GET", "/token")).isEqualTo(2);
  }

  @Test
  void tokenResponseWithAccessTokenFieldWorks() throws IOException {
    registry.auth = FakeRegistry.Auth.BEARER;
    registry.accessTokenField = true;

    assertThat(client().fetchManifest("team/app", "1.0").digest()).isEqualTo(imageDigest);
  }

  @Test
  void tokenRequestSendsCredentialsAsBasicAuth() throws IOException {
    registry.auth = FakeRegistry.Auth.BEARER;
    registry.tokenNeedsCredentials = true;
    RegistryOptions options = registry.options().withCredentialStore(
        CredentialStore.of(Map.of(registry.host(), Credentials.basic("alice", "s3cret-password"))));

    client(options).fetchManifest("team/app", "1.0");

    FakeRegistry.Received tokenRequest = registry.requests().stream().filter(r -> r.path().equals("/token")).findFirst().orElseThrow();
    assertThat(tokenRequest.authorization()).isEqualTo(registry.basicHeader());
  }

  @Test
  void wrongCredentialsForTokenGiveClearError() throws IOException {
    registry.auth = FakeRegistry.Auth.BEARER;
    registry.tokenNeedsCredentials = true;
    RegistryOptions options = registry.options().withHost(registry.host(),
        registry.options().host(registry.host()).withCredentials(Credentials.basic("alice", "wrong")));

    assertThatThrownBy(() -> client(options).fetchManifest("team/app", "1.0"))
        .isInstanceOf(RegistryAuthException.class)
        .hasMessageContaining("rejected the credentials of user alice")
        .hasMessageContaining("check the user name and password")
        .hasMessageNotContaining("wrong");
  }

  @Test
  void identityTokenIsPostedAsRefreshToken() throws IOException {
    registry.auth = FakeRegistry.Auth.BEARER;
    registry.identityToken = "refresh-abc-123";
    RegistryOptions options = registry.options().withCredentialStore(
        CredentialStore.of(Map.of(registry.host(), Credentials.identityToken(null, "refresh-abc-123"))));

    client(options).fetchManifest("team/app", "1.0");

    FakeRegistry.Received tokenRequest = registry.requests().stream().filter(r -> r.path().equals("/token")).findFirst().orElseThrow();
    assertThat(tokenRequest.method()).isEqualTo("POST");
    Map<String, String> form = FakeRegistry.parseQuery(tokenRequest.body());
    assertThat(form).containsEntry("grant_type", "refresh_token");
    assertThat(form).containsEntry("refresh_token", "refresh-abc-123");
    assertThat(form).containsEntry("scope", "repository:team/app:pull");
  }

  @Test
  void basicAuthRegistryAcceptsCredentials() throws IOException {
    registry.auth = FakeRegistry.Auth.BASIC;
    RegistryOptions options = registry.options().withCredentialStore(
        CredentialStore.of(Map.of(registry.host(), Credentials.basic("alice", "s3cret-password"))));
    RegistryClient client = client(options);

    client.fetchManifest("team/app", "1.0");
    client.fetchManifest("team/app", imageDigest.toString());

    // The first request learns the scheme; later ones send Basic auth at once.
    assertThat(registry.requests()).hasSize(3);
  }

  @Test
  void basicAuthWithoutCredentialsFails() {
    registry.auth = FakeRegistry.Auth.BASIC;

    assertThatThrownBy(() -> client().fetchManifest("team/app", "1.0"))
        .isInstanceOf(RegistryAuthException.class)
        .hasMessageContaining("requires a user name and password")
        .hasMessageContaining("docker login " + registry.host());
  }

  @Test
  void unauthorizedAfterTokenNamesTheProblem() throws IOException {
    registry.auth = FakeRegistry.Auth.BEARER;
    // The token endpoint hands out a token that the registry does not accept.
    registry.override("/token", exchange -> FakeRegistry.send(exchange, 200, "application/json",
        "{\"token\":\"not-accepted\"}".getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> client().fetchManifest("team/app", "1.0"))
        .isInstanceOf(RegistryAuthException.class)
        .satisfies(e -> assertThat(((RegistryException) e).status()).isEqualTo(401))
        .hasMessageContaining("responded with HTTP 401 to fetch manifest '1.0' of team/app")
        .hasMessageContaining("UNAUTHORIZED")
        .hasMessageContaining("docker login");
  }

  @Test
  void plainHttpTokenRealmIsRejected() {
    // The realm is plain HTTP on a host that is not marked insecure.
    registry.override("/v2/team/app/manifests/2.0", exchange -> {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://127.0.0.2:1/token\",service=\"x\"");
      FakeRegistry.send(exchange, 401, "application/json", FakeRegistry.errors("UNAUTHORIZED", "no"));
    });

    assertThatThrownBy(() -> client().fetchManifest("team/app", "2.0"))
        .isInstanceOf(RegistryAuthException.class)
        .hasMessageContaining("which is not HTTPS")
        .hasMessageContaining("mark 127.0.0.2:1 insecure");
  }

  @Test
  void retriesAfter503ThenSucceeds() throws IOException {
    AtomicInteger calls = new AtomicInteger();
    registry.override("/v2/team/app/manifests/1.0", exchange -> {
      if (calls.incrementAndGet() <= 2) {
        exchange.getResponseHeaders().add("Retry-After", "0");
        FakeRegistry.send(exchange, 503, "text/plain", "busy".getBytes(StandardCharsets.UTF_8));
      } else {
        exchange.getResponseHeaders().add("Docker-Content-Digest", imageDigest.toString());
        FakeRegistry.send(exchange, 200, MediaType.OCI_MANIFEST, image.manifestJson());
      }
    });

    assertThat(client().fetchManifest("team/app", "1.0").digest()).isEqualTo(imageDigest);
    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  void retriesStopAfterTheLimit() {
    AtomicInteger calls = new AtomicInteger();
    registry.override("/v2/team/app/manifests/1.0", exchange -> {
      calls.incrementAndGet();
      FakeRegistry.send(exchange, 429, "application/json", FakeRegistry.errors("TOOMANYREQUESTS", "slow down"));
    });

    assertThatThrownBy(() -> client().fetchManifest("team/app", "1.0"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("HTTP 429")
        .hasMessageContaining("TOOMANYREQUESTS: slow down");
    assertThat(calls.get()).isEqualTo(4);
  }

  @Test
  void notFoundManifestIsTyped() {
    assertThatThrownBy(() -> client().fetchManifest("team/app", "missing"))
        .isInstanceOf(RegistryNotFoundException.class)
        .hasMessageContaining("MANIFEST_UNKNOWN");
  }

  @Test
  void manifestNotMatchingContentDigestHeaderIsRejected() {
    Digest claimed = Digest.sha256Of("something else".getBytes(StandardCharsets.UTF_8));
    registry.override("/v2/team/app/manifests/1.0", exchange -> {
      exchange.getResponseHeaders().add("Docker-Content-Digest", claimed.toString());
      FakeRegistry.send(exchange, 200, MediaType.OCI_MANIFEST, image.manifestJson());
    });

    assertThatThrownBy(() -> client().fetchManifest("team/app", "1.0"))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining(claimed.toString())
        .hasMessageContaining(imageDigest.toString());
  }

  @Test
  void manifestNotMatchingRequestedDigestIsRejected() {
    Digest requested = Digest.sha256Of("another manifest".getBytes(StandardCharsets.UTF_8));
    registry.override("/v2/team/app/manifests/" + requested, exchange ->
        FakeRegistry.send(exchange, 200, MediaType.OCI_MANIFEST, image.manifestJson()));

    assertThatThrownBy(() -> client().fetchManifest("team/app", requested.toString()))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining(requested.toString());
  }

  @Test
  void oversizeManifestIsRejectedByContentLength() {
    byte[] big = new byte[4096];
    Arrays.fill(big, (byte) ' ');
    registry.override("/v2/team/app/manifests/big", exchange -> FakeRegistry.send(exchange, 200, MediaType.OCI_MANIFEST, big));
    RegistryOptions options = registry.options().withLimits(Limits.DEFAULT.withMaxMetadataSize(1024));

    assertThatThrownBy(() -> client(options).fetchManifest("team/app", "big"))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("manifest big")
        .hasMessageContaining("1024");
  }

  @Test
  void oversizeChunkedManifestIsRejectedWhileReading() {
    byte[] big = new byte[4096];
    Arrays.fill(big, (byte) ' ');
    registry.override("/v2/team/app/manifests/big", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", MediaType.OCI_MANIFEST);
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(big);
      }
    });
    RegistryOptions options = registry.options().withLimits(Limits.DEFAULT.withMaxMetadataSize(1024));

    assertThatThrownBy(() -> client(options).fetchManifest("team/app", "big"))
        .isInstanceOf(LimitExceededException.class);
  }

  @Test
  void blobStreamsAndVerifies() throws IOException {
    byte[] blob = image.layers().get(0).blob();
    Digest digest = Digest.sha256Of(blob);

    try (InputStream in = client().openBlob("team/app", digest, blob.length, "app", "0")) {
      assertThat(in.readAllBytes()).isEqualTo(blob);
    }
  }

  @Test
  void blobWithWrongDigestFailsAtEnd() throws IOException {
    byte[] served = "not the layer you asked for".getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.sha256Of("the real layer".getBytes(StandardCharsets.UTF_8));
    registry.override("/v2/team/app/blobs/" + digest, exchange -> FakeRegistry.send(exchange, 200, "application/octet-stream", served));

    try (InputStream in = client().openBlob("team/app", digest, served.length, "app", "0")) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(DigestMismatchException.class)
          .hasMessageContaining("layer 0")
          .hasMessageContaining(digest.toString());
    }
  }

  @Test
  void blobShorterThanDescriptorIsTruncated() throws IOException {
    byte[] blob = image.layers().get(0).blob();
    Digest digest = Digest.sha256Of(blob);
    byte[] half = Arrays.copyOf(blob, blob.length / 2);
    registry.override("/v2/team/app/blobs/" + digest, exchange -> FakeRegistry.send(exchange, 200, "application/octet-stream", half));

    assertThatThrownBy(() -> client().openBlob("team/app", digest, blob.length, "app", "0"))
        .isInstanceOf(ImageReadException.class)
        .hasMessageContaining("announces " + half.length + " bytes but the manifest gives " + blob.length);
  }

  @Test
  void blobConnectionBrokenMidwayIsReported() throws IOException {
    byte[] blob = image.layers().get(0).blob();
    Digest digest = Digest.sha256Of(blob);
    registry.override("/v2/team/app/blobs/" + digest, exchange -> {
      exchange.sendResponseHeaders(200, blob.length);
      OutputStream out = exchange.getResponseBody();
      out.write(blob, 0, blob.length / 2);
      out.flush();
      // Closing the exchange with bytes missing makes the server drop the connection.
    });

    try (InputStream in = client().openBlob("team/app", digest, blob.length, "app", "0")) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(ImageReadException.class)
          .hasMessageContaining("layer 0")
          .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("download failed", "truncated"));
    }
  }

  @Test
  void blobChunkedAndShortIsTruncated() throws IOException {
    byte[] blob = image.layers().get(0).blob();
    Digest digest = Digest.sha256Of(blob);
    registry.override("/v2/team/app/blobs/" + digest, exchange -> {
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(blob, 0, blob.length - 3);
      }
    });

    try (InputStream in = client().openBlob("team/app", digest, blob.length, "app", "0")) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(ImageReadException.class)
          .hasMessageContaining("truncated")
          .hasMessageContaining((blob.length - 3) + " of " + blob.length);
    }
  }

  @Test
  void blobRedirectToStorageDropsAuthorization() throws IOException {
    byte[] blob = image.layers().get(0).blob();
    Digest digest = Digest.sha256Of(blob);
    List<String> storageAuthorization = new ArrayList<>();
    HttpServer storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    storage.createContext("/", exchange -> {
      storageAuthorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      assertThat(exchange.getRequestURI().getQuery()).isEqualTo("signature=abc");
      FakeRegistry.send(exchange, 200, "application/octet-stream", blob);
    });
    storage.start();
    try {
      String storageHost = "127.0.0.1:" + storage.getAddress().getPort();
      registry.auth = FakeRegistry.Auth.BEARER;
      registry.override("/v2/team/app/blobs/" + digest, exchange -> {
        exchange.getResponseHeaders().add("Location", "http://" + storageHost + "/bucket/blob?signature=abc");
        exchange.sendResponseHeaders(307, -1);
      });
      RegistryOptions options = registry.options().withHost(storageHost, RegistryHostSettings.DEFAULT.withInsecure(true));

      try (InputStream in = client(options).openBlob("team/app", digest, blob.length, "app", "0")) {
        assertThat(in.readAllBytes()).isEqualTo(blob);
      }
      assertThat(storageAuthorization).containsExactly("null");
    } finally {
      storage.stop(0);
    }
  }

  @Test
  void redirectToPlainHttpHostIsRejected() {
    byte[] blob = image.layers().get(0).blob();
    Digest digest = Digest.sha256Of(blob);
    registry.override("/v2/team/app/blobs/" + digest, exchange -> {
      exchange.getResponseHeaders().add("Location", "http://127.0.0.2:9/blob");
      exchange.sendResponseHeaders(302, -1);
    });

    assertThatThrownBy(() -> client().openBlob("team/app", digest, blob.length, "app", "0"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("which is not HTTPS");
  }

  @Test
  void redirectLoopStopsAtTheLimit() {
    registry.override("/v2/team/app/manifests/loop", exchange -> {
      exchange.getResponseHeaders().add("Location", "/v2/team/app/manifests/loop");
      exchange.sendResponseHeaders(302, -1);
    });

    assertThatThrownBy(() -> client().fetchManifest("team/app", "loop"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("more than 5 times");
  }

  @Test
  void tagListFollowsLinkHeaderPages() throws IOException {
    List<String> expected = new ArrayList<>(List.of("1.0"));
    for (int i = 0; i < 250; i++) {
      String tag = String.format("t%03d", i);
      registry.tag("team/app", tag, imageDigest);
      expected.add(tag);
    }

    List<String> tags = client().listTags("team/app");

    assertThat(tags).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(registry.count("GET", "/v2/team/app/tags/list")).isEqualTo(3);
  }

  @Test
  void tagListWithoutLinkHeaderUsesLastParameter() throws IOException {
    registry.linkPagination = false;
    registry.maxPageSize = 100;
    for (int i = 0; i < 150; i++) {
      registry.tag("team/app", String.format("t%03d", i), imageDigest);
    }

    List<String> tags = client().listTags("team/app");

    assertThat(tags).hasSize(151).doesNotHaveDuplicates();
    assertThat(registry.requests().stream().filter(r -> r.path().endsWith("/tags/list")).map(FakeRegistry.Received::query))
        .anyMatch(query -> query.contains("last=t098") || query.contains("last=t099"));
  }

  @Test
  void tagListStopsAtTheListLimit() {
    for (int i = 0; i < 30; i++) {
      registry.tag("team/app", "t" + i, imageDigest);
    }

    assertThatThrownBy(() -> client(registry.options().withMaxListEntries(20)).listTags("team/app"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("more than 20 entries");
  }

  @Test
  void tagLinkToOtherHostIsRejected() {
    registry.override("/v2/team/app/tags/list", exchange -> {
      exchange.getResponseHeaders().add("Link", "<http://127.0.0.2:9/v2/team/app/tags/list?last=x>; rel=\"next\"");
      FakeRegistry.send(exchange, 200, "application/json", "{\"tags\":[\"a\"]}".getBytes(StandardCharsets.UTF_8));
    });

    assertThatThrownBy(() -> client().listTags("team/app"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("another host");
  }

  @Test
  void tagListWithWrongTypesIsRejected() {
    registry.override("/v2/team/app/tags/list", exchange ->
        FakeRegistry.send(exchange, 200, "application/json", "{\"tags\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> client().listTags("team/app"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("'tags' in the response is not an array");
  }

  @Test
  void catalogListsRepositoriesWithBearerScope() throws IOException {
    registry.auth = FakeRegistry.Auth.BEARER;
    registry.push("team/other", "1", image);

    assertThat(client().listRepositories()).containsExactly("team/app", "team/other");
    FakeRegistry.Received tokenRequest = registry.requests().stream().filter(r -> r.path().equals("/token")).findFirst().orElseThrow();
    assertThat(FakeRegistry.parseQuery(tokenRequest.query())).containsEntry("scope", "registry:catalog:*");
  }

  @Test
  void referrersApiFiltersByArtifactType() throws IOException {
    Digest signature = registry.putManifest(artifact("application/vnd.example.signature", imageDigest));
    registry.putManifest(artifact("application/vnd.example.sbom", imageDigest));

    List<Descriptor> referrers = client().listReferrers("team/app", imageDigest, "application/vnd.example.signature");

    assertThat(referrers).extracting(Descriptor::digest).containsExactly(signature);
    assertThat(registry.requests()).anyMatch(r -> r.path().equals("/v2/team/app/referrers/" + imageDigest)
        && r.query().contains("artifactType=application%2Fvnd.example.signature"));
  }

  @Test
  void referrersFallBackToTagSchemaOn404() throws IOException {
    registry.referrersApi = false;
    byte[] signatureManifest = artifact("application/vnd.example.signature", imageDigest);
    byte[] sbomManifest = artifact("application/vnd.example.sbom", imageDigest);
    Digest signature = registry.putManifest(signatureManifest);
    Digest sbom = registry.putManifest(sbomManifest);
    byte[] fallbackIndex = ImageArchiveBuilder.json(Map.of("schemaVersion", 2, "mediaType", MediaType.OCI_INDEX,
        "manifests", List.of(
            Map.of("mediaType", MediaType.OCI_MANIFEST, "digest", signature.toString(), "size", signatureManifest.length,
                "artifactType", "application/vnd.example.signature"),
            Map.of("mediaType", MediaType.OCI_MANIFEST, "digest", sbom.toString(), "size", sbomManifest.length,
                "artifactType", "application/vnd.example.sbom"))));
    registry.tag("team/app", "sha256-" + imageDigest.hex(), registry.putManifest(fallbackIndex));

    RegistryClient client = client();

    assertThat(client.listReferrers("team/app", imageDigest, null)).extracting(Descriptor::digest).containsExactly(signature, sbom);
    assertThat(client.listReferrers("team/app", imageDigest, "application/vnd.example.sbom"))
        .extracting(Descriptor::digest).containsExactly(sbom);
  }

  @Test
  void referrersWithoutApiOrTagAreEmpty() throws IOException {
    registry.referrersApi = false;

    assertThat(client().listReferrers("team/app", imageDigest, null)).isEmpty();
  }

  @Test
  void plainHttpNeedsInsecureMark() throws Exception {
    // A plain-HTTP server that records the first byte it receives and responds with an HTTP error.
    AtomicInteger firstByte = new AtomicInteger(-1);
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Thread server = new Thread(() -> {
        try (Socket socket = plain.accept()) {
          firstByte.set(socket.getInputStream().read());
          socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
          // The client hung up.
        }
      });
      server.start();
      String host = "127.0.0.1:" + plain.getLocalPort();
      RegistryOptions options = RegistryOptions.DEFAULT
          .withRetries(0, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(1))
          .withTimeouts(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5));

      assertThatThrownBy(() -> RegistryClient.create(host, options).fetchManifest("team/app", "1.0"))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("registry " + host);
      server.join(5000);
    }
    // 0x16 starts a TLS handshake record; a plain HTTP request would start with 'G'.
    assertThat(firstByte.get()).isEqualTo(0x16);
  }

  @Test
  void resolveDigestUsesHead() throws IOException {
    assertThat(client().resolveDigest("team/app", "1.0")).isEqualTo(imageDigest);
    assertThat(registry.count("HEAD", "/v2/team/app/manifests/1.0")).isEqualTo(1);
    assertThat(registry.count("GET", "/v2/team/app/manifests/")).isZero();
  }

  private static byte[] artifact(String artifactType, Digest subject) {
    Map<String, Object> emptyConfig = Map.of("mediaType", "application/vnd.oci.empty.v1+json",
        "digest", "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", "size", 2);
    return ImageArchiveBuilder.json(Map.of(
        "schemaVersion", 2,
        "mediaType", MediaType.OCI_MANIFEST,
        "artifactType", artifactType,
        "config", emptyConfig,
        "layers", List.of(),
        "subject", Map.of("mediaType", MediaType.OCI_MANIFEST, "digest", subject.toString(), "size", 100)));
  }
}
