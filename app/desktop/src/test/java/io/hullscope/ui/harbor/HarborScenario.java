package io.hullscope.ui.harbor;

import io.hullscope.source.harbor.HarborFixtures;
import io.hullscope.source.harbor.HarborStub;
import io.hullscope.source.harbor.HarborStub.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small Harbor served by {@link HarborStub}: user alice, three projects, a nested repository
 * {@code team/app/api} with three artifacts, a vulnerability report, a scan that finishes on the
 * second poll, and the badly configured project {@code legacy} for the audit. Lists honour {@code
 * page} and {@code page_size}, so paging can be tested with small pages.
 */
final class HarborScenario {

  static final String API = "/api/v2.0";
  static final String USER = "alice";
  static final String SECRET = "harbor-test-secret-7f3a";
  static final String REPOSITORY = "team/app/api";
  static final String ARTIFACTS = API + "/projects/team/repositories/app%252Fapi/artifacts";
  static final String SCANNED_DIGEST = "sha256:" + "ab".repeat(32);
  static final String UNSCANNED_DIGEST = "sha256:" + "cd".repeat(32);
  static final String OLD_DIGEST = "sha256:" + "ef".repeat(32);

  private static final Pattern PAGE = Pattern.compile("[?&]page=(\\d+)");
  private static final Pattern PAGE_SIZE = Pattern.compile("[?&]page_size=(\\d+)");

  private final AtomicInteger scanPolls = new AtomicInteger();

  private HarborScenario() {}

  /**
   * Serves the scenario on {@code stub}.
   *
   * @param firstDigest the digest of the newest artifact, tagged {@code 1.0}; a real image's digest
   *     when the test opens it through a registry behind the stub
   */
  static HarborScenario serve(HarborStub stub, String firstDigest) {
    HarborScenario scenario = new HarborScenario();
    HarborFixtures.serveProject(stub, "legacy", 11,
        "\"public\":\"true\",\"auto_scan\":\"false\",\"prevent_vul\":\"false\","
            + "\"enable_content_trust_cosign\":\"false\",\"auto_sbom_generation\":\"false\"",
        "{\"id\":3,\"project_id\":11,\"items\":[]}",
        "[]",
        "[" + HarborFixtures.robot("robot$legacy+ci", "project", -1, -1, "legacy", "\"push\"") + "]",
        "[]",
        "{\"uuid\":\"s-1\",\"name\":\"Trivy\",\"vendor\":\"Aqua Security\",\"version\":\"v0.56.1\","
            + "\"url\":\"http://trivy:8080\"}",
        List.of("pull"));
    stub.on("GET", API + "/users/current", request -> authorized(request)
        ? Answer.json(200, "{\"user_id\":3,\"username\":\"" + USER + "\",\"sysadmin_flag\":false}")
        : Answer.json(401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"unauthorized\"}]}"));
    stub.on("GET", API + "/projects", request -> page(request.rawUri(), List.of(
        project(1, "team", false, 2), project(2, "library", true, 0), project(11, "legacy", true, 0))));
    stub.on("GET", API + "/projects/team/repositories", request -> page(request.rawUri(), List.of(
        repository(5, 1, "team/app/api", 3), repository(6, 1, "team/web", 0))));
    stub.on("GET", API + "/projects/legacy/repositories", request -> page(request.rawUri(), List.of()));
    stub.on("GET", ARTIFACTS, request -> page(request.rawUri(), List.of(
        artifactJson(firstDigest, "1.0", "Success", true), artifactJson(UNSCANNED_DIGEST, "0.9", null, false),
        artifactJson(OLD_DIGEST, "0.1", null, false))));
    stub.on("GET", ARTIFACTS + "/" + firstDigest + "/additions/vulnerabilities", Answer.json(200,
        "{\"application/vnd.security.vulnerability.report; version=1.1\":{\"severity\":\"High\","
            + "\"vulnerabilities\":["
            + "{\"id\":\"CVE-2024-0002\",\"package\":\"zlib\",\"version\":\"1.2.13\",\"fix_version\":\"\","
            + "\"severity\":\"Medium\"},"
            + "{\"id\":\"CVE-2024-0001\",\"package\":\"openssl\",\"version\":\"3.0.1\",\"fix_version\":\"3.0.2\","
            + "\"severity\":\"High\"}]}}"));
    stub.on("POST", ARTIFACTS + "/" + UNSCANNED_DIGEST + "/scan", Answer.json(202, ""));
    stub.on("GET", ARTIFACTS + "/" + UNSCANNED_DIGEST, request -> Answer.json(200, artifactJson(UNSCANNED_DIGEST,
        "0.9", scenario.scanPolls.incrementAndGet() < 2 ? "Running" : "Success", false)));
    return scenario;
  }

