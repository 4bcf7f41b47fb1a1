package io.hullscope.check;

import static io.hullscope.check.SecretTokensTest.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Credential files, files with keys and tokens, and ordinary files that look like them. */
class SecretFileScannerTest {

  private static final String NPM = "npm_" + random(36);
  private static final String PASSWORD = "Wq9xLm2Pz7vK";
  private static final String AWS_ID = "AKIA" + "QWERTYUIOPASDF23";
  private static final String AWS_SECRET = random(40).replace('q', '/');
  private static final String DOCKER_AUTH = "dXNlcjpXcTl4TG0yUHo3dks=";

  /** Path, content, expected check id, kind (substring), confidence, and the secret that must not show. */
  static Stream<Arguments> credentialFiles() {
    return Stream.of(
        Arguments.of("app/.env", "# settings\nDEBUG=true\nDB_PASSWORD=" + PASSWORD + "\n", "CREDENTIAL-FILE",
            "secret variable", Confidence.HIGH, PASSWORD),
        Arguments.of("app/.env", "DB_PASSWORD=summer2024 # rotate\n", "CREDENTIAL-FILE", "secret variable",
            Confidence.MEDIUM, "summer2024"),
        Arguments.of("srv/app/.env.production", "export API_TOKEN=\"" + NPM + "\"\n", "CREDENTIAL-FILE", "npm token",
            Confidence.HIGH, NPM),
        Arguments.of("root/.npmrc", "//registry.npmjs.org/:_authToken=" + NPM + "\n", "CREDENTIAL-FILE",
            "npm credential", Confidence.HIGH, NPM),
        Arguments.of("home/app/.npmrc", "_auth = " + DOCKER_AUTH + "\nalways-auth=true\n", "CREDENTIAL-FILE",
            "npm credential", Confidence.HIGH, DOCKER_AUTH),
        Arguments.of("root/.pypirc", "[pypi]\nusername = __token__\npassword = " + PASSWORD + "\n", "CREDENTIAL-FILE",
            "PyPI password", Confidence.HIGH, PASSWORD),
        Arguments.of("root/.netrc", "machine git.example.com\n  login deploy\n  password " + PASSWORD + "\n",
            "CREDENTIAL-FILE", "netrc password", Confidence.HIGH, PASSWORD),
        Arguments.of("root/.docker/config.json",
            "{\"auths\": {\"registry.example.com\": {\"auth\": \"" + DOCKER_AUTH + "\"}}}", "CREDENTIAL-FILE",
            "registry credentials for registry.example.com", Confidence.HIGH, DOCKER_AUTH),
        Arguments.of("kaniko/.docker/config.json",
            "{\"auths\": {\"r.example.com\": {\"identitytoken\": \"" + PASSWORD + "\"}}}", "CREDENTIAL-FILE",
            "registry credentials", Confidence.HIGH, PASSWORD),
        Arguments.of("root/.git-credentials", "https://deploy:" + PASSWORD + "@git.example.com\n", "CREDENTIAL-FILE",
            "password in a URL", Confidence.HIGH, PASSWORD),
        Arguments.of("root/.aws/credentials", "[default]\naws_access_key_id = " + AWS_ID + "\naws_secret_access_key = "
            + AWS_SECRET + "\n", "CREDENTIAL-FILE", "AWS secret access key", Confidence.HIGH, AWS_SECRET),
        Arguments.of("root/.kube/config", "users:\n- name: admin\n  user:\n    token: " + PASSWORD + "\n",
            "CREDENTIAL-FILE", "kubeconfig token", Confidence.HIGH, PASSWORD),
        Arguments.of("home/ci/.kube/config", "users:\n- name: admin\n  user:\n    client-key-data: " + DOCKER_AUTH + "\n",
            "CREDENTIAL-FILE", "kubeconfig client-key-data", Confidence.HIGH, DOCKER_AUTH),
        Arguments.of("app/config/settings.yaml", "github:\n  token: ghp_" + random(36) + "\n", "SECRET-IN-FILE",
            "GitHub token", Confidence.HIGH, random(36)),
        Arguments.of("app/config.py", "DATABASE = 'postgres://app:" + PASSWORD + "@db:5432/app'\n", "SECRET-IN-FILE",
            "password in a URL", Confidence.MEDIUM, PASSWORD));
  }

