package io.hullscope.source.harbor;

import io.hullscope.source.harbor.HarborStub.Answer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Canned Harbor answers for project audits, shared by the engine and CLI tests. */
public final class HarborFixtures {

  private static final String API = "/api/v2.0";

  private HarborFixtures() {}

  /** Serves one project's settings on every endpoint the snapshot reads. */
  public static void serveProject(HarborStub stub, String name, long id, String metadata, String allowlist, String immutableRules,
      String projectRobots, String systemRobots, String scanner, List<String> anonymousActions) {
    String project = "{\"project_id\":" + id + ",\"name\":\"" + name + "\",\"repo_count\":2,\"metadata\":{"
        + metadata + "},\"cve_allowlist\":" + allowlist + "}";
    stub.on("GET", API + "/systeminfo", Answer.json(200, "{\"harbor_version\":\"v2.12.2\"}"));
    stub.on("GET", API + "/projects/" + name, Answer.json(200, project));
    stub.on("GET", API + "/projects/" + name + "/immutabletagrules", Answer.json(200, immutableRules));
    stub.on("GET", API + "/robots", request -> Answer.json(200,
        request.rawUri().contains("Level%3Dsystem") ? systemRobots : projectRobots));
    stub.on("GET", API + "/projects/" + name + "/members", Answer.json(200,
        "[{\"id\":1,\"project_id\":" + id + ",\"entity_name\":\"admin\",\"role_name\":\"projectAdmin\","
            + "\"role_id\":1,\"entity_id\":1,\"entity_type\":\"u\"}]"));
    stub.on("GET", API + "/projects/" + name + "/scanner", Answer.json(200, scanner));
    stub.on("GET", API + "/projects/" + name + "/auditlog-exts", Answer.json(200,
        "[{\"id\":1,\"username\":\"admin\",\"resource\":\"/api/v2.0/projects/" + name + "\",\"resource_type\":\"project\","
            + "\"operation\":\"update\",\"op_time\":\"2026-11-30T10:00:00.000Z\"}]"));
    stub.on("GET", "/service/token", Answer.json(200, "{\"token\":\"" + jwt(anonymousActions) + "\"}"));
  }

  public static String robot(String name, String level, long duration, long expiresAt, String namespace,
      String actions) {
    StringBuilder access = new StringBuilder();
    for (String action : actions.split(",")) {
      if (access.length() > 0) {
        access.append(',');
      }
      access.append("{\"resource\":\"repository\",\"action\":").append(action).append('}');
    }
    return "{\"id\":1,\"name\":\"" + name + "\",\"level\":\"" + level + "\",\"duration\":" + duration
        + ",\"expires_at\":" + expiresAt + ",\"disable\":false,\"permissions\":[{\"kind\":\""
        + "project" + "\",\"namespace\":\"" + namespace + "\",\"access\":["
        + access + "]}]}";
  }

  /** Returns an unsigned JWT granting the actions, shaped like the registry token Harbor issues. */
  static String jwt(List<String> actions) {
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    String header = encoder.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String access = actions.isEmpty() ? "[]"
        : "[{\"type\":\"repository\",\"name\":\"probe\",\"actions\":[\"" + String.join("\",\"", actions) + "\"]}]";
    String payload = encoder.encodeToString(("{\"iss\":\"harbor-token-issuer\",\"access\":" + access + "}")
        .getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + ".c2lnbmF0dXJl";
  }
}