  /** Returns how often the scan of the unscanned artifact was polled. */
  int scanPolls() {
    return scanPolls.get();
  }

  private static boolean authorized(HarborStub.Request request) {
    String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(
        (USER + ":" + SECRET).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return expected.equals(request.header("Authorization"));
  }

  private static Answer page(String rawUri, List<String> all) {
    int page = number(PAGE, rawUri, 1);
    int size = number(PAGE_SIZE, rawUri, 10);
    List<String> items = new ArrayList<>();
    for (int i = (page - 1) * size; i < Math.min(all.size(), page * size); i++) {
      items.add(all.get(i));
    }
    return Answer.json(200, "[" + String.join(",", items) + "]").withHeader("X-Total-Count",
        Integer.toString(all.size()));
  }

  private static int number(Pattern pattern, String text, int fallback) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : fallback;
  }

  private static String project(long id, String name, boolean isPublic, int repositories) {
    return "{\"project_id\":" + id + ",\"name\":\"" + name + "\",\"repo_count\":" + repositories
        + ",\"metadata\":{\"public\":\"" + isPublic + "\"}}";
  }

  private static String repository(long id, long projectId, String name, int artifacts) {
    return "{\"id\":" + id + ",\"project_id\":" + projectId + ",\"name\":\"" + name + "\",\"artifact_count\":"
        + artifacts + ",\"pull_count\":4,\"update_time\":\"2026-11-30T10:00:00.000Z\"}";
  }

  static String artifactJson(String digest, String tag, String scanStatus, boolean accessories) {
    String scan = scanStatus == null ? "" : ",\"scan_overview\":{\"application/vnd.security.vulnerability.report;"
        + " version=1.1\":{\"report_id\":\"r-1\",\"scan_status\":\"" + scanStatus + "\",\"severity\":\"High\","
        + "\"summary\":{\"total\":2,\"fixable\":1,\"summary\":{\"High\":1,\"Medium\":1}},"
        + "\"scanner\":{\"name\":\"Trivy\",\"vendor\":\"Aqua Security\",\"version\":\"v0.56.1\"}}}";
    String attached = !accessories ? ""
        : ",\"accessories\":[{\"id\":7,\"artifact_id\":43,\"subject_artifact_id\":42,\"digest\":\"sha256:"
            + "12".repeat(32) + "\",\"type\":\"signature.cosign\",\"size\":1200},{\"id\":8,\"artifact_id\":44,"
            + "\"digest\":\"sha256:" + "34".repeat(32) + "\",\"type\":\"sbom.harbor\",\"size\":9000}]";
    return "{\"id\":42,\"type\":\"IMAGE\",\"digest\":\"" + digest + "\",\"size\":31457280,"
        + "\"manifest_media_type\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"push_time\":\"2026-11-01T08:30:00.000Z\",\"pull_time\":\"0001-01-01T00:00:00.000Z\","
        + "\"tags\":[{\"id\":1,\"name\":\"" + tag + "\"}],"
        + "\"labels\":[{\"id\":5,\"name\":\"release\",\"color\":\"#00FF00\"}]" + scan + attached + "}";
  }

  /** Returns the query parameters of a recorded request's raw URI, for assertions. */
  static Map<String, String> query(String rawUri) {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    int question = rawUri.indexOf('?');
    if (question < 0) {
      return values;
    }
    for (String pair : rawUri.substring(question + 1).split("&")) {
      int equals = pair.indexOf('=');
      values.put(equals < 0 ? pair : pair.substring(0, equals), equals < 0 ? "" : pair.substring(equals + 1));
    }
    return values;
  }
}
