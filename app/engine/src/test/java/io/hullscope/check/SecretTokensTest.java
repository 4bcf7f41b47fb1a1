package io.hullscope.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.hullscope.check.SecretTokens.Token;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretTokensTest {

  /** 62 characters in a mixed order, so that slices look like generated tokens. */
  static final String RANDOM = "q7Xk2mPz9Lw4Rt8Vb3Nc6Hd1Jf5Gs0YaEuOiTyWnQmZxBvClKjHgFdSaPoIuYtRe";

  static String random(int length) {
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      text.append(RANDOM);
    }
    return text.substring(0, length);
  }

  static Stream<Arguments> tokens() {
    return Stream.of(
        Arguments.of("AKIA" + "QWERTYUIOPASDF23", "AWS access key id", Confidence.MEDIUM),
        Arguments.of("ASIA" + "ZXCVBNMLKJHGFD45", "AWS access key id", Confidence.MEDIUM),
        Arguments.of("ghp_" + random(36), "GitHub token", Confidence.HIGH),
        Arguments.of("gho_" + random(36), "GitHub token", Confidence.HIGH),
        Arguments.of("ghs_" + random(36), "GitHub token", Confidence.HIGH),
        Arguments.of("github_pat_" + random(22) + "_" + random(59), "GitHub fine-grained token", Confidence.HIGH),
        Arguments.of("glpat-" + random(20), "GitLab token", Confidence.HIGH),
        Arguments.of("xoxb-1234567890-" + random(24), "Slack token", Confidence.HIGH),
        Arguments.of("xoxp-1234567890-0987654321-" + random(24), "Slack token", Confidence.HIGH),
        Arguments.of("AIza" + random(35), "Google API key", Confidence.HIGH),
        Arguments.of("npm_" + random(36), "npm token", Confidence.HIGH),
        Arguments.of("sk_live_" + random(24), "Stripe live key", Confidence.HIGH),
        Arguments.of("pypi-AgEIcHlwaS5vcmc" + random(60), "PyPI token", Confidence.HIGH),
        Arguments.of(jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"sub\":\"1234\",\"name\":\"app\"}", "c2lnbmF0dXJlYnl0ZXM"),
            "JSON Web Token", Confidence.MEDIUM));
  }

  @ParameterizedTest
  @MethodSource("tokens")
  void tokenFormatIsRecognized(String token, String kind, Confidence confidence) {
    List<Token> found = SecretTokens.find("export VALUE=" + token + "\n", 10);

    assertThat(found).singleElement().satisfies(hit -> {
      assertThat(hit.kind()).isEqualTo(kind);
      assertThat(hit.value()).isEqualTo(token);
      assertThat(hit.confidence()).isEqualTo(confidence);
      assertThat(hit.start()).isEqualTo("export VALUE=".length());
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "AKIAIOSFODNN7EXAMPLE",
      "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
      "ghp_tooshort",
      "xghp_q7Xk2mPz9Lw4Rt8Vb3Nc6Hd1Jf5Gs0YaEuOi",
      "glpat-short",
      "xoxb-not-a-token",
      "AIzaShort",
      "npm_install_the_dependencies_first_please_now",
      "sk_test_q7Xk2mPz9Lw4Rt8Vb3Nc6Hd1Jf5G",
      "pypi-AgEshort",
      "eyJhbGciOiJIUzI1NiJ9.eyJub3QganNvbg.c2ln",
      "eyJub3QganNvbg.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "The key is AKIA followed by sixteen characters"})
  void lookAlikeIsNotAToken(String text) {
    assertThat(SecretTokens.find(text, 10)).isEmpty();
  }

  @Test
  void awsDocumentedSecretKeyIsNotReported() {
    String text = "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
        + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";

    assertThat(SecretTokens.find(text, 10)).isEmpty();
  }

  @Test
  void jwtWithoutAlgorithmIsNotReported() {
    String token = jwt("{\"typ\":\"JWT\"}", "{\"sub\":\"1234\"}", "c2lnbmF0dXJl");

    assertThat(SecretTokens.find(token, 10)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", " ", "changeme", "CHANGEME", "${NPM_TOKEN}", "$NPM_TOKEN", "${TOKEN:-x}", "%TOKEN%", "{{ .Values.token }}",
      "<token>", "<your-api-key>", "[secret]", "xxx", "XXXXXXXXXXXX", "********", "...", "your-token-here",
      "YOUR_API_KEY", "replace-me", "insert_token_here", "example-password", "true", "false", "null", "none",
      "1234", "/run/secrets/db_password", "./secret.txt", "aaaaaaaaaaaa", "'changeme'", "\"\"", "dummy"})
  void placeholderIsRecognized(String value) {
    assertThat(SecretTokens.isPlaceholder(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"zypg4kq8m3rt2nvw7hbx", "hunter2hunter", "S3cure!Pass", "12345678", "q7Xk2mPz"})
  void realLookingValueIsNotAPlaceholder(String value) {
    assertThat(SecretTokens.isPlaceholder(value)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
      "DB_PASSWORD, true",
      "POSTGRES_PASSWORD, true",
      "MYSQL_ROOT_PASSWORD, true",
      "API_TOKEN, true",
      "NPM_TOKEN, true",
      "GITHUB_TOKEN, true",
      "api-key, true",
      "com.example.api-token, true",
      "SECRET_KEY_BASE, true",
      "AWS_SECRET_ACCESS_KEY, true",
      "STRIPE_PRIVATE_KEY, true",
      "DB_PASS, true",
      "CLIENT_SECRET, true",
      "REGISTRY_CREDENTIALS, true",
      "PASSWORD_FILE, false",
      "DB_PASSWORD_FILE, false",
      "TOKEN_TTL, false",
      "TOKEN_URL, false",
      "SECRET_NAME, false",
      "API_KEY_ID, false",
      "AWS_ACCESS_KEY_ID, false",
      "PWD, false",
      "PATH, false",
      "GPG_KEY, false",
      "KEYBOARD_LAYOUT, false",
      "PASSWORD_MIN_LENGTH, false",
      "USE_TOKEN, false",
      "HOME, false"})
  void secretNameIsRecognized(String name, boolean secret) {
    assertThat(SecretTokens.isSecretName(name)).isEqualTo(secret);
  }

  @ParameterizedTest
  @CsvSource({
      "zypg4kq8m3rt2nvw7hbx, true",
      "q7Xk2mPz9Lw4Rt8Vb3Nc, true",
      "production, false",
      "short, false",
      "passwordpassword, false"})
  void randomnessIsJudgedByEntropy(String value, boolean random) {
    assertThat(SecretTokens.looksRandom(value)).isEqualTo(random);
  }

  @Test
  void urlPasswordIsFound() {
    List<SecretTokens.UrlCredential> found =
        SecretTokens.urlCredentials("DATABASE_URL=postgres://app:Wq9xLm2Pz7@db.internal:5432/app", 5);

    assertThat(found).singleElement().satisfies(url -> {
      assertThat(url.user()).isEqualTo("app");
      assertThat(url.password()).isEqualTo("Wq9xLm2Pz7");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://user:${PASSWORD}@example.com/",
      "https://user:password@example.com/",
      "https://example.com:8443/path",
      "git@github.com:org/repo.git",
      "mailto:someone@example.com"})
  void urlWithoutRealPasswordIsIgnored(String text) {
    assertThat(SecretTokens.urlCredentials(text, 5)).isEmpty();
  }

  @Test
  void hugeSingleLineIsScannedInLinearTime() {
    String line = "ghp_" + "a".repeat(4 << 20) + " " + "xoxb-1-".repeat(200_000) + "eyJ".repeat(300_000);

    List<Token> found = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> SecretTokens.find(line, 50));

    assertThat(found).isEmpty();
  }

  static String jwt(String header, String payload, String signature) {
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    return encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + signature;
  }
}
