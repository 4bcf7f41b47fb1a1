package io.hullscope.source.harbor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.source.harbor.HarborModel.Accessory;
import io.hullscope.source.registry.Credentials;
import io.hullscope.source.registry.RegistryHostSettings;
import io.hullscope.source.registry.RegistryOptions;
import io.hullscope.source.registry.RegistrySource;
import io.hullscope.source.registry.RegistryTls;
import io.hullscope.source.harbor.HarborModel.Artifact;
import io.hullscope.source.harbor.HarborModel.AuditEntry;
import io.hullscope.source.harbor.HarborModel.CveAllowlist;
import io.hullscope.source.harbor.HarborModel.ImmutableRule;
import io.hullscope.source.harbor.HarborModel.Member;
import io.hullscope.source.harbor.HarborModel.RetentionPolicy;
import io.hullscope.source.harbor.HarborModel.Robot;
import io.hullscope.source.harbor.HarborModel.RobotPermission;
import io.hullscope.source.harbor.HarborModel.Scanner;
import io.hullscope.source.harbor.HarborModel.Identity;
import io.hullscope.source.harbor.HarborModel.IdentityKind;
import io.hullscope.source.harbor.HarborModel.Page;
import io.hullscope.source.harbor.HarborModel.Project;
import io.hullscope.source.harbor.HarborModel.Repository;
import io.hullscope.source.harbor.HarborModel.ScanSummary;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Harbor instance through its REST API ({@code /api/v2.0}).
 *
 * <p>Harbor behaves in ways a generic client gets wrong, and this class follows them: repository
 * names are URL-encoded twice in paths ({@code a/b} becomes {@code a%252Fb}); lists page with
 * {@code page} and {@code page_size} (at most 100) and report the total in {@code X-Total-Count};
 * wrong credentials act as anonymous on most reads, so {@link #identity} checks them explicitly;
 * no cookies are kept, because a session cookie turns on Harbor's CSRF check and then every write
 * fails; vulnerability reports are requested with {@code X-Accept-Vulnerabilities}.
 *
 * <p>The secret is sent as HTTP Basic authentication on every request and never logged.
 */
public final class HarborClient {

  /** Largest page Harbor serves. */
  public static final int MAX_PAGE_SIZE = 100;

  /** Default limit on one response body (16 MiB); vulnerability reports of large images are a few MiB. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

  /** The requested report formats, newest first, as Harbor's API describes them. */
  static final String ACCEPT_VULNERABILITIES =
      "application/vnd.security.vulnerability.report; version=1.1,"
          + " application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0";

  private static final Logger LOG = LoggerFactory.getLogger(HarborClient.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HarborConnection connection;
  private final HttpClient http;
  private final String authorization;
  private final int maxResponseBytes;
  private final ObjectMapper json;

  public HarborClient(HarborConnection connection) throws IOException {
    this(connection, DEFAULT_MAX_RESPONSE_BYTES);
  }

  public HarborClient(HarborConnection connection, int maxResponseBytes) throws IOException {
    this.connection = connection;
    this.maxResponseBytes = maxResponseBytes;
    // No cookie handler: see the class comment.
    HttpClient.Builder builder = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL);
    if (connection.caFile() != null) {
      try {
        builder.sslContext(RegistryTls.context(connection.caFile(), connection.url().getHost()));
      } catch (IOException e) {
        throw new HarborException("invalid CA file for Harbor " + connection.url() + ": " + e.getMessage(), e);
      }
    }
    this.http = builder.build();
    this.authorization = connection.hasCredentials()
        ? "Basic " + Base64.getEncoder().encodeToString(
            (connection.username() + ":" + connection.secret()).getBytes(StandardCharsets.UTF_8))
        : null;
    this.json = new ObjectMapper();
    json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
  }

  /** Returns the connection this client uses. */
  public HarborConnection connection() {
    return connection;
  }

  /**
   * Checks the credentials and returns who Harbor takes us for. A user is checked with {@code
   * /users/current}. Robot accounts have no user profile, so a robot is checked against the
   * registry's token service, which refuses wrong credentials instead of treating them as
   * anonymous.
   *
   * @throws HarborException when Harbor rejects the credentials
   */
  public Identity identity() throws IOException {
    HttpResponse<byte[]> current = send(get("/users/current"));
    if (current.statusCode() == 200) {
      JsonNode user = parse(current, "/users/current");
      return new Identity(IdentityKind.USER, text(user, "username"), user.path("sysadmin_flag").asBoolean(false));
    }
    if (current.statusCode() != 401 && current.statusCode() != 403) {
      throw failure(current, "check the credentials");
    }
    if (!connection.hasCredentials()) {
      return new Identity(IdentityKind.ANONYMOUS, null, false);
    }
    if (!connection.isRobot()) {
      throw new HarborException("Harbor rejected the password of user " + connection.username()
          + "; check the user name and password", current.statusCode());
    }
    HttpResponse<byte[]> token = send(request(URI.create(base() + "/service/token?service=harbor-registry"), "GET",
        HttpRequest.BodyPublishers.noBody(), null));
    if (token.statusCode() == 200) {
      return new Identity(IdentityKind.ROBOT, connection.username(), false);
    }
    throw new HarborException("Harbor rejected the secret of robot account " + connection.username()
        + " (HTTP " + token.statusCode() + "); check the robot name, including its prefix, and the secret",
        token.statusCode());
  }

  /** Returns Harbor's version, for example {@code v2.11.0-abcdef}, or null when the response has none. */
  public String version() throws IOException {
    JsonNode info = getJson("/systeminfo", "read the system information");
    return text(info, "harbor_version");
  }

  /**
   * Returns one page of the projects visible to this connection.
   *
   * @param nameContains part of the project name to search for; null or blank for all
   * @param page page number, from 1
   */
  public Page<Project> projects(String nameContains, int page, int pageSize) throws IOException {
    String query = paging(page, pageSize) + fuzzy("name", nameContains);
    return getPage("/projects?" + query, "list the projects", page, pageSize, HarborClient::project);
  }

  /** Returns a project with its settings. */
  public Project project(String projectName) throws IOException {
    HttpResponse<byte[]> response = send(get("/projects/" + segment(projectName), Map.of("X-Is-Resource-Name", "true")));
    check(response, "read project " + projectName);
    return project(parse(response, "project " + projectName));
  }

  /**
   * Returns one page of a project's repositories; their names include the project.
   *
   * @param nameContains part of the repository name to search for; null or blank for all
   */
  public Page<Repository> repositories(String projectName, String nameContains, int page, int pageSize)
      throws IOException {
    String path = "/projects/" + segment(projectName) + "/repositories?" + paging(page, pageSize)
        + fuzzy("name", nameContains);
    return getPage(path, "list the repositories of project " + projectName, page, pageSize, HarborClient::repository);
  }

  /**
   * Returns one page of a repository's artifacts with tags, labels, scan overview and accessories.
   *
   * @param repositoryName the full repository name as Harbor lists it, for example {@code
   *     library/app/api}; the first segment is the project
   */
  public Page<Artifact> artifacts(String repositoryName, int page, int pageSize) throws IOException {
    return artifacts(repositoryName, null, page, pageSize);
  }

  /**
   * Returns one page of a repository's artifacts whose tags contain {@code tagContains}.
   *
   * @param tagContains part of a tag to search for; null or blank for every artifact
   */
  public Page<Artifact> artifacts(String repositoryName, String tagContains, int page, int pageSize)
      throws IOException {
    String path = repositoryPath(repositoryName) + "/artifacts?" + paging(page, pageSize) + fuzzy("tags", tagContains)
        + "&with_tag=true&with_label=true&with_scan_overview=true&with_accessory=true";
    HttpResponse<byte[]> response = send(get(path, Map.of("X-Accept-Vulnerabilities", ACCEPT_VULNERABILITIES)));
    check(response, "list the artifacts of " + repositoryName);
    return page(response, "artifacts of " + repositoryName, page, pageSize, HarborClient::artifact);
  }

  /**
   * Returns the vulnerability report Harbor holds for an artifact, in the first format it has of
   * those requested; empty when the artifact was never scanned (Harbor returns {@code {}}).
   *
   * @param reference a digest or a tag
   */
  public Optional<JsonNode> vulnerabilityReport(String repositoryName, String reference) throws IOException {
    String path = repositoryPath(repositoryName) + "/artifacts/" + reference(reference) + "/additions/vulnerabilities";
    HttpResponse<byte[]> response = send(get(path, Map.of("X-Accept-Vulnerabilities", ACCEPT_VULNERABILITIES)));
    check(response, "read the vulnerability report of " + repositoryName + "@" + reference);
    JsonNode reports = parse(response, "vulnerability report of " + repositoryName + "@" + reference);
    Iterator<JsonNode> values = reports.elements();
    return values.hasNext() ? Optional.of(values.next()) : Optional.empty();
  }

  /** Returns the accessories (signatures, SBOMs) of an artifact. */
  public List<Accessory> accessories(String repositoryName, String reference) throws IOException {
    String path = repositoryPath(repositoryName) + "/artifacts/" + reference(reference) + "/accessories?"
        + paging(1, MAX_PAGE_SIZE);
    return getPage(path, "list the accessories of " + repositoryName + "@" + reference, 1, MAX_PAGE_SIZE,
        HarborClient::accessory).items();
  }

  /**
   * Asks Harbor to scan an artifact for vulnerabilities, or to generate its SBOM; the result
   * appears later in the artifact's scan overview.
   *
   * @param sbom true to generate an SBOM (Harbor 2.11 and later), false for a vulnerability scan
   */
  public void startScan(String repositoryName, String reference, boolean sbom) throws IOException {
    String path = repositoryPath(repositoryName) + "/artifacts/" + reference(reference) + "/scan";
    String body = "{\"scan_type\":\"" + (sbom ? "sbom" : "vulnerability") + "\"}";
    HttpResponse<byte[]> response = send(request(api(path), "POST",
        HttpRequest.BodyPublishers.ofString(body), Map.of("Content-Type", "application/json")));
    check(response, (sbom ? "generate the SBOM of " : "scan ") + repositoryName + "@" + reference);
  }

  /** Returns the project's tag immutability rules. */
  public List<ImmutableRule> immutableRules(String projectName) throws IOException {
    HttpResponse<byte[]> response = send(get("/projects/" + segment(projectName) + "/immutabletagrules?"
        + paging(1, MAX_PAGE_SIZE), Map.of("X-Is-Resource-Name", "true")));
    check(response, "read the tag immutability rules of project " + projectName);
    return page(response, "tag immutability rules of " + projectName, 1, MAX_PAGE_SIZE, HarborClient::immutableRule)
        .items();
  }

  /** Returns a retention policy by the id in the project's {@code retention_id} setting. */
  public RetentionPolicy retention(long id) throws IOException {
    JsonNode policy = getJson("/retentions/" + id, "read retention policy " + id);
    int enabled = 0;
    for (JsonNode rule : policy.path("rules")) {
      if (!rule.path("disabled").asBoolean(false)) {
        enabled++;
      }
    }
    return new RetentionPolicy(policy.path("id").asLong(id), enabled, text(policy.path("trigger"), "kind"));
  }

  /**
   * Returns the robot accounts of a project and the visible system robots that reach it. A system
   * robot is included only when its permissions name this project or every project.
   */
  public List<Robot> robots(Project project) throws IOException {
    List<Robot> robots = new ArrayList<>(getPage("/robots?" + paging(1, MAX_PAGE_SIZE) + "&q="
            + segment("Level=project,ProjectID=" + project.id()), "list the robot accounts of project " + project.name(),
        1, MAX_PAGE_SIZE, HarborClient::robot).items());
    HttpResponse<byte[]> system = send(get("/robots?" + paging(1, MAX_PAGE_SIZE) + "&q=" + segment("Level=system")));
    if (system.statusCode() == 200) {
      for (Robot robot : page(system, "system robot accounts", 1, MAX_PAGE_SIZE, HarborClient::robot).items()) {
        if (robot.permissions().stream().anyMatch(p -> "*".equals(p.namespace()) || project.name().equals(p.namespace()))) {
          robots.add(robot);
        }
      }
    } else {
      LOG.debug("System robot accounts are not visible to this account (HTTP {})", system.statusCode());
    }
    return robots;
  }

  /** Returns the project's members and their roles. */
  public List<Member> members(String projectName) throws IOException {
    HttpResponse<byte[]> response = send(get("/projects/" + segment(projectName) + "/members?" + paging(1, MAX_PAGE_SIZE),
        Map.of("X-Is-Resource-Name", "true")));
    check(response, "list the members of project " + projectName);
    return page(response, "members of " + projectName, 1, MAX_PAGE_SIZE,
        node -> new Member(text(node, "entity_name"), text(node, "entity_type"), text(node, "role_name"))).items();
  }

  /** Returns the scanner the project uses, or empty when none is set. */
  public Optional<Scanner> scanner(String projectName) throws IOException {
    HttpResponse<byte[]> response = send(get("/projects/" + segment(projectName) + "/scanner",
        Map.of("X-Is-Resource-Name", "true")));
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    check(response, "read the scanner of project " + projectName);
    JsonNode node = parse(response, "scanner of " + projectName);
    if (text(node, "name") == null) {
      return Optional.empty();
    }
    return Optional.of(new Scanner(text(node, "name"), text(node, "vendor"), text(node, "version"),
        node.path("disabled").asBoolean(false)));
  }

  /**
   * Returns the newest audit log entries of a project. Harbor 2.13 moved them to {@code
   * auditlog-exts}; older versions return 404 there, so the log is read from {@code logs}.
   */
  public List<AuditEntry> auditLog(String projectName, int count) throws IOException {
    String query = "?" + paging(1, count) + "&sort=" + segment("-op_time");
    HttpResponse<byte[]> response = send(get("/projects/" + segment(projectName) + "/auditlog-exts" + query));
    if (response.statusCode() == 404) {
      response = send(get("/projects/" + segment(projectName) + "/logs" + query));
    }
    check(response, "read the audit log of project " + projectName);
    return page(response, "audit log of " + projectName, 1, count, node -> new AuditEntry(text(node, "username"),
        text(node, "operation"), text(node, "resource_type"), text(node, "resource"), time(node, "op_time"))).items();
  }

  /** Returns the project's CVE allowlist from its settings. */
  public CveAllowlist cveAllowlist(String projectName) throws IOException {
    HttpResponse<byte[]> response = send(get("/projects/" + segment(projectName), Map.of("X-Is-Resource-Name", "true")));
    check(response, "read project " + projectName);
    JsonNode allowlist = parse(response, "project " + projectName).path("cve_allowlist");
    List<String> cves = new ArrayList<>();
    allowlist.path("items").forEach(item -> cves.add(item.path("cve_id").asText()));
    long expires = allowlist.path("expires_at").asLong(0);
    return new CveAllowlist(cves, expires > 0 ? Instant.ofEpochSecond(expires) : null);
  }

  /**
   * Returns the actions the registry's token service grants an anonymous client on a repository
   * of the project, for example {@code [pull]} for a public project; {@code push} there means
   * anyone can push. The token is a JWT whose payload lists the granted access; it is read, not
   * verified, because only the grant matters here.
   */
  public List<String> anonymousRegistryActions(String projectName) throws IOException {
    String scope = "repository:" + projectName + "/hullscope-audit-probe:pull,push";
    HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(base()
            + "/service/token?service=harbor-registry&scope=" + segment(scope)))
        .timeout(TIMEOUT).GET().build());
    if (response.statusCode() != 200) {
      return List.of();
    }
    String token = text(parse(response, "anonymous registry token"), "token");
    if (token == null || token.split("\\.").length < 2) {
      return List.of();
    }
    JsonNode claims;
    try {
      claims = json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    } catch (IllegalArgumentException | IOException e) {
      throw new HarborException("Harbor's token service sent a token that is not a JWT: " + e.getMessage(), e);
    }
    List<String> actions = new ArrayList<>();
    for (JsonNode access : claims.path("access")) {
      access.path("actions").forEach(action -> {
        if (!actions.contains(action.asText())) {
          actions.add(action.asText());
        }
      });
    }
    return actions;
  }

  /**
   * Returns an image source that reads this Harbor's artifacts through its registry endpoint
   * (the same host, {@code /v2/}) with the same credentials, CA and insecure switch, so an
   * artifact opens without pulling it into Docker. Open an artifact with {@link #artifactKey}.
   *
   * @param repositoryName the full repository name, for example {@code library/app/api}
   */
  public RegistrySource registrySource(String repositoryName) {
    RegistryHostSettings settings = RegistryHostSettings.DEFAULT.withInsecure(connection.insecure());
    if (connection.caFile() != null) {
      settings = settings.withCaFile(connection.caFile());
    }
    if (connection.hasCredentials()) {
      settings = settings.withCredentials(Credentials.basic(connection.username(), connection.secret()));
    }
    String host = registryHost();
    return new RegistrySource(host, List.of(repositoryName), RegistryOptions.DEFAULT.withHost(host, settings));
  }

  /** Returns the key that opens an artifact in {@link #registrySource}, {@code host/repository@digest}. */
  public String artifactKey(String repositoryName, String digest) {
    return registryHost() + "/" + repositoryName + "@" + digest;
  }

  /** Returns the host of Harbor's registry endpoint, {@code host} or {@code host:port}. */
  public String registryHost() {
    URI url = connection.url();
    return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
  }

  /**
   * Returns one artifact with its tags, scan overview, SBOM overview and accessories.
   *
   * @param reference a digest or a tag
   */
  public Artifact artifact(String repositoryName, String reference) throws IOException {
    String path = repositoryPath(repositoryName) + "/artifacts/" + reference(reference)
        + "?with_tag=true&with_label=true&with_scan_overview=true&with_sbom_overview=true&with_accessory=true";
    HttpResponse<byte[]> response = send(get(path, Map.of("X-Accept-Vulnerabilities", ACCEPT_VULNERABILITIES)));
    check(response, "read artifact " + repositoryName + "@" + reference);
    return artifact(parse(response, "artifact " + repositoryName + "@" + reference));
  }

  /**
   * Waits until the scan (or SBOM generation) of an artifact ends, asking Harbor every {@code
   * interval}; returns the status Harbor reports last: {@code Success}, {@code Error} or {@code
   * Stopped}, or the running status when {@code timeout} passed first.
   *
   * @param sbom true to follow the SBOM generation instead of the vulnerability scan
   * @throws io.hullscope.image.OperationCancelledException when {@code progress} reports a cancel
   */
  public String followScan(String repositoryName, String reference, boolean sbom, Duration interval, Duration timeout,
      io.hullscope.image.ProgressListener progress) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String status = null;
    while (true) {
      progress.checkCancelled();
      Artifact artifact = artifact(repositoryName, reference);
      status = sbom ? artifact.sbomStatus() : artifact.scan() == null ? null : artifact.scan().status();
      progress.step((sbom ? "SBOM generation of " : "Scan of ") + repositoryName + ": " + (status == null ? "waiting"
          : status));
      if (status != null && FINISHED.contains(status) || System.nanoTime() > deadline) {
        return status;
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HarborException("interrupted while following the scan of " + repositoryName, e);
      }
    }
  }

  /** Scan states after which Harbor does nothing more. */
  private static final java.util.Set<String> FINISHED = java.util.Set.of("Success", "Error", "Stopped");

  /** Returns {@code /projects/P/repositories/R} for a full repository name, with R encoded twice. */
  static String repositoryPath(String repositoryName) {
    int slash = repositoryName.indexOf('/');
    if (slash <= 0 || slash == repositoryName.length() - 1) {
      throw new IllegalArgumentException("invalid Harbor repository name '" + repositoryName
          + "': expected PROJECT/REPOSITORY, for example library/nginx");
    }
    String project = repositoryName.substring(0, slash);
    String repository = repositoryName.substring(slash + 1);
    return "/projects/" + segment(project) + "/repositories/" + segment(segment(repository));
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Encodes a tag or digest for a path; the colon of a digest stays as it is, as Harbor's own UI sends it. */
  private static String reference(String reference) {
    return segment(reference).replace("%3A", ":");
  }

  private static String paging(int page, int pageSize) {
    if (page < 1) {
      throw new IllegalArgumentException("page numbers start at 1, got " + page);
    }
    int size = Math.max(1, Math.min(MAX_PAGE_SIZE, pageSize));
    return "page=" + page + "&page_size=" + size;
  }

  private static String fuzzy(String field, String value) {
    if (value == null || value.isBlank()) {
      return "";
    }
    return "&q=" + segment(field + "=~" + value.strip());
  }

  private <T> Page<T> getPage(String path, String action, int page, int pageSize, Function<JsonNode, T> reader)
      throws IOException {
    HttpResponse<byte[]> response = send(get(path));
    check(response, action);
    return page(response, action, page, pageSize, reader);
  }

  private <T> Page<T> page(HttpResponse<byte[]> response, String action, int page, int pageSize,
      Function<JsonNode, T> reader) throws IOException {
    JsonNode items = parse(response, action);
    if (!items.isArray()) {
      throw new HarborException("Harbor sent no list for " + action + "; is " + connection.url() + " a Harbor 2 server?",
          response.statusCode());
    }
    List<T> read = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      read.add(reader.apply(item));
    }
    long total = response.headers().firstValue("X-Total-Count").map(HarborClient::parseLong).orElse(-1L);
    return new Page<>(read, total, page, Math.max(1, Math.min(MAX_PAGE_SIZE, pageSize)));
  }

  private JsonNode getJson(String path, String action) throws IOException {
    HttpResponse<byte[]> response = send(get(path));
    check(response, action);
    return parse(response, action);
  }

  private HttpRequest get(String path) {
    return get(path, Map.of());
  }

  private HttpRequest get(String path, Map<String, String> headers) {
    return request(api(path), "GET", HttpRequest.BodyPublishers.noBody(), headers);
  }

  private URI api(String path) {
    return URI.create(base() + "/api/v2.0" + path);
  }

  private String base() {
    String url = connection.url().toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private HttpRequest request(URI uri, String method, HttpRequest.BodyPublisher body, Map<String, String> headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT).method(method, body)
        .header("Accept", "application/json");
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (headers != null) {
      headers.forEach(builder::header);
    }
    return builder.build();
  }

  private HttpResponse<byte[]> send(HttpRequest request) throws IOException {
    LOG.debug("Harbor {} {}", request.method(), request.uri());
    try {
      HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = response.body()) {
        body = in.readNBytes(maxResponseBytes + 1);
      }
      if (body.length > maxResponseBytes) {
        throw new HarborException("Harbor's response to " + request.method() + " " + request.uri().getPath()
            + " is larger than the limit of " + maxResponseBytes + " bytes", response.statusCode());
      }
      return new BufferedResponse(response, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarborException("interrupted while waiting for Harbor at " + connection.url(), e);
    } catch (HarborException e) {
      throw e;
    } catch (IOException e) {
      throw new HarborException("could not reach Harbor at " + connection.url() + ": " + e.getMessage(), e);
    }
  }

  private void check(HttpResponse<byte[]> response, String action) throws HarborException {
    if (response.statusCode() / 100 != 2) {
      throw failure(response, action);
    }
  }

  private HarborException failure(HttpResponse<byte[]> response, String action) {
    int status = response.statusCode();
    String detail = errorMessage(response.body());
    String advice = switch (status) {
      case 401 -> "; check the credentials";
      case 403 -> "; the account lacks the permission";
      case 404 -> "; it does not exist or is not visible to this account";
      case 412 -> "; Harbor refused it in its current state (for example an OIDC user without a CLI secret)";
      case 422 -> "; Harbor could not process the request's parameters, for example the search text";
      default -> "";
    };
    return new HarborException("Harbor could not " + action + " (HTTP " + status + (detail == null ? "" : ": " + detail)
        + ")" + advice, status);
  }

  /** Returns the first message of Harbor's error body ({@code {"errors":[{"message":...}]}}), or null. */
  private String errorMessage(byte[] body) {
    try {
      JsonNode message = json.readTree(body).path("errors").path(0).path("message");
      return message.isTextual() ? truncate(message.asText()) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private JsonNode parse(HttpResponse<byte[]> response, String action) throws HarborException {
    try {
      JsonNode node = json.readTree(response.body());
      if (node == null || node.isMissingNode()) {
        throw new HarborException("Harbor sent an empty response for " + action, response.statusCode());
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new HarborException("Harbor sent invalid JSON for " + action + ": " + truncate(e.getOriginalMessage()),
          response.statusCode());
    } catch (IOException e) {
      throw new HarborException("failed to read Harbor's response for " + action + ": " + e.getMessage(), e);
    }
  }

  private static Project project(JsonNode node) {
    Map<String, String> metadata = new LinkedHashMap<>();
    node.path("metadata").fields().forEachRemaining(field -> metadata.put(field.getKey(), field.getValue().asText()));
    JsonNode registry = node.get("registry_id");
    return new Project(node.path("project_id").asLong(), text(node, "name"), node.path("repo_count").asLong(),
        metadata, registry == null || registry.isNull() ? null : registry.asLong());
  }

  private static Repository repository(JsonNode node) {
    return new Repository(text(node, "name"), node.path("artifact_count").asLong(), node.path("pull_count").asLong(),
        time(node, "update_time"));
  }

  private static Artifact artifact(JsonNode node) {
    List<String> tags = new ArrayList<>();
    node.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
    List<String> labels = new ArrayList<>();
    node.path("labels").forEach(label -> labels.add(label.path("name").asText()));
    List<Accessory> accessories = new ArrayList<>();
    node.path("accessories").forEach(accessory -> accessories.add(accessory(accessory)));
    return new Artifact(text(node, "digest"), text(node, "manifest_media_type"), text(node, "type"),
        node.path("size").asLong(), time(node, "push_time"), time(node, "pull_time"), tags, labels,
        scan(node.path("scan_overview")), accessories, text(node.path("sbom_overview"), "scan_status"));
  }

  private static ScanSummary scan(JsonNode overview) {
    Iterator<JsonNode> reports = overview.elements();
    if (!reports.hasNext()) {
      return null;
    }
    JsonNode report = reports.next();
    Map<String, Integer> counts = new LinkedHashMap<>();
    report.path("summary").path("summary").fields()
        .forEachRemaining(field -> counts.put(field.getKey(), field.getValue().asInt()));
    JsonNode scanner = report.path("scanner");
    String scannerName = scanner.isObject()
        ? (text(scanner, "name") + (scanner.hasNonNull("version") ? " " + text(scanner, "version") : ""))
        : null;
    return new ScanSummary(text(report, "scan_status"), text(report, "severity"), counts,
        report.path("summary").path("total").asInt(), report.path("summary").path("fixable").asInt(), scannerName,
        time(report, "end_time"));
  }

  private static ImmutableRule immutableRule(JsonNode node) {
    JsonNode tag = node.path("tag_selectors").path(0);
    JsonNode repository = node.path("scope_selectors").path("repository").path(0);
    return new ImmutableRule(node.path("disabled").asBoolean(false), text(tag, "pattern"),
        "excludes".equals(text(tag, "decoration")), text(repository, "pattern"),
        "repoExcludes".equals(text(repository, "decoration")));
  }

  private static Robot robot(JsonNode node) {
    List<RobotPermission> permissions = new ArrayList<>();
    for (JsonNode permission : node.path("permissions")) {
      List<String> access = new ArrayList<>();
      permission.path("access").forEach(entry -> {
        if (!"deny".equals(text(entry, "effect"))) {
          access.add(text(entry, "resource") + ":" + text(entry, "action"));
        }
      });
      permissions.add(new RobotPermission(text(permission, "kind"), text(permission, "namespace"), access));
    }
    return new Robot(text(node, "name"), text(node, "level"), node.path("disable").asBoolean(false),
        node.path("duration").asLong(0), node.path("expires_at").asLong(0), permissions);
  }

  private static Accessory accessory(JsonNode node) {
    return new Accessory(text(node, "type"), text(node, "digest"), node.path("size").asLong());
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** Returns a time field, or null when absent or not a date (Harbor writes 0001-01-01 for "never"). */
  private static Instant time(JsonNode node, String field) {
    String text = text(node, field);
    if (text == null || text.isEmpty() || text.startsWith("0001-01-01")) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  /** A response whose body was read into memory with a limit. */
  private record BufferedResponse(HttpResponse<InputStream> response, byte[] body) implements HttpResponse<byte[]> {
    @Override
    public int statusCode() {
      return response.statusCode();
    }

    @Override
    public HttpRequest request() {
      return response.request();
    }

    @Override
    public Optional<HttpResponse<byte[]>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public java.net.http.HttpHeaders headers() {
      return response.headers();
    }

    @Override
    public Optional<javax.net.ssl.SSLSession> sslSession() {
      return response.sslSession();
    }

    @Override
    public URI uri() {
      return response.uri();
    }

    @Override
    public HttpClient.Version version() {
      return response.version();
    }
  }
}
