package io.hullscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import io.hullscope.image.Healthcheck;
import io.hullscope.image.HistoryEntry;
import io.hullscope.image.ImageConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class DockerfileReconstructionTest {

  /** One history line as the builders record it, and the instruction it must become. */
  static Stream<Arguments> historyLines() {
    return Stream.of(
        // Classic builder metadata: two spaces after #(nop) for most instructions.
        Arguments.of("/bin/sh -c #(nop)  CMD [\"bash\"]", "CMD [\"bash\"]"),
        Arguments.of("/bin/sh -c #(nop)  CMD [\"/bin/sh\" \"-c\" \"python3 /app/server.py\"]",
            "CMD [\"/bin/sh\", \"-c\", \"python3 /app/server.py\"]"),
        Arguments.of("/bin/sh -c #(nop)  ENTRYPOINT [\"docker-entrypoint.sh\"]", "ENTRYPOINT [\"docker-entrypoint.sh\"]"),
        Arguments.of("/bin/sh -c #(nop) WORKDIR /usr/src/app", "WORKDIR /usr/src/app"),
        Arguments.of("/bin/sh -c #(nop)  ENV NODE_VERSION=20.11.1", "ENV NODE_VERSION=20.11.1"),
        Arguments.of("/bin/sh -c #(nop)  ENV LANG=C.UTF-8 GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D",
            "ENV LANG=C.UTF-8 GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D"),
        Arguments.of("/bin/sh -c #(nop)  ENV GREETING=hello world", "ENV GREETING=\"hello world\""),
        Arguments.of("/bin/sh -c #(nop)  ENV PRICE=$5", "ENV PRICE=\"\\$5\""),
        Arguments.of("/bin/sh -c #(nop)  EXPOSE 80/tcp 443/tcp", "EXPOSE 80/tcp 443/tcp"),
        Arguments.of("/bin/sh -c #(nop)  EXPOSE map[8080/tcp:{}]", "EXPOSE 8080/tcp"),
        Arguments.of("/bin/sh -c #(nop)  USER 1000:1000", "USER 1000:1000"),
        Arguments.of("/bin/sh -c #(nop)  STOPSIGNAL SIGQUIT", "STOPSIGNAL SIGQUIT"),
        Arguments.of("/bin/sh -c #(nop)  VOLUME [/var/lib/postgresql/data]", "VOLUME [\"/var/lib/postgresql/data\"]"),
        Arguments.of("/bin/sh -c #(nop)  SHELL [/bin/bash -o pipefail -c]",
            "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]"),
        Arguments.of("/bin/sh -c #(nop)  LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>",
            "LABEL maintainer=\"NGINX Docker Maintainers <docker-maint@nginx.com>\""),
        Arguments.of("/bin/sh -c #(nop)  LABEL a=1 b=2", "LABEL a=1 b=2"),
        Arguments.of("/bin/sh -c #(nop)  ARG TARGETARCH", "ARG TARGETARCH"),
        Arguments.of("/bin/sh -c #(nop)  MAINTAINER Jane Doe <jane@example.com>", "MAINTAINER Jane Doe <jane@example.com>"),
        Arguments.of("/bin/sh -c #(nop)  HEALTHCHECK &{[\"CMD-SHELL\" \"curl -f http://localhost/ || exit 1\"] \"30s\" \"3s\" \"0s\" '\\x03'}",
            "HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD curl -f http://localhost/ || exit 1"),
        Arguments.of("/bin/sh -c #(nop)  HEALTHCHECK &{[\"NONE\"] \"0s\" \"0s\" \"0s\" '\\x00'}", "HEALTHCHECK NONE"),
        Arguments.of("/bin/sh -c #(nop) COPY dir:3a1b5c7d9e0f2a4b6c8d in /app ",
            "COPY <fill-in:source-of-step-2> /app"),
        Arguments.of("/bin/sh -c #(nop) COPY --chown=app:app file:0f1e2d3c4b5a69788796 in /etc/app/config.yml ",
            "COPY --chown=app:app <fill-in:source-of-step-2> /etc/app/config.yml"),
        Arguments.of("/bin/sh -c #(nop) ADD multi:aa11bb22cc33dd44ee55 in /opt/ ", "ADD <fill-in:source-of-step-2> /opt/"),
        Arguments.of("/bin/sh -c #(nop) ADD https://example.com/tool.tar.gz in /opt/tool.tar.gz ",
            "ADD https://example.com/tool.tar.gz /opt/tool.tar.gz"),
        // Classic RUN, with and without build arguments.
        Arguments.of("/bin/sh -c apt-get update && apt-get install -y curl", "RUN apt-get update && apt-get install -y curl"),
        Arguments.of("|1 VERSION=1.2.3 /bin/sh -c make VERSION=$VERSION", "ARG VERSION=1.2.3\nRUN make VERSION=$VERSION"),
        // BuildKit.
        Arguments.of("RUN /bin/sh -c apk add --no-cache ca-certificates # buildkit",
            "RUN apk add --no-cache ca-certificates"),
        Arguments.of("RUN |2 GOOS=linux GOARCH=amd64 /bin/sh -c go build -o /out/app . # buildkit",
            "ARG GOOS=linux\nARG GOARCH=amd64\nRUN go build -o /out/app ."),
        Arguments.of("COPY . /app # buildkit", "COPY . /app"),
        Arguments.of("COPY --from=build --chown=65532:65532 /out/app /app # buildkit",
            "COPY --from=build --chown=65532:65532 /out/app /app"),
        Arguments.of("ADD alpine-minirootfs-3.19.1-x86_64.tar.gz / # buildkit", "ADD alpine-minirootfs-3.19.1-x86_64.tar.gz /"),
        Arguments.of("ENV PATH=/usr/local/bin:/usr/bin:/bin", "ENV PATH=/usr/local/bin:/usr/bin:/bin"),
        Arguments.of("WORKDIR /app", "WORKDIR /app"),
        Arguments.of("USER nonroot", "USER nonroot"),
        Arguments.of("EXPOSE map[8080/tcp:{} 9090/udp:{}]", "EXPOSE 8080/tcp 9090/udp"),
        Arguments.of("LABEL org.opencontainers.image.version=1.4.2", "LABEL org.opencontainers.image.version=1.4.2"),
        Arguments.of("ARG VERSION=1.0", "ARG VERSION=1.0"),
        Arguments.of("ENTRYPOINT [\"/app/server\"]", "ENTRYPOINT [\"/app/server\"]"),
        Arguments.of("CMD [\"--config\" \"/etc/app.yaml\"]", "CMD [\"--config\", \"/etc/app.yaml\"]"),
        Arguments.of("CMD [\"echo\", \"a \\\"quoted\\\" word\"]", "CMD [\"echo\", \"a \\\"quoted\\\" word\"]"),
        Arguments.of("HEALTHCHECK &{[\"CMD\" \"/app/server\" \"--healthcheck\"] \"30s\" \"3s\" \"5s\" \"0s\" '\\x03'}",
            "HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 CMD [\"/app/server\", \"--healthcheck\"]"),
        Arguments.of("HEALTHCHECK &{[\"CMD\" \"true\"] \"1m30s\" \"0s\" \"0s\" \"0s\" '\\n'}",
            "HEALTHCHECK --interval=1m30s --retries=10 CMD [\"true\"]"),
        Arguments.of("STOPSIGNAL SIGTERM", "STOPSIGNAL SIGTERM"));
  }

  @ParameterizedTest
  @MethodSource("historyLines")
  void historyLineBecomesInstruction(String createdBy, String expected) {
    // A RUN layer first, so that the line under test is never taken for the base image.
    String dockerfile = DockerfileReconstruction.reconstruct(config(List.of(entry("/bin/sh -c true", false),
        entry(createdBy, false))));

    List<String> expectedLines = new ArrayList<>(List.of("FROM <fill-in:base-image>", "RUN true"));
    expectedLines.addAll(List.of(expected.split("\n")));
    assertThat(instructions(dockerfile)).isEqualTo(expectedLines);
  }

  @Test
  void buildArgumentsBecomeArgLines() {
    String dockerfile = DockerfileReconstruction.reconstruct(config(List.of(
        entry("/bin/sh -c #(nop)  ARG VERSION", true),
        entry("|2 VERSION=1.2.3 CHANNEL=stable /bin/sh -c ./build.sh", false),
        entry("|2 VERSION=1.2.3 CHANNEL=stable /bin/sh -c ./test.sh", false))));

    assertThat(instructions(dockerfile)).containsExactly("FROM <fill-in:base-image>", "ARG VERSION",
        "ARG CHANNEL=stable", "RUN ./build.sh", "RUN ./test.sh");
  }

  @Test
  void secretValuesAreRedacted() {
    String dockerfile = DockerfileReconstruction.reconstruct(config(List.of(
        entry("/bin/sh -c #(nop)  ENV DB_PASSWORD=hunter2hunter2 APP_ENV=production", true),
        entry("|1 NPM_TOKEN=npm_abcdefabcdefabcdef /bin/sh -c npm ci", false),
        entry("LABEL vcs.auth-token=abc123", true))));

    assertThat(dockerfile).doesNotContain("hunter2").doesNotContain("npm_abcdef").doesNotContain("abc123");
    assertThat(instructions(dockerfile)).contains("ENV DB_PASSWORD=<redacted> APP_ENV=production",
        "ARG NPM_TOKEN=<redacted>", "LABEL vcs.auth-token=<redacted>");
  }

  @Test
  void secretsInRunAreRedacted() {
    String dockerfile = DockerfileReconstruction.reconstruct(config(List.of(
        entry("/bin/sh -c export GITHUB_TOKEN=ghp_abcdefabcdefabcdef && git clone https://x.example/r.git", false),
        entry("/bin/sh -c curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc' https://x.example/f -o /f", false),
        entry("/bin/sh -c mysql --password=hunter2hunter2 -e 'select 1' && login --token \"t0k3n-value\"", false),
        entry("/bin/sh -c VERSION=1.2.3 make", false))));

    assertThat(dockerfile).doesNotContain("ghp_abcdef").doesNotContain("eyJhbGci").doesNotContain("hunter2")
        .doesNotContain("t0k3n-value");
    assertThat(instructions(dockerfile)).contains(
        "RUN export GITHUB_TOKEN=<redacted> && git clone https://x.example/r.git",
        "RUN curl -H 'Authorization: Bearer <redacted>' https://x.example/f -o /f",
        "RUN mysql --password=<redacted> -e 'select 1' && login --token <redacted>",
        "RUN VERSION=1.2.3 make");
  }

  @Test
  void classicBaseIsCommentedOut() {
    String dockerfile = DockerfileReconstruction.reconstruct(config(List.of(
        entry("/bin/sh -c #(nop) ADD file:4f1a6c8e2b0d3e9c in / ", false),
        entry("/bin/sh -c #(nop)  CMD [\"bash\"]", true),
        entry("/bin/sh -c apt-get update", false),
        entry("/bin/sh -c #(nop)  CMD [\"python3\"]", true))));

    assertThat(dockerfile).contains("# Part of the base image (FROM brings it):\n")
        .contains("# ADD <fill-in:source-of-step-1> /\n# CMD [\"bash\"]\n");
    assertThat(instructions(dockerfile)).containsExactly("FROM <fill-in:base-image>", "RUN apt-get update",
        "CMD [\"python3\"]");
  }

  @Test
  void baseCommandAloneIsKept() {
    String dockerfile = DockerfileReconstruction.reconstruct(config(List.of(
        entry("/bin/sh -c #(nop) ADD file:4f1a6c8e2b0d3e9c in / ", false),
        entry("/bin/sh -c #(nop)  CMD [\"bash\"]", true))));

    assertThat(instructions(dockerfile)).containsExactly("FROM <fill-in:base-image>", "CMD [\"bash\"]");
  }

  @Test
  void debianScriptLineIsBase() {
    String dockerfile = DockerfileReconstruction.reconstruct(config(List.of(
        entry("# debian.sh --arch 'amd64' out/ 'bookworm' '@1717977600'", false),
        entry("RUN /bin/sh -c apt-get update # buildkit", false))));

    assertThat(dockerfile).contains("#   # debian.sh --arch 'amd64' out/ 'bookworm' '@1717977600'");
    assertThat(instructions(dockerfile)).containsExactly("FROM <fill-in:base-image>", "RUN apt-get update");
  }

  @Test
  void dockerImportIsNamed() {
    ImageConfig config = config(List.of(new HistoryEntry(null, "", "Imported from -", false),
        entry("COPY app /app # buildkit", false)));

    String dockerfile = DockerfileReconstruction.reconstruct(config);

    assertThat(dockerfile).contains("History step 1 is a file system made by docker import (Imported from -).");
    assertThat(instructions(dockerfile)).containsExactly("FROM <fill-in:base-image>", "COPY app /app");
  }

  @Test
  void emptyHistoryLineWithLayerIsNoted() {
    String dockerfile = DockerfileReconstruction.reconstruct(config(List.of(
        entry("ENV A=b", true), new HistoryEntry(null, null, null, false), new HistoryEntry(null, "", null, true))));

    assertThat(dockerfile).contains("# History step 2 records no instruction but added layer 1; its content cannot be"
        + " reconstructed.").contains("# History step 3 records no instruction.");
  }

  @Test
  void otherToolLineBecomesComment() {
    String dockerfile = DockerfileReconstruction.reconstruct(config(List.of(
        entry("ENV A=b", true), new HistoryEntry(null, "jib-maven-plugin:3.4.0", "classes", false))));

    assertThat(dockerfile).contains("# History step 2 is not a Dockerfile instruction; it was recorded as:\n"
        + "#   jib-maven-plugin:3.4.0\n");
  }

  @Test
  void multilineRunBecomesHeredoc() {
    String dockerfile = DockerfileReconstruction.reconstruct(config(List.of(
        entry("ENV A=b", true), entry("RUN /bin/sh -c set -e\napt-get update\n # buildkit", false))));

    assertThat(dockerfile).contains("RUN <<EOF\nset -e\napt-get update\nEOF\n");
  }

  @Test
  void execFormRunIsFlagged() {
    String dockerfile = DockerfileReconstruction.reconstruct(config(List.of(
        entry("ENV A=b", true), entry("RUN /usr/local/bin/setup --quiet # buildkit", false))));

    assertThat(dockerfile).contains("ran without /bin/sh -c").contains("\nRUN /usr/local/bin/setup --quiet\n");
  }

  @Test
  void unquotedOldListIsFlagged() {
    String dockerfile = DockerfileReconstruction.reconstruct(config(List.of(
        entry("/bin/sh -c #(nop) CMD [/bin/sh -c echo hi]", true))));

    assertThat(dockerfile).contains("without quotes").contains("CMD [\"/bin/sh\", \"-c\", \"echo\", \"hi\"]");
  }

  @Test
  void baseLabelsGiveFrom() {
    ImageConfig config = new ImageConfig(null, null, null, null, null, null, null, null,
        Map.of(DockerfileReconstruction.BASE_NAME_LABEL, "gcr.io/distroless/static-debian12:nonroot",
            DockerfileReconstruction.BASE_DIGEST_LABEL, "sha256:" + "ab".repeat(32)),
        null, null, null, null, List.of(entry("COPY app /app # buildkit", false)), null);

    assertThat(instructions(DockerfileReconstruction.reconstruct(config)).get(0))
        .isEqualTo("FROM gcr.io/distroless/static-debian12:nonroot@sha256:" + "ab".repeat(32));
  }

  @Test
  void noHistoryUsesConfig() {
    ImageConfig config = new ImageConfig(null, "1000", List.of("/app"), List.of("--port", "80"),
        List.of("PATH=/bin", "API_TOKEN=abcdef0123456789"), java.util.Set.of("80/tcp"), null, "/srv",
        Map.of("version", "1"), new Healthcheck(List.of("CMD", "/app", "--ping"), Duration.ofSeconds(10), null, null, 2),
        null, null, null, List.of(), List.of(Digest.parse("sha256:" + "cd".repeat(32))));

    String dockerfile = DockerfileReconstruction.reconstruct(config);

    assertThat(dockerfile).contains("its 1 layer(s) cannot be reconstructed");
    assertThat(instructions(dockerfile)).containsExactly("FROM <fill-in:base-image>",
        "ENV PATH=/bin API_TOKEN=<redacted>", "LABEL version=1", "WORKDIR /srv", "EXPOSE 80/tcp",
        "HEALTHCHECK --interval=10s --retries=2 CMD [\"/app\", \"--ping\"]", "USER 1000", "ENTRYPOINT [\"/app\"]",
        "CMD [\"--port\", \"80\"]");
  }

  @ParameterizedTest
  @MethodSource("hostileLines")
  void hostileLineNeverThrows(String createdBy) {
    String dockerfile = DockerfileReconstruction.reconstruct(config(List.of(entry("ENV A=b", true), entry(createdBy, false))));

    assertThat(dockerfile).startsWith("# Reconstructed by Hullscope");
  }

  static Stream<String> hostileLines() {
    return Stream.of("", " ", "#(nop)", "/bin/sh -c #(nop)", "/bin/sh -c #(nop)  CMD [\"unterminated",
        "/bin/sh -c #(nop)  CMD [\"bad escape \\q\"]", "HEALTHCHECK &{[\"CMD\" \"x\"", "HEALTHCHECK &{garbage}",
        "HEALTHCHECK &{[\"CMD\" \"x\"] \"30s\" '\\x'}", "|99999999999 A=b", "|2 A=b", "RUN ", "COPY", "EXPOSE",
        "\u0000\u0001binary\uFFFD", "CMD [\"\\u12\"]", "ENV", "LABEL =x", "x".repeat(100_000),
        "/bin/sh -c #(nop) COPY file:zz in /");
  }

  private static HistoryEntry entry(String createdBy, boolean empty) {
    return new HistoryEntry(null, createdBy, null, empty);
  }

  private static ImageConfig config(List<HistoryEntry> history) {
    return new ImageConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, history, null);
  }

  /** Returns the instruction lines of a Dockerfile, without comments and blank lines. */
  static List<String> instructions(String dockerfile) {
    List<String> lines = new ArrayList<>();
    for (String line : dockerfile.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        lines.add(line);
      }
    }
    return lines;
  }
}