  @ParameterizedTest
  @MethodSource("credentialFiles")
  void credentialIsFoundAndRedacted(String path, String content, String checkId, String kind, Confidence confidence,
      String secret) {
    List<SecretHit> hits = SecretFileScanner.scan(path, content.getBytes(StandardCharsets.UTF_8));

    assertThat(hits).isNotEmpty();
    assertThat(hits).anySatisfy(hit -> {
      assertThat(hit.path()).isEqualTo(path);
      assertThat(hit.checkId()).isEqualTo(checkId);
      assertThat(hit.kind()).contains(kind);
      assertThat(hit.confidence()).isEqualTo(confidence);
      assertThat(hit.line()).isPositive();
    });
    for (SecretHit hit : hits) {
      assertThat(hit.toString()).doesNotContain(secret.substring(Redaction.PREFIX_LENGTH));
    }
  }

  @Test
  void awsPairInOneFileIsHighConfidence() {
    String content = "AWS_ACCESS_KEY_ID=" + AWS_ID + "\nAWS_SECRET_ACCESS_KEY=" + AWS_SECRET + "\n";

    List<SecretHit> hits = SecretFileScanner.scan("app/.env", content.getBytes(StandardCharsets.UTF_8));

    assertThat(hits).extracting(SecretHit::kind).containsExactly("AWS access key id", "AWS secret access key");
    assertThat(hits).extracting(SecretHit::confidence).containsOnly(Confidence.HIGH);
    assertThat(hits).extracting(SecretHit::line).containsExactly(1, 2);
  }

  @Test
  void awsKeyIdAloneIsMediumConfidence() {
    List<SecretHit> hits = SecretFileScanner.scan("app/deploy.sh",
        ("aws configure set aws_access_key_id " + AWS_ID + "\n").getBytes(StandardCharsets.UTF_8));

    assertThat(hits).singleElement().extracting(SecretHit::confidence).isEqualTo(Confidence.MEDIUM);
  }

  @Test
  void privateKeyFileIsFound() throws GeneralSecurityException {
    String pem = SecretPrivateKeysTest.pem("PRIVATE KEY",
        KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded());

    List<SecretHit> hits = SecretFileScanner.scan("root/.ssh/id_ed25519", pem.getBytes(StandardCharsets.US_ASCII));

    assertThat(hits).singleElement().satisfies(hit -> {
      assertThat(hit.checkId()).isEqualTo("SECRET-IN-FILE");
      assertThat(hit.kind()).isEqualTo("Ed25519 private key (PKCS#8)");
      assertThat(hit.text()).isEqualTo("Ed25519 private key (PKCS#8) (64 chars, not shown)");
      assertThat(hit.confidence()).isEqualTo(Confidence.HIGH);
    });
  }

