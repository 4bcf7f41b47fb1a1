package io.hullscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportRedactionTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "DB_PASSWORD=hunter2 | DB_PASSWORD=********",
      "api_token: abc123def | api_token: ********",
      "AWS_SECRET_ACCESS_KEY = wJalrXUtnFEMI/K7MDENG | AWS_SECRET_ACCESS_KEY = ********",
      "GITHUB_TOKEN=\"ghp_x y\", next | GITHUB_TOKEN=********, next",
      "DB_PASSWORD=******** | DB_PASSWORD=********",
      "User = root | User = root",
      "KEYBOARD=us | KEYBOARD=us",
      "password=hunter2 | password=********",
      "Tokens: 3 found | Tokens: 3 found",
      "Secret: none in this layer | Secret: none in this layer",
      "SECRET: abc | SECRET: ********",
      "AWS_ACCESS_KEY_ID=AKIA…(20 chars) in /app/.env | AWS_ACCESS_KEY_ID=AKIA…(20 chars) in /app/.env",
      "DB_PASSWORD=…(12 chars) | DB_PASSWORD=…(12 chars)",
  })
  void masksSecretAssignments(String input, String expected) {
    assertThat(ReportRedaction.redact(input)).isEqualTo(expected);
  }

  @Test
  void masksPrivateKeyBody() {
    String text =
        "found -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY----- in file";

    assertThat(ReportRedaction.redact(text))
        .isEqualTo("found -----BEGIN OPENSSH PRIVATE KEY----- ******** in file");
  }

  @Test
  void masksTruncatedPrivateKey() {
    assertThat(ReportRedaction.redact("-----BEGIN RSA PRIVATE KEY-----\nMIIEow"))
        .isEqualTo("-----BEGIN RSA PRIVATE KEY----- ********");
  }

  @Test
  void nullBecomesEmpty() {
    assertThat(ReportRedaction.redact(null)).isEmpty();
  }
}
