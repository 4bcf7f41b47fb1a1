package io.hullscope.report;

import static io.hullscope.report.DockerfileReconstructionTest.instructions;
import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.AccountDatabase;
import io.hullscope.check.CheckDefinition;
import io.hullscope.check.Confidence;
import io.hullscope.check.Evidence;
import io.hullscope.check.Finding;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.HygieneGrade;
import io.hullscope.check.ImageFacts;
import io.hullscope.check.Severity;
import io.hullscope.check.UserVerdict;
import io.hullscope.image.HistoryEntry;
import io.hullscope.image.ImageConfig;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileSuggestionTest {

  @Test
  void badSampleGetsEveryFix() throws IOException {
    SampleFacts.Checked checked = SampleFacts.check(SampleFacts.sample("hygiene-bad.tar"));

    DockerfileSuggestion.Result result = DockerfileSuggestion.build(checked.report(), checked.facts());
    String dockerfile = result.dockerfile();
    List<String> lines = instructions(dockerfile);

    assertThat(lines).contains(
        "FROM <fill-in:base-image>@sha256:<fill-in:base-digest> AS build",
        "RUN apt-get update && apt-get install --no-install-recommends -y gcc git curl python3"
            + " && rm -rf /var/lib/apt/lists/*",
        "ADD --checksum=sha256:<fill-in:sha256-of-step-5> https://downloads.example.com/app-bundle.tar /app/",
        "FROM gcr.io/distroless/python3-debian12@sha256:<fill-in:final-base-digest>",
        "COPY --from=build /app /app",
        "EXPOSE 8080/tcp",
        "HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD [\"<fill-in:health-check-command>\"]",
        "USER 10001:10001",
        "CMD [\"/app/server.py\"]");
    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("RUN curl -fsSLo /tmp/download-4-1.sh"
        + " https://get.example.com/install.sh && echo \"<fill-in:sha256-of-download-4-1>  /tmp/download-4-1.sh\""
        + " | sha256sum -c - && sh /tmp/download-4-1.sh"));
    assertThat(lines).noneMatch(line -> line.contains("DB_PASSWORD") || line.contains("API_TOKEN"));
    assertThat(lines).noneMatch(line -> line.contains("sudo") || line.contains("openssh-server"));
    // The distroless python3 base runs python3 itself, so the script is the only argument.
    assertThat(lines.get(lines.size() - 1)).isEqualTo("CMD [\"/app/server.py\"]");
    assertThat(result.addressed()).contains("ROOT-USER", "SECRET-IN-ENV", "PACKAGE-CACHE-LEFT", "ADD-FROM-URL",
        "NO-HEALTHCHECK", "MISSING-OCI-LABELS", "BUILD-TOOLS-PRESENT", "BASE-NOT-PINNED", "SUDO-PRESENT",
        "SSH-SERVER", "PORT-22-EXPOSED", "CURL-PIPE-SHELL");
    assertThat(result.placeholders()).contains("base-image", "base-digest", "health-check-command",
        "source-repository-url", "image-version", "source-commit");
  }

  @Test
  void everyChangeHasReason() throws IOException {
    SampleFacts.Checked checked = SampleFacts.check(SampleFacts.sample("hygiene-bad.tar"));

    String dockerfile = DockerfileSuggestion.suggest(checked.report(), checked.facts());

    for (String id : DockerfileSuggestion.build(checked.report(), checked.facts()).addressed()) {
      assertThat(dockerfile).as("reason for %s", id).containsPattern("(?m)^#.*\\b" + id + "\\b");
    }
  }

  @Test
  void goodSampleIsLeftAlone() throws IOException {
    SampleFacts.Checked checked = SampleFacts.check(SampleFacts.sample("hygiene-good.tar"));

    DockerfileSuggestion.Result result = DockerfileSuggestion.build(checked.report(), checked.facts());

    assertThat(result.addressed()).isEmpty();
    assertThat(result.dockerfile()).doesNotContain("# " + DockerfileSuggestion.MARK);
    assertThat(instructions(result.dockerfile())).contains("USER 65532:65532",
        "HEALTHCHECK CMD [\"/app/server\", \"--healthcheck\"]", "ENTRYPOINT [\"/app/server\"]");
  }

  @Test
  void checkWithoutFindingGetsNoFix() {
    ImageConfig config = config("65532:65532", List.of(entry("COPY app /app # buildkit", false),
        entry("ADD files /srv # buildkit", false), entry("ENV API_TOKEN=abc", true)));
    List<CheckDefinition> ran = definitions("NO-HEALTHCHECK", "MISSING-OCI-LABELS", "ADD-INSTEAD-OF-COPY",
        "SECRET-IN-ENV", "BASE-NOT-PINNED", "BUILD-TOOLS-PRESENT");

    DockerfileSuggestion.Result result = DockerfileSuggestion.build(report(config, List.of(), ran), facts(config));

    assertThat(result.addressed()).isEmpty();
    assertThat(instructions(result.dockerfile())).containsExactly("FROM <fill-in:base-image>", "COPY app /app",
        "ADD files /srv", "ENV API_TOKEN=<redacted>");
  }

  @Test
  void findingEvidenceNamesSecret() {
    ImageConfig config = config("1000", List.of(entry("ENV APP_CONFIG=c2VjcmV0 LOG_LEVEL=info", true)));
    Finding finding = finding("SECRET-IN-ENV", List.of(Evidence.config("Env", "APP_CONFIG=c2Vj****")));

    String dockerfile = DockerfileSuggestion.suggest(report(config, List.of(finding), definitions("SECRET-IN-ENV")),
        facts(config));

    assertThat(instructions(dockerfile)).contains("ENV LOG_LEVEL=info");
    assertThat(dockerfile).doesNotContain("c2VjcmV0").contains("removed the ENV value APP_CONFIG (SECRET-IN-ENV)");
  }

  @Test
  void secretBuildArgumentBecomesSecretMount() {
    ImageConfig config = config("1000", List.of(entry("ARG NPM_TOKEN", true),
        entry("|1 NPM_TOKEN=npm_0123456789abcdef /bin/sh -c npm ci", false),
        entry("|1 NPM_TOKEN=npm_0123456789abcdef /bin/sh -c npm run build", false)));

    String dockerfile = DockerfileSuggestion.suggest(report(config, List.of(), List.of()), facts(config));

    assertThat(instructions(dockerfile)).contains(
        "RUN --mount=type=secret,id=npm_token export NPM_TOKEN=\"$(cat /run/secrets/npm_token)\" && npm ci"
            + " && npm cache clean --force",
        "RUN --mount=type=secret,id=npm_token export NPM_TOKEN=\"$(cat /run/secrets/npm_token)\" && npm run build");
    assertThat(instructions(dockerfile)).noneMatch(line -> line.startsWith("ARG"));
    assertThat(dockerfile).doesNotContain("npm_0123456789abcdef")
        .contains("docker build --secret id=npm_token,env=NPM_TOKEN .");
  }

  @Test
  void secretInRunCommandIsLeftOut() {
    ImageConfig config = config("1000", List.of(
        entry("/bin/sh -c curl -H 'Authorization: Bearer abcdef123456' https://example.com/x -o /x", false)));
    Finding finding = finding("SECRET-IN-HISTORY", List.of(Evidence.history(0, 0, "Authorization: Bearer ****")));

    String dockerfile = DockerfileSuggestion.suggest(
        report(config, List.of(finding), definitions("SECRET-IN-HISTORY")), facts(config));

    assertThat(dockerfile).doesNotContain("abcdef123456");
    assertThat(instructions(dockerfile)).contains("RUN <fill-in:command-of-step-1>");
  }

  @Test
  void redactedRunGetsSecretGuidance() {
    ImageConfig config = config("1000", List.of(entry("/bin/sh -c export NPM_TOKEN=npm_abcdef0123 && npm publish", false)));

    String dockerfile = DockerfileSuggestion.suggest(report(config, List.of(), List.of()), facts(config));

    assertThat(dockerfile).doesNotContain("npm_abcdef0123")
        .contains("# Hullscope: this command wrote a secret into the image history (SECRET-IN-HISTORY).");
  }

  @Test
  void addOfArchiveStaysAdd() {
    ImageConfig config = config("1000", List.of(entry("ADD rootfs-extra.tar.gz /opt/ # buildkit", false),
        entry("ADD app.conf /etc/app.conf # buildkit", false)));

    String dockerfile = DockerfileSuggestion.suggest(report(config, List.of(), List.of()), facts(config));

    assertThat(instructions(dockerfile)).contains("ADD rootfs-extra.tar.gz /opt/", "COPY app.conf /etc/app.conf");
  }

  @Test
  void setuidFileGetsChmodWithShell() {
    ImageConfig config = config("1000", List.of(entry("/bin/sh -c #(nop) ADD file:00aa11bb in / ", false),
        entry("RUN /bin/sh -c echo hi # buildkit", false), entry("CMD [\"/app\"]", true)));
    Finding setuid = finding("SETUID-FILE", List.of(Evidence.file(0, "usr/bin/passwd", "mode 4755")));
    Finding shell = finding("SHELL-PRESENT", List.of(Evidence.file(0, "bin/sh", "shell")));

    String dockerfile = DockerfileSuggestion.suggest(report(config, List.of(setuid, shell),
        definitions("SETUID-FILE", "SHELL-PRESENT")), facts(config));

    List<String> lines = instructions(dockerfile);
    assertThat(lines).containsSubsequence("RUN chmod u-s,g-s /usr/bin/passwd", "CMD [\"/app\"]");
    assertThat(dockerfile).contains("(SETUID-FILE, SETGID-FILE, WORLD-WRITABLE)");
  }

  @Test
  void rootWithShellGetsAccountLine() throws IOException {
    SampleFacts.Checked checked = SampleFacts.check(SampleFacts.sample("hygiene-bad.tar"));
    // Without a build-tools finding the image stays single-stage, so the account is added where the shell is.
    List<CheckDefinition> ran = new ArrayList<>(checked.report().checks());
    if (ran.stream().noneMatch(d -> d.id().equals("BUILD-TOOLS-PRESENT"))) {
      ran.addAll(definitions("BUILD-TOOLS-PRESENT"));
    }
    List<Finding> findings = checked.report().findings().stream()
        .filter(f -> !f.id().equals("BUILD-TOOLS-PRESENT")).toList();
    HardeningReport report = new HardeningReport("bad", null, Instant.now(), "test", checked.report().user(),
        findings, HygieneGrade.of(findings), ran);

    String dockerfile = DockerfileSuggestion.suggest(report, checked.facts());

    assertThat(instructions(dockerfile)).containsSubsequence(
        "RUN echo 'app:x:10001:10001:app:/nonexistent:/usr/sbin/nologin' >> /etc/passwd"
            + " && echo 'app:x:10001:' >> /etc/group",
        "USER 10001:10001", "CMD [\"/bin/sh\", \"-c\", \"python3 /app/server.py\"]");
  }

  @Test
  void imageWithoutHistoryOrLayers() {
    ImageConfig config = new ImageConfig(null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null);

    DockerfileSuggestion.Result result = DockerfileSuggestion.build(report(config, List.of(), List.of()), facts(config));

    assertThat(instructions(result.dockerfile())).first().isEqualTo("FROM <fill-in:base-image>@sha256:<fill-in:base-digest>");
    assertThat(result.dockerfile()).contains("USER 10001:10001");
  }

  @Test
  void longHostileCommandsFinishQuickly() {
    String curls = "curl https://example.com/x ".repeat(20_000);
    String installs = "apt-get install -y ".repeat(20_000);
    String pipes = ("wget -qO- https://example.com/" + "a".repeat(50_000) + " | ").repeat(4) + "sh";
    ImageConfig config = config(null, List.of(entry("/bin/sh -c " + curls, false), entry("/bin/sh -c " + installs, false),
        entry("/bin/sh -c " + pipes, false), entry("ENV " + "A=b ".repeat(20_000), true),
        entry("LABEL " + "k=\"v\" ".repeat(20_000), true)));

    DockerfileSuggestion.Result result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(20), () -> DockerfileSuggestion.build(report(config, List.of(), List.of()),
            facts(config)));

    assertThat(result.dockerfile()).contains("USER 10001:10001");
    assertThat(result.dockerfile()).contains("so it was not checked or rewritten; review it by hand.");
  }

  private static HistoryEntry entry(String createdBy, boolean empty) {
    return new HistoryEntry(null, createdBy, null, empty);
  }

  static ImageConfig config(String user, List<HistoryEntry> history) {
    return new ImageConfig(null, user, null, null, null, null, null, null, Map.of(), null, null, null, null, history,
        null);
  }

  static ImageFacts facts(ImageConfig config) {
    return new ImageFacts(List.of("registry.example.com/team/app:1.0"), null, config, null, AccountDatabase.NONE, null,
        null, null, null);
  }

  /** A report as the runner makes it: the user findings plus the given ones, with the given checks and the user checks. */
  static HardeningReport report(ImageConfig config, List<Finding> findings, List<CheckDefinition> ran) {
    UserVerdict user = UserVerdict.of(config, AccountDatabase.NONE);
    List<Finding> all = new ArrayList<>(user.findings());
    all.addAll(findings);
    List<CheckDefinition> checks = new ArrayList<>(ran);
    checks.addAll(definitions(DockerfileSuggestion.USER_IDS.toArray(String[]::new)));
    return new HardeningReport("test", null, Instant.now(), "test", user, all, HygieneGrade.of(all), checks);
  }

  static List<CheckDefinition> definitions(String... ids) {
    List<CheckDefinition> definitions = new ArrayList<>();
    for (String id : ids) {
      definitions.add(new CheckDefinition(id, id, Severity.MEDIUM, "test", "rationale"));
    }
    return definitions;
  }

  static Finding finding(String id, List<Evidence> evidence) {
    return new Finding(id, id, Severity.HIGH, "rationale", "", "suggestion", "Dockerfile", evidence, Confidence.HIGH);
  }
}