  /** Ordinary files that look like credentials: each gives no hit. */
  static Stream<Arguments> lookAlikes() {
    return Stream.of(
        Arguments.of("app/.env", "DB_PASSWORD=\nAPI_TOKEN=${API_TOKEN}\nSECRET_KEY=changeme\nPASSWORD_FILE=/run/secrets/db\n"),
        Arguments.of("app/.npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\nregistry=https://registry.npmjs.org/\n"),
        Arguments.of("root/.pypirc", "[pypi]\nusername = __token__\npassword = <your token>\n"),
        Arguments.of("root/.netrc", "machine example.com login me password xxxxxxxx\n"),
        Arguments.of("root/.docker/config.json", "{\"credsStore\": \"desktop\", \"auths\": {\"https://index.docker.io/v1/\": {}}}"),
        Arguments.of("root/.docker/config.json", "{\"auths\": {\"r.example.com\": {\"auth\": \"\"}}}"),
        Arguments.of("root/.docker/config.json", "{\"auths\": "),
        Arguments.of("root/.docker/config.json", "[".repeat(5000)),
        Arguments.of("root/.docker/config.json", "{\"auths\": [\"registry.example.com\"]}"),
        Arguments.of("root/.docker/config.json", "{\"auths\": {\"r.example.com\": {\"auth\": 12345678901234}}}"),
        Arguments.of("root/.docker/config.json", "{\"auths\": {\"r.example.com\": \"dXNlcjpXcTl4TG0y\"}}"),
        Arguments.of("root/.docker/config.json", "\"just a string\""),
        Arguments.of("root/.aws/credentials", "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
            + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"),
        Arguments.of("root/.kube/config", "users:\n- name: admin\n  user:\n    token: <token>\n    client-key-data: \n"),
        Arguments.of("etc/ssl/openssl.cnf", "[ req ]\ndefault_bits = 2048\nencrypt_key = no\n# private key file\n"),
        Arguments.of("app/server.py", "password = os.environ['DB_PASSWORD']\ntoken = get_token()\n"),
        Arguments.of("app/package.json", "{\"name\": \"app\", \"version\": \"1.0.0\", \"scripts\": {\"test\": \"jest\"}}"),
        Arguments.of("etc/ssh/sshd_config", "PasswordAuthentication no\nPermitRootLogin no\n"),
        Arguments.of("app/Dockerfile", "ARG NPM_TOKEN\nRUN --mount=type=secret,id=npm npm ci\n"),
        Arguments.of("root/.bash_history", "curl -fsSL https://get.example.com/install.sh | sh\ngit clone https://github.com/org/repo\n"));
  }

  @ParameterizedTest
  @MethodSource("lookAlikes")
  void lookAlikeFileGivesNoHit(String path, String content) {
    assertThat(SecretFileScanner.scan(path, content.getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  /** Real-looking secrets in places where examples are common: each hit is LOW. */
  static Stream<Arguments> examplePlaces() {
    String token = "GITHUB_TOKEN=ghp_" + random(36) + "\n";
    return Stream.of(
        Arguments.of("usr/share/doc/tool/README.md", token),
        Arguments.of("usr/share/man/man1/tool.1", token),
        Arguments.of("app/tests/fixtures/config.yaml", token),
        Arguments.of("app/node_modules/request/test/auth.js", token),
        Arguments.of("srv/docs/setup.txt", token),
        Arguments.of("app/examples/deploy.sh", token),
        Arguments.of("app/README.md", token),
        Arguments.of("app/.env.example", token),
        Arguments.of("app/testdata/key.pem", SecretPrivateKeysTest.pem("PRIVATE KEY", ed25519())));
  }

  @ParameterizedTest
  @MethodSource("examplePlaces")
  void secretInExamplePlaceIsLowConfidence(String path, String content) {
    List<SecretHit> hits = SecretFileScanner.scan(path, content.getBytes(StandardCharsets.UTF_8));

    assertThat(hits).isNotEmpty();
    assertThat(hits).extracting(SecretHit::confidence).containsOnly(Confidence.LOW);
    assertThat(hits).allSatisfy(hit -> assertThat(hit.reason()).contains("examples and test data are common"));
  }

  @Test
  void fileWithNulBytesIsNotScanned() {
    byte[] content = ("API_TOKEN=ghp_" + random(36) + "\n\0\0").getBytes(StandardCharsets.ISO_8859_1);

    assertThat(SecretFileScanner.scan("app/.env", content)).isEmpty();
  }

  @Test
  void binaryGarbageGivesNoHit() {
    Random random = new Random(7);
    for (int round = 0; round < 50; round++) {
      byte[] garbage = new byte[4096];
      random.nextBytes(garbage);
      for (int i = 0; i < garbage.length; i++) {
        garbage[i] = garbage[i] == 0 ? 1 : garbage[i];
      }
      assertThat(SecretFileScanner.scan("root/.docker/config.json", garbage)).isEmpty();
      assertThat(SecretFileScanner.scan("app/.env", garbage)).isEmpty();
    }
  }

  @Test
  void hugeSingleLineIsScannedQuickly() {
    byte[] line = ("var bundle='" + "Ab1=".repeat(350_000) + "';npm_" + random(36) + ";" + "-----BEGIN ".repeat(1000))
        .getBytes(StandardCharsets.US_ASCII);

    List<SecretHit> hits = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> SecretFileScanner.scan("app/static/bundle.js", line));

    assertThat(hits).extracting(SecretHit::kind).contains("npm token");
  }

  @Test
  void hitsPerFileAreBounded() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      text.append("ghp_").append(random(30)).append(String.format("%06d", i)).append('\n');
    }

    List<SecretHit> hits = SecretFileScanner.scan("app/tokens.txt", text.toString().getBytes(StandardCharsets.US_ASCII));

    assertThat(hits).hasSize(SecretFileScanner.MAX_HITS_PER_FILE);
  }

  @Test
  void tokenInsideNpmCredentialIsReportedOnce() {
    List<SecretHit> hits = SecretFileScanner.scan("root/.npmrc",
        ("//registry.npmjs.org/:_authToken=" + NPM + "\n").getBytes(StandardCharsets.UTF_8));

    assertThat(hits).singleElement().satisfies(hit -> {
      assertThat(hit.text()).isEqualTo("_authToken=npm_…(40 chars)");
      assertThat(hit.line()).isEqualTo(1);
    });
  }

  private static byte[] ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
