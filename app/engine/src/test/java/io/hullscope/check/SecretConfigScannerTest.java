package io.hullscope.check;

import static io.hullscope.check.SecretTokensTest.random;
import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.SecretConfigScanner.Hit;
import io.hullscope.image.HistoryEntry;
import io.hullscope.image.ImageConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretConfigScannerTest {

  private static final String GITHUB = "ghp_" + random(36);
  private static final String PASSWORD = "zypg4kq8m3rt2nvw7hbx";

  @ParameterizedTest
  @CsvSource({
      "DB_PASSWORD, zypg4kq8m3rt2nvw7hbx, secret variable, HIGH",
      "DB_PASSWORD, summer2024, secret variable, MEDIUM",
      "ANYTHING, ghp_q7Xk2mPz9Lw4Rt8Vb3Nc6Hd1Jf5Gs0YaEuOi, GitHub token, HIGH",
      "DATABASE_URL, postgres://app:Wq9xLm2Pz7@db/app, password in a URL, HIGH",
      "AWS_ACCESS_KEY_ID, AKIAQWERTYUIOPASDF23, AWS access key id, MEDIUM"})
  void variableWithSecretIsFound(String name, String value, String kind, Confidence confidence) {
    Hit hit = SecretConfigScanner.scanVariable(name, value);

    assertThat(hit).isNotNull();
    assertThat(hit.kind()).isEqualTo(kind);
    assertThat(hit.confidence()).isEqualTo(confidence);
    assertThat(hit.redacted()).startsWith(name + "=").doesNotContain(value.substring(4));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "PATH|/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin",
      "DB_PASSWORD|",
      "DB_PASSWORD_FILE|/run/secrets/db_password",
      "API_TOKEN|${API_TOKEN}",
      "SECRET_KEY|changeme",
      "GPG_KEY|A035C8C19219BA821ECEA86B64E628F8D684696D",
      "PYTHON_SHA256|6f4ae5ff2c1e1c6f4cbd9fa67e8e32c3b9a0a0b5d3c2f3ad2f65e3ad4b1c9d7e",
      "APP_ENV|production",
      "TOKEN_TTL|3600",
      "org.opencontainers.image.revision|0123456789abcdef0123456789abcdef01234567",
      "org.opencontainers.image.source|https://git.example.com/team/app"})
  void ordinaryVariableIsIgnored(String name, String value) {
    assertThat(SecretConfigScanner.scanVariable(name, value)).isNull();
  }

  @Test
  void envAndLabelsAreScanned() {
    ImageConfig config = new ImageConfig(null, null, null, null,
        List.of("PATH=/usr/bin", "DB_PASSWORD=" + PASSWORD, "NOVALUE"), null, null, null,
        Map.of("com.example.api-token", GITHUB, "version", "1.0"), null, null, null, null, null, null);

    assertThat(SecretConfigScanner.env(config)).containsOnlyKeys("DB_PASSWORD");
    assertThat(SecretConfigScanner.labels(config)).containsOnlyKeys("com.example.api-token");
  }

  @Test
  void classicBuildArgumentsAreFound() {
    List<Hit> hits = SecretConfigScanner.scanHistoryLine(
        "|2 NPM_TOKEN=" + PASSWORD + " VERSION=1.2 /bin/sh -c npm ci", Set.of());

    assertThat(hits).singleElement().satisfies(hit -> {
      assertThat(hit.kind()).isEqualTo("build argument: secret variable");
      assertThat(hit.name()).isEqualTo("NPM_TOKEN");
      assertThat(hit.value()).isEqualTo(PASSWORD);
    });
  }

  @Test
  void buildKitBuildArgumentsAreFound() {
    List<Hit> hits = SecretConfigScanner.scanHistoryLine(
        "RUN |1 GITHUB_TOKEN=" + GITHUB + " /bin/sh -c git clone https://github.com/org/repo", Set.of());

    assertThat(hits).singleElement().satisfies(hit -> {
      assertThat(hit.kind()).isEqualTo("build argument: GitHub token");
      assertThat(hit.value()).isEqualTo(GITHUB);
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/bin/sh -c #(nop)  ARG DB_PASSWORD=zypg4kq8m3rt2nvw7hbx",
      "ARG DB_PASSWORD=zypg4kq8m3rt2nvw7hbx",
      "/bin/sh -c #(nop)  ENV DB_PASSWORD=zypg4kq8m3rt2nvw7hbx",
      "ENV DB_PASSWORD=zypg4kq8m3rt2nvw7hbx APP_ENV=production",
      "/bin/sh -c #(nop)  ENV DB_PASSWORD zypg4kq8m3rt2nvw7hbx",
      "/bin/sh -c export DB_PASSWORD=zypg4kq8m3rt2nvw7hbx && ./migrate",
      "RUN /bin/sh -c DB_PASSWORD='zypg4kq8m3rt2nvw7hbx' ./migrate # buildkit",
      "/bin/sh -c mysql --password=zypg4kq8m3rt2nvw7hbx < schema.sql",
      "/bin/sh -c docker login -u ci -p zypg4kq8m3rt2nvw7hbx registry.example.com",
      "/bin/sh -c curl -u ci:zypg4kq8m3rt2nvw7hbx https://example.com/artifact -o a.tgz",
      "/bin/sh -c pip install --index-url https://ci:zypg4kq8m3rt2nvw7hbx@pypi.example.com/simple app"})
  void secretInHistoryLineIsFound(String line) {
    List<Hit> hits = SecretConfigScanner.scanHistoryLine(line, Set.of());

    assertThat(hits).extracting(Hit::value).containsExactly(PASSWORD);
    assertThat(SecretConfigScanner.redactLine(line, hits)).doesNotContain(PASSWORD.substring(4));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/bin/sh -c #(nop)  ENV DB_PASSWORD=... API_TOKEN=...",
      "/bin/sh -c #(nop)  ARG NPM_TOKEN",
      "ARG VERSION=1.4.2",
      "RUN |1 NPM_TOKEN= /bin/sh -c npm ci",
      "/bin/sh -c echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc",
      "RUN /bin/sh -c --mount=type=secret,id=npm,target=/root/.npmrc npm ci # buildkit",
      "/bin/sh -c export TOKEN=$(cat /run/secrets/token) && ./deploy",
      "/bin/sh -c apt-get update && apt-get install -y gcc git curl openssh-server sudo python3",
      "/bin/sh -c curl -fsSL https://get.example.com/install.sh | sh",
      "/bin/sh -c #(nop) ADD https://downloads.example.com/app-bundle.tar /app/",
      "/bin/sh -c useradd --password '' app",
      "COPY --from=build --chown=0:0 /out/server /app/server # buildkit"})
  void ordinaryHistoryLineGivesNoHit(String line) {
    assertThat(SecretConfigScanner.scanHistoryLine(line, Set.of())).isEmpty();
  }

  @Test
  void exportedTokenIsOneHit() {
    List<Hit> hits = SecretConfigScanner.scanHistoryLine("/bin/sh -c export GITHUB_TOKEN=" + GITHUB + " && make", Set.of());

    assertThat(hits).singleElement().satisfies(hit -> {
      assertThat(hit.kind()).isEqualTo("inline variable: GitHub token");
      assertThat(hit.confidence()).isEqualTo(Confidence.HIGH);
    });
  }

  @Test
  void envLineInFinalEnvIsSkipped() {
    String line = "/bin/sh -c #(nop)  ENV DB_PASSWORD=" + PASSWORD;

    assertThat(SecretConfigScanner.scanHistoryLine(line, Set.of("DB_PASSWORD=" + PASSWORD))).isEmpty();
    assertThat(SecretConfigScanner.scanHistoryLine(line, Set.of("DB_PASSWORD=other"))).hasSize(1);
  }

  @Test
  void historyHitsNameTheLayerOfTheirLine() {
    ImageConfig config = history(
        new HistoryEntry(null, "/bin/sh -c #(nop) ADD file:abc in /", null, false),
        new HistoryEntry(null, "/bin/sh -c #(nop)  ARG NPM_TOKEN=" + PASSWORD, null, true),
        new HistoryEntry(null, "|1 NPM_TOKEN=" + PASSWORD + " /bin/sh -c npm ci", null, false));

    List<SecretConfigScanner.HistoryHits> hits = SecretConfigScanner.history(config);

    assertThat(hits).extracting(SecretConfigScanner.HistoryHits::index).containsExactly(1, 2);
    assertThat(hits).extracting(SecretConfigScanner.HistoryHits::layer).containsExactly(-1, 1);
    assertThat(hits.get(1).redactedLine()).isEqualTo("|1 NPM_TOKEN=zypg…(20 chars) /bin/sh -c npm ci");
  }

  @Test
  void hugeHistoryLineIsScannedQuickly() {
    String line = "/bin/sh -c echo " + "A=b ".repeat(100_000) + "-u x:" + "y".repeat(5000);

    List<Hit> hits = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
        () -> SecretConfigScanner.scanHistoryLine(line, Set.of()));

    assertThat(hits).isEmpty();
  }

  private static ImageConfig history(HistoryEntry... entries) {
    return new ImageConfig(null, null, null, null, null, null, null, null, null, null, null, null, null,
        Arrays.asList(entries), null);
  }
}
