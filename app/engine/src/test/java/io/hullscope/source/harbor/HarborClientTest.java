package io.hullscope.source.harbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hullscope.source.harbor.HarborModel.Artifact;
import io.hullscope.source.harbor.HarborModel.Identity;
import io.hullscope.source.harbor.HarborModel.IdentityKind;
import io.hullscope.source.harbor.HarborModel.Page;
import io.hullscope.source.harbor.HarborModel.Project;
import io.hullscope.source.harbor.HarborStub.Answer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class HarborClientTest {

  private static final String API = "/api/v2.0";
  private static final String ERROR_401 = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"unauthorized\"}]}";
  private static final String ARTIFACTS = API + "/projects/team/repositories/app%252Fapi/artifacts";
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  private HarborStub stub;

  @BeforeEach
  void start() throws IOException {
    stub = new HarborStub();
  }

  @AfterEach
  void stop() {
    if (stub != null) {
      stub.close();
    }
  }

  @Test
  void userIdentityComesFromCurrentUser() throws IOException {
    stub.on("GET", API + "/users/current", Answer.json(200,
        "{\"user_id\":3,\"username\":\"alice\",\"sysadmin_flag\":true,\"email\":\"alice@example.com\"}"));

    Identity identity = client("alice", "s3cret").identity();

    assertThat(identity).isEqualTo(new Identity(IdentityKind.USER, "alice", true));
    assertThat(identity.describe()).isEqualTo("Signed in as user alice (administrator)");
    String expected = "Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
    assertThat(stub.requests().get(0).header("Authorization")).isEqualTo(expected);
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void noCredentialsIsAnonymous() throws IOException {
    stub.on("GET", API + "/users/current", Answer.json(401, ERROR_401));

    Identity identity = anonymous().identity();

    assertThat(identity.kind()).isEqualTo(IdentityKind.ANONYMOUS);
    assertThat(stub.requests().get(0).header("Authorization")).isNull();
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void identityOnNonHarborServerSaysNoApi() throws IOException {
    // A plain registry or web server returns 404 for Harbor's API paths.
    com.sun.net.httpserver.HttpServer plain =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    plain.createContext("/", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    plain.start();
    try {
      String url = "http://127.0.0.1:" + plain.getAddress().getPort();
      HarborClient client = new HarborClient(new HarborConnection(java.net.URI.create(url), null, null, null, true, null));

      assertThatThrownBy(client::identity)
          .isInstanceOf(HarborException.class)
          .hasMessageContaining("no Harbor API at " + url)
          .hasMessageContaining("/api/v2.0/users/current");
    } finally {
      plain.stop(0);
    }
  }

  @Test
  void identityOnClosedPortGivesReason() throws IOException {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;
    HarborClient client = new HarborClient(new HarborConnection(java.net.URI.create(url), null, null, null, true, null));

    assertThatThrownBy(client::identity)
        .isInstanceOf(HarborException.class)
        .hasMessageContaining("could not reach Harbor at " + url)
        .hasMessageNotContaining("null");
  }

  @Test
  void wrongUserPasswordIsAClearError() {
    stub.on("GET", API + "/users/current", Answer.json(401, ERROR_401));

    assertThatThrownBy(() -> client("bob", "wrong").identity())
        .isInstanceOf(HarborException.class)
        .hasMessageContaining("rejected the password of user bob")
        .hasMessageNotContaining("wrong");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void robotIsCheckedAtTheTokenService() throws IOException {
    stub.on("GET", API + "/users/current", Answer.json(401, ERROR_401));
    stub.on("GET", "/service/token", Answer.json(200, "{\"token\":\"abc\",\"expires_in\":1800}"));

    Identity identity = client("robot$team+ci", "secret").identity();

    assertThat(identity).isEqualTo(new Identity(IdentityKind.ROBOT, "robot$team+ci", false));
    assertThat(stub.requests()).extracting(HarborStub.Request::rawUri)
        .containsExactly(API + "/users/current", "/service/token?service=harbor-registry");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void rejectedRobotSecretIsAClearError() {
    stub.on("GET", API + "/users/current", Answer.json(401, ERROR_401));
    stub.on("GET", "/service/token", Answer.json(401, ERROR_401));

    assertThatThrownBy(() -> client("robot$team+ci", "old").identity())
        .isInstanceOf(HarborException.class)
        .hasMessageContaining("robot account robot$team+ci")
        .hasMessageContaining("HTTP 401");
  }

  @Test
  void versionComesFromSystemInfo() throws IOException {
    stub.on("GET", API + "/systeminfo", Answer.json(200,
        "{\"harbor_version\":\"v2.11.1-6b7ecba1\",\"auth_mode\":\"db_auth\",\"has_ca_root\":false}"));

    assertThat(anonymous().version()).isEqualTo("v2.11.1-6b7ecba1");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void projectsPageWithSearchAndTotal() throws IOException {
    stub.on("GET", API + "/projects", Answer.json(200, "["
        + project(1, "library", "true", null) + "," + project(7, "libs-mirror", "false", 3) + "]")
        .withHeader("X-Total-Count", "3"));

    Page<Project> page = anonymous().projects("lib", 1, 2);

    assertThat(page.items()).extracting(Project::name).containsExactly("library", "libs-mirror");
    assertThat(page.items().get(0).isPublic()).isTrue();
    assertThat(page.items().get(1).isProxyCache()).isTrue();
    assertThat(page.items().get(0).metadata()).containsEntry("auto_scan", "false");
    assertThat(page.total()).isEqualTo(3);
    assertThat(page.hasMore()).isTrue();
    assertThat(stub.requests().get(0).rawUri()).isEqualTo(API + "/projects?page=1&page_size=2&q=name%3D%7Elib");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void pageSizeIsCappedAtHarborsMaximum() throws IOException {
    stub.on("GET", API + "/projects", Answer.json(200, "[]"));

    Page<Project> page = anonymous().projects(null, 2, 500);

    assertThat(stub.requests().get(0).rawUri()).isEqualTo(API + "/projects?page=2&page_size=100");
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void nestedRepositoryNameIsEncodedTwice() throws IOException {
    stub.on("GET", ARTIFACTS, Answer.json(200, "[" + artifact() + "]").withHeader("X-Total-Count", "1"));

    Page<Artifact> page = anonymous().artifacts("team/app/api", 1, 10);

    Artifact artifact = page.items().get(0);
    assertThat(artifact.digest()).isEqualTo(DIGEST);
    assertThat(artifact.tags()).containsExactly("1.4.2", "latest");
    assertThat(artifact.labels()).containsExactly("release");
    assertThat(artifact.scan().status()).isEqualTo("Success");
    assertThat(artifact.scan().counts()).containsEntry("Critical", 1).containsEntry("High", 4);
    assertThat(artifact.scan().total()).isEqualTo(12);
    assertThat(artifact.scan().scanner()).isEqualTo("Trivy v0.56.1");
    assertThat(artifact.accessories()).extracting(HarborModel.Accessory::type)
        .containsExactly("signature.cosign", "sbom.harbor");
    assertThat(artifact.pulled()).isNull();
    HarborStub.Request request = stub.requests().get(0);
    assertThat(request.rawUri()).startsWith(ARTIFACTS + "?page=1&page_size=10&with_tag=true");
    assertThat(request.header("X-Accept-Vulnerabilities")).contains("application/vnd.security.vulnerability.report");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void artifactSearchFiltersByTag() throws IOException {
    stub.on("GET", ARTIFACTS, Answer.json(200, "[" + artifact() + "]").withHeader("X-Total-Count", "1"));

    Page<Artifact> page = anonymous().artifacts("team/app/api", "1.4", 2, 20);

    assertThat(page.items()).hasSize(1);
    assertThat(stub.requests().get(0).rawUri())
        .startsWith(ARTIFACTS + "?page=2&page_size=20&q=tags%3D%7E1.4&with_tag=true");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void neverScannedArtifactHasNoReport() throws IOException {
    stub.on("GET", ARTIFACTS + "/" + DIGEST + "/additions/vulnerabilities", Answer.json(200, "{}"));

    assertThat(anonymous().vulnerabilityReport("team/app/api", DIGEST)).isEmpty();
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void reportIsTheFirstFormatHarborHas() throws IOException {
    stub.on("GET", ARTIFACTS + "/" + DIGEST + "/additions/vulnerabilities", Answer.json(200,
        "{\"application/vnd.security.vulnerability.report; version=1.1\":{\"severity\":\"High\","
            + "\"vulnerabilities\":[{\"id\":\"CVE-2024-0001\",\"package\":\"openssl\"}]}}"));

    var report = anonymous().vulnerabilityReport("team/app/api", DIGEST);

    assertThat(report).isPresent();
    assertThat(report.get().path("vulnerabilities").get(0).path("id").asText()).isEqualTo("CVE-2024-0001");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void sessionCookieIsNotSentBack() throws IOException {
    stub.on("GET", API + "/systeminfo", Answer.json(200, "{\"harbor_version\":\"v2.12.0\"}")
        .withHeader("Set-Cookie", "sid=0123456789abcdef; Path=/; HttpOnly"));
    HarborClient client = anonymous();

    client.version();
    client.version();

    assertThat(stub.requests()).extracting(request -> request.header("Cookie")).containsOnlyNulls();
  }

  @Test
  void secretIsNeitherLoggedNorPrinted() throws IOException {
    Logger logger = (Logger) LoggerFactory.getLogger(HarborClient.class);
    Level before = logger.getLevel();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
    stub.on("GET", API + "/users/current", Answer.json(401, ERROR_401));
    HarborClient client = client("carol", "hunter2-secret");
    try {
      assertThatThrownBy(client::identity).isInstanceOf(HarborException.class);
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(before);
    }

    assertThat(appender.list).isNotEmpty();
    assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
        .noneMatch(message -> message.contains("hunter2") || message.contains(base64("carol:hunter2-secret")));
    assertThat(client.connection().toString()).doesNotContain("hunter2").contains("carol");
  }

  @Test
  void harborErrorMessageIsShown() {
    stub.on("GET", API + "/projects/secret-project", Answer.json(403,
        "{\"errors\":[{\"code\":\"FORBIDDEN\",\"message\":\"forbidden\"}]}"));

    assertThatThrownBy(() -> anonymous().project("secret-project"))
        .isInstanceOf(HarborException.class)
        .hasMessageContaining("read project secret-project (HTTP 403: forbidden)")
        .hasMessageContaining("lacks the permission")
        .satisfies(e -> assertThat(((HarborException) e).status()).isEqualTo(403));
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void preconditionFailedIsExplained() {
    stub.on("GET", API + "/users/current", Answer.json(412,
        "{\"errors\":[{\"code\":\"PRECONDITION\",\"message\":\"user has no CLI secret\"}]}"));

    assertThatThrownBy(() -> client("oidc-user", "secret").identity())
        .isInstanceOf(HarborException.class)
        .hasMessageContaining("HTTP 412: user has no CLI secret")
        .hasMessageContaining("current state");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void unprocessableSearchIsExplained() {
    stub.on("GET", API + "/projects", Answer.json(422,
        "{\"errors\":[{\"code\":\"UNPROCESSABLE_ENTITY\",\"message\":\"invalid query\"}]}"));

    assertThatThrownBy(() -> anonymous().projects("a=b", 1, 10))
        .isInstanceOf(HarborException.class)
        .hasMessageContaining("list the projects (HTTP 422: invalid query)")
        .hasMessageContaining("parameters");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void missingProjectIsNotFound() {
    stub.on("GET", API + "/projects/gone", Answer.json(404,
        "{\"errors\":[{\"code\":\"NOT_FOUND\",\"message\":\"project gone not found\"}]}"));

    assertThatThrownBy(() -> anonymous().project("gone"))
        .isInstanceOf(HarborException.class)
        .hasMessageContaining("HTTP 404: project gone not found")
        .hasMessageContaining("does not exist or is not visible");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void projectIsAskedByName() throws IOException {
    stub.on("GET", API + "/projects/library", Answer.json(200, project(1, "library", "false", null)));

    Project project = anonymous().project("library");

    assertThat(project.metadata()).containsEntry("prevent_vul", "true").containsEntry("severity", "high");
    assertThat(stub.requests().get(0).header("X-Is-Resource-Name")).isEqualTo("true");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void sbomGenerationIsAScanOfTypeSbom() throws IOException {
    stub.on("POST", ARTIFACTS + "/" + DIGEST + "/scan", Answer.json(202, ""));

    client("alice", "s3cret").startScan("team/app/api", DIGEST, true);

    assertThat(stub.requests().get(0).body()).isEqualTo("{\"scan_type\":\"sbom\"}");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void followScanPollsUntilHarborFinishes() throws IOException {
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    String[] states = {"Pending", "Running", "Success"};
    stub.on("GET", ARTIFACTS + "/" + DIGEST, request -> Answer.json(200, "{\"id\":42,\"digest\":\"" + DIGEST
        + "\",\"sbom_overview\":{\"scan_status\":\"" + states[Math.min(calls.getAndIncrement(), 2)] + "\"}}"));
    java.util.List<String> steps = new java.util.ArrayList<>();

    String status = anonymous().followScan("team/app/api", DIGEST, true, java.time.Duration.ofMillis(10),
        java.time.Duration.ofSeconds(30), new io.hullscope.image.ProgressListener() {
          @Override
          public void step(String description) {
            steps.add(description);
          }
        });

    assertThat(status).isEqualTo("Success");
    assertThat(calls.get()).isEqualTo(3);
    assertThat(steps).containsExactly("SBOM generation of team/app/api: Pending",
        "SBOM generation of team/app/api: Running", "SBOM generation of team/app/api: Success");
    assertThat(stub.requests().get(0).rawUri()).contains("with_sbom_overview=true");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void followScanStopsAtTheTimeout() throws IOException {
    stub.on("GET", ARTIFACTS + "/" + DIGEST, Answer.json(200, "{\"id\":42,\"digest\":\"" + DIGEST + "\"}"));

    String status = anonymous().followScan("team/app/api", DIGEST, false, java.time.Duration.ofMillis(10),
        java.time.Duration.ofMillis(50), io.hullscope.image.ProgressListener.NONE);

    assertThat(status).isNull();
  }

  @Test
  void oversizedAnswerIsRefused() throws IOException {
    stub.on("GET", API + "/projects", Answer.json(200, "[" + (project(1, "a", "true", null) + ",").repeat(50)
        + project(2, "b", "true", null) + "]"));
    HarborClient small = new HarborClient(new HarborConnection(stub.url(), null, null, null, true, null), 1024);

    assertThatThrownBy(() -> small.projects(null, 1, 100))
        .isInstanceOf(HarborException.class)
        .hasMessageContaining("larger than the limit of 1024 bytes");
  }

  @Test
  void garbageAnswerIsInvalidJson() {
    stub.on("GET", API + "/systeminfo", Answer.json(200, "<html>proxy login</html>"));

    assertThatThrownBy(() -> anonymous().version())
        .isInstanceOf(HarborException.class)
        .hasMessageContaining("invalid JSON");
  }

  @Test
  void listThatIsNotAListIsRefused() {
    stub.on("GET", API + "/projects", Answer.json(200, "{\"items\":[]}"));

    assertThatThrownBy(() -> anonymous().projects(null, 1, 10))
        .isInstanceOf(HarborException.class)
        .hasMessageContaining("no list");
  }

  @Test
  void plainHttpNeedsTheInsecureSwitch() {
    assertThatThrownBy(() -> HarborConnection.anonymous(URI.create("http://harbor.example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("insecure");
  }

  @Test
  void repositoryNameNeedsAProject() {
    assertThat(HarborClient.repositoryPath("library/nginx")).isEqualTo("/projects/library/repositories/nginx");
    assertThat(HarborClient.repositoryPath("a/b/c")).isEqualTo("/projects/a/repositories/b%252Fc");
    assertThatThrownBy(() -> HarborClient.repositoryPath("nginx")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HarborClient.repositoryPath("library/")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void contractCatchesAnAnswerHarborWouldNeverSend() throws IOException {
    stub.on("GET", API + "/projects/library", Answer.json(200, "{\"project_id\":\"one\",\"name\":\"library\"}"));

    try {
      anonymous().project("library");
    } catch (IOException e) {
      // The client's reaction does not matter here, only the stub's contract check.
    }

    assertThat(stub.contractViolations()).singleElement().asString().contains("project_id");
  }

  @Test
  void contractCatchesAParameterHarborDoesNotHave() {
    assertThat(HarborContract.load().checkRequest("GET", API + "/projects?page=1&limit=5"))
        .singleElement().asString().contains("'limit'");
    assertThat(HarborContract.load().checkRequest("GET", API + "/projects?page=1&page_size=5&q=name%3D~a")).isEmpty();
  }

  private HarborClient anonymous() throws IOException {
    return new HarborClient(new HarborConnection(stub.url(), null, null, null, true, null));
  }

  private HarborClient client(String user, String secret) throws IOException {
    return new HarborClient(new HarborConnection(stub.url(), user, secret, null, true, null));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String project(long id, String name, String isPublic, Integer registryId) {
    return "{\"project_id\":" + id + ",\"name\":\"" + name + "\",\"repo_count\":4,"
        + (registryId == null ? "" : "\"registry_id\":" + registryId + ",")
        + "\"creation_time\":\"2025-03-01T10:00:00.000Z\","
        + "\"metadata\":{\"public\":\"" + isPublic + "\",\"auto_scan\":\"false\",\"prevent_vul\":\"true\","
        + "\"severity\":\"high\"}}";
  }

  private static String artifact() {
    return "{\"id\":42,\"type\":\"IMAGE\",\"digest\":\"" + DIGEST + "\",\"size\":31457280,"
        + "\"manifest_media_type\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"push_time\":\"2025-06-01T08:30:00.000Z\",\"pull_time\":\"0001-01-01T00:00:00.000Z\","
        + "\"tags\":[{\"id\":1,\"name\":\"1.4.2\"},{\"id\":2,\"name\":\"latest\"}],"
        + "\"labels\":[{\"id\":5,\"name\":\"release\",\"color\":\"#00FF00\"}],"
        + "\"scan_overview\":{\"application/vnd.security.vulnerability.report; version=1.1\":{"
        + "\"report_id\":\"r-1\",\"scan_status\":\"Success\",\"severity\":\"Critical\",\"duration\":12,"
        + "\"summary\":{\"total\":12,\"fixable\":9,\"summary\":{\"Critical\":1,\"High\":4,\"Medium\":7}},"
        + "\"end_time\":\"2025-06-01T08:31:00.000Z\",\"complete_percent\":100,"
        + "\"scanner\":{\"name\":\"Trivy\",\"vendor\":\"Aqua Security\",\"version\":\"v0.56.1\"}}},"
        + "\"accessories\":[{\"id\":7,\"artifact_id\":43,\"subject_artifact_id\":42,\"digest\":\"sha256:" + "cd".repeat(32)
        + "\",\"type\":\"signature.cosign\",\"size\":1200},{\"id\":8,\"artifact_id\":44,\"digest\":\"sha256:"
        + "ef".repeat(32) + "\",\"type\":\"sbom.harbor\",\"size\":90000}]}";
  }
}
