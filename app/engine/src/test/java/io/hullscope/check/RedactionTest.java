package io.hullscope.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ghp_q7Xk2mPz9Lw4Rt8Vb3Nc6Hd1Jf5Gs0YaEuOi|ghp_…(40 chars)",
      "zypg4kq8m3rt2nvw7hbx|zypg…(20 chars)",
      "123456789012345|…(15 chars)",
      "hunter2|…(7 chars)",
      "|…(0 chars)"})
  void valueKeepsAtMostFourLeadingCharacters(String secret, String redacted) {
    assertThat(Redaction.value(secret)).isEqualTo(redacted);
  }

  @Test
  void nullValueIsRedactedToo() {
    assertThat(Redaction.value(null)).isEqualTo("…(0 chars)");
  }

  @Test
  void assignmentKeepsTheName() {
    assertThat(Redaction.assignment("DB_PASSWORD", "zypg4kq8m3rt2nvw7hbx")).isEqualTo("DB_PASSWORD=zypg…(20 chars)");
  }

  @Test
  void keyMaterialShowsOnlyKindAndLength() {
    assertThat(Redaction.keyMaterial("RSA private key", 1704)).isEqualTo("RSA private key (1704 chars, not shown)");
  }

  @Test
  void urlPasswordsAreRedacted() {
    String text = "pip install --index-url https://ci:Wq9xLm2Pz7vK@pypi.example.com/simple"
        + " && git clone https://bot:zypg4kq8m3rt2nvw7hbx@git.example.com/a.git";

    assertThat(Redaction.urlCredentials(text)).isEqualTo("pip install --index-url https://ci:…(12 chars)@pypi.example.com/simple"
        + " && git clone https://bot:zypg…(20 chars)@git.example.com/a.git");
  }

  @Test
  void replaceRedactsEveryOccurrence() {
    assertThat(Redaction.replace("a=zypg4kq8m3rt2nvw7hbx b=zypg4kq8m3rt2nvw7hbx", "zypg4kq8m3rt2nvw7hbx"))
        .isEqualTo("a=zypg…(20 chars) b=zypg…(20 chars)");
  }
}
