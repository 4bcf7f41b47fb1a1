package io.hullscope.ui.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretTextMaskingTest {

  private static final String TOKEN = "ghp_0123456789abcdefghijklmnopqrstuvwxyz";

  @Test
  void dotenvMasksEveryValue() {
    String masked = SecretTextMasking.mask("app/.env", "DB_HOST=db\nexport API=" + TOKEN + "\n# NOTE=x\n");

    assertThat(masked).isEqualTo("DB_HOST=…(2 chars)\nexport API=ghp_…(40 chars)\n# NOTE=x\n");
  }

  @Test
  void npmrcMasksAuthTokenOnly() {
    String masked = SecretTextMasking.mask("root/.npmrc",
        "registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=" + TOKEN + "\n");

    assertThat(masked).isEqualTo(
        "registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=ghp_…(40 chars)\n");
  }

  @Test
  void dockerConfigMasksQuotedAuth() {
    String masked = SecretTextMasking.mask("root/.docker/config.json",
        "{\n  \"auths\": {\n    \"example.com\": {\n      \"auth\": \"dXNlcjpzM2NyM3RwYXNzd29yZA==\",\n"
            + "      \"email\": \"a@example.com\"\n    }\n  }\n}\n");

    assertThat(masked).contains("      \"auth\": \"dXNl…(28 chars)\",\n");
    assertThat(masked).contains("\"email\": \"a@example.com\"");
    assertThat(masked).doesNotContain("dXNlcjpzM2NyM3RwYXNzd29yZA==");
  }

  @Test
  void netrcMasksPassword() {
    assertThat(SecretTextMasking.mask("root/.netrc", "machine example.com login me password hunter2\n"))
        .isEqualTo("machine example.com login me password …(7 chars)\n");
  }

  @Test
  void awsCredentialsMaskKeys() {
    String masked = SecretTextMasking.mask("root/.aws/credentials",
        "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\nregion = eu-west-1\n");

    assertThat(masked).isEqualTo("[default]\naws_access_key_id = AKIA…(20 chars)\nregion = eu-west-1\n");
  }

  @Test
  void privateKeyLinesHiddenInAnyFile() {
    String text = "x\n-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\ndef\n-----END RSA PRIVATE KEY-----\ny\n";

    String masked = SecretTextMasking.mask("srv/key.pem", text);

    assertThat(masked).isEqualTo("x\n-----BEGIN RSA PRIVATE KEY-----\n(rsa private key line hidden)\n"
        + "(rsa private key line hidden)\n-----END RSA PRIVATE KEY-----\ny\n");
    assertThat(masked.lines().count()).isEqualTo(text.lines().count());
  }

  @Test
  void unterminatedPrivateKeyHidesRest() {
    assertThat(SecretTextMasking.mask("a.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\nBBBB"))
        .isEqualTo("-----BEGIN PRIVATE KEY-----\n(private key line hidden)\n(private key line hidden)");
  }

  @Test
  void urlPasswordMaskedInAnyFile() {
    assertThat(SecretTextMasking.mask("etc/app.conf", "url=https://bob:s3cr3tpass@db.example.com/x\r\n"))
        .isEqualTo("url=https://bob:…(10 chars)@db.example.com/x\r\n");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "etc/passwd | root:x:0:0:root:/root:/bin/sh",
      "app/config.yaml | password: not-a-credential-file",
      "app/.env | ''",
      "app/.env.example.md | ../../etc"})
  void unchangedWithoutSecrets(String path, String text) {
    assertThat(SecretTextMasking.mask(path, text)).isEqualTo(text);
  }

  @Test
  void binaryGarbageKeepsLength() {
    String garbage = "\u0000\u00ff=\u0001:\n\u0002";

    assertThat(SecretTextMasking.mask("x/.npmrc", garbage).lines().count()).isEqualTo(garbage.lines().count());
  }
}
