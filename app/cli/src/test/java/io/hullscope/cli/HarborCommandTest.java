package io.hullscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.source.harbor.HarborFixtures;
import io.hullscope.source.harbor.HarborStub;
import io.hullscope.source.harbor.HarborStub.Answer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HarborCommandTest {

  private HarborStub stub;

  @BeforeEach
  void start() throws Exception {
    stub = new HarborStub();
  }

  @AfterEach
  void stop() {
    if (stub != null) {
      stub.close();
    }
  }

  @Test
  void auditPrintsFindingsAndFailsOnHigh() {
    HarborFixtures.serveProject(stub, "legacy", 11,
        "\"public\":\"true\",\"auto_scan\":\"false\",\"prevent_vul\":\"false\"",
        "{\"id\":3,\"project_id\":11,\"items\":[]}", "[]", "[]", "[]", "{\"name\":\"Trivy\"}", List.of("pull"));
    stub.on("GET", "/api/v2.0/users/current", Answer.json(401,
        "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"unauthorized\"}]}"));

    Result result = run("harbor", "audit", "--url", stub.url().toString(), "--insecure", "--project", "legacy",
        "--fail-on", "high");

    assertThat(result.code).isEqualTo(3);
    assertThat(result.out).contains("[HIGH] HARBOR-SCAN-ON-PUSH-OFF: Images are not scanned on push")
        .contains("Where:    Harbor > Projects > legacy > Configuration > Vulnerability scanning")
        .contains("Anonymous");
    assertThat(result.out).doesNotContain("HARBOR-ANONYMOUS-PUSH");
    assertThat(stub.contractViolations()).isEmpty();
  }

  @Test
  void auditWithoutFailOnExitsZero() {
    HarborFixtures.serveProject(stub, "legacy", 11, "\"public\":\"false\"",
        "{\"id\":3,\"project_id\":11,\"items\":[]}", "[]", "[]", "[]", "{\"name\":\"Trivy\"}", List.of());
    stub.on("GET", "/api/v2.0/users/current", Answer.json(401,
        "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"unauthorized\"}]}"));

    Result result = run("harbor", "audit", "--url", stub.url().toString(), "--insecure", "--project", "legacy",
        "--format", "json");

    assertThat(result.code).isZero();
    assertThat(result.out).contains("\"id\" : \"HARBOR-SCAN-ON-PUSH-OFF\"");
  }

  @Test
  void loginSavesConnectionWithoutSecret() throws Exception {
    java.nio.file.Path data = java.nio.file.Files.createTempDirectory("hullscope-cli-data");
    String previous = System.setProperty("hullscope.data", data.toString());
    java.io.InputStream stdin = System.in;
    String secret = "login-test-secret-4711";
    stub.on("GET", "/api/v2.0/users/current", Answer.json(200, "{\"user_id\":5,\"username\":\"carol\"}"));
    stub.on("GET", "/api/v2.0/systeminfo", Answer.json(200, "{\"harbor_version\":\"v2.12.2\"}"));
    stub.on("GET", "/api/v2.0/projects", Answer.json(200, "[]"));
    try {
      System.setIn(new java.io.ByteArrayInputStream((secret + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      Result login = run("harbor", "login", "--name", "lab", "--url", stub.url().toString(), "--insecure",
          "--user", "carol", "--password-stdin");
      Result projects = run("harbor", "projects", "--connection", "lab");
      byte[] database = java.nio.file.Files.readAllBytes(data.resolve("hullscope.db"));
      Result logout = run("harbor", "logout", "--name", "lab");
      Result afterLogout = run("harbor", "projects", "--connection", "lab");

      assertThat(login.code).as(login.err).isZero();
      assertThat(login.out).contains("Signed in as user carol").contains("Harbor v2.12.2").doesNotContain(secret);
      assertThat(projects.code).as(projects.err).isZero();
      String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(
          ("carol:" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(stub.requests().get(stub.requests().size() - 1).header("Authorization")).isEqualTo(expected);
      assertThat(new String(database, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(secret);
      assertThat(logout.code).isZero();
      assertThat(afterLogout.code).isEqualTo(1);
      assertThat(afterLogout.err).contains("lab");
    } finally {
      System.setIn(stdin);
      if (previous == null) {
        System.clearProperty("hullscope.data");
      } else {
        System.setProperty("hullscope.data", previous);
      }
    }
  }

  @Test
  void plainHttpWithoutInsecureIsAUsageError() {
    Result result = run("harbor", "projects", "--url", stub.url().toString());

    assertThat(result.code).isEqualTo(2);
    assertThat(result.err).contains("insecure");
  }

  @Test
  void userWithoutSecretIsAUsageError() {
    Result result = run("harbor", "projects", "--url", stub.url().toString(), "--insecure", "--user", "alice");

    assertThat(result.code).isEqualTo(2);
    assertThat(result.err).contains("HULLSCOPE_HARBOR_SECRET");
  }

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = HullscopeCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  private record Result(int code, String out, String err) {}
}
