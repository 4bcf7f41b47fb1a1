package io.hullscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.testing.Ci;
import io.hullscope.testing.Tools;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reads a training sample pushed to the real local registry ({@code docker-registry} on loopback,
 * found through {@code HULLSCOPE_REGISTRY}) with {@code docker://}, and checks that it gives the
 * same SBOM as the archive it was pushed from.
 */
@Tag("registry")
class RegistryImageCliIT {

  private static String reference;
  private static String host;

  @BeforeAll
  static void pushSample() throws Exception {
    String configured = System.getenv("HULLSCOPE_REGISTRY");
    boolean available = Ci.checkServiceForClass(configured != null && !configured.isBlank(),
        "docker-registry (set HULLSCOPE_REGISTRY to host:port)");
    boolean skopeo = Ci.checkServiceForClass(Tools.runs("skopeo", "--version"), "skopeo (install the skopeo package)");
    if (!available || !skopeo) {
      return;
    }
    host = configured.strip();
    reference = host + "/hullscope-cli-it/" + UUID.randomUUID().toString().substring(0, 8) + ":good";
    assertThat(Tools.runs("skopeo", "copy", "--quiet", "--dest-tls-verify=false",
        "docker-archive:" + sample(), "docker://" + reference)).as("skopeo copy to " + reference).isTrue();
  }

  @BeforeEach
  void requireRegistry() {
    Ci.requireService(reference != null, "docker-registry (set HULLSCOPE_REGISTRY) and skopeo");
  }

  @Test
  void registryImageMatchesArchive() throws Exception {
    Result fromRegistry = run("sbom", "--no-cache", "--insecure-registry", host, "docker://" + reference);
    Result fromArchive = run("sbom", "--no-cache", sample().toString());

    assertThat(fromRegistry.code).as(fromRegistry.err).isZero();
    assertThat(purls(fromRegistry.out)).hasSize(5).isEqualTo(purls(fromArchive.out));
  }

  @Test
  void dockerPushedImageOpens() throws Exception {
    String dockerHost = System.getenv("HULLSCOPE_DOCKER_HOST");
    Ci.requireService(dockerHost != null && !dockerHost.isBlank(), "dockerd (set HULLSCOPE_DOCKER_HOST)");
    String pushed = host + "/hullscope-cli-it/docker-" + UUID.randomUUID().toString().substring(0, 8) + ":good";
    assertThat(Tools.runs("docker", "-H", dockerHost, "load", "-i", sample().toString())).as("docker load").isTrue();
    assertThat(Tools.runs("docker", "-H", dockerHost, "tag", "hullscope-samples/hygiene-good:1.4.2", pushed))
        .as("docker tag").isTrue();
    // Docker reaches registries on 127.0.0.0/8 over plain HTTP without extra daemon settings.
    assertThat(Tools.runs("docker", "-H", dockerHost, "push", pushed)).as("docker push " + pushed).isTrue();

    Result fromRegistry = run("sbom", "--no-cache", "--insecure-registry", host, "docker://" + pushed);
    Result fromArchive = run("sbom", "--no-cache", sample().toString());

    assertThat(fromRegistry.code).as(fromRegistry.err).isZero();
    assertThat(purls(fromRegistry.out)).hasSize(5).isEqualTo(purls(fromArchive.out));
  }

  @Test
  void unsignedRegistryImageIsReportedNotSigned() throws Exception {
    Result fromRegistry = run("check", "--no-cache", "--format", "json", "--insecure-registry", host,
        "docker://" + reference);
    Result fromArchive = run("check", "--no-cache", "--format", "json", sample().toString());

    assertThat(fromRegistry.code).as(fromRegistry.err).isZero();
    // Signatures live in the registry, so only the registry image can be judged unsigned.
    assertThat(findingIds(fromRegistry.out)).contains("NOT-SIGNED");
    assertThat(findingIds(fromArchive.out)).doesNotContain("NOT-SIGNED");
  }

  private static List<String> findingIds(String json) throws Exception {
    List<String> ids = new ArrayList<>();
    new ObjectMapper().readTree(json).path("findings").forEach(finding -> ids.add(finding.path("id").asText()));
    return ids;
  }

  @Test
  void plainHttpNeedsInsecureOption() {
    Result result = run("inspect", "--no-cache", "docker://" + reference);

    assertThat(result.code).isEqualTo(1);
    assertThat(result.err.strip()).doesNotContain("\n");
  }

  private static Set<String> purls(String json) throws IOException {
    Set<String> purls = new TreeSet<>();
    for (JsonNode component : new ObjectMapper().readTree(json).get("components")) {
      if (component.has("purl")) {
        purls.add(component.get("purl").asText());
      }
    }
    return purls;
  }

  private static Path sample() {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    return root.resolve("samples/images/hygiene-good.tar");
  }


  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = HullscopeCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  private record Result(int code, String out, String err) {}
}
