package io.hullscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.Finding;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.HygieneGrade;
import io.hullscope.check.Severity;
import io.hullscope.check.UserVerdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckTextTest {

  private static String text(List<Finding> findings) {
    UserVerdict user = new UserVerdict("app", UserVerdict.Outcome.FAILS_TO_START, null, null,
        "name 'app' is not in /etc/passwd", List.of(), List.of());
    HardeningReport report = new HardeningReport("app:1", null, Instant.EPOCH, "Hullscope 0.1.0", user, findings,
        HygieneGrade.of(findings), List.of());
    StringWriter out = new StringWriter();
    new CheckText(new PrintWriter(out)).write(report);
    return out.toString();
  }

  @Test
  void findingShowsPointsAndFields() {
    String text = text(List.of(new Finding("ROOT-USER", "Runs as root", Severity.HIGH, "why", "User unset",
        "Add USER 10001", "Dockerfile")));

    assertThat(text).contains("  HIGH     ROOT-USER: Runs as root (-15)")
        .contains("           Evidence: User unset")
        .contains("           Fix:      Add USER 10001")
        .contains("Findings: 1 (0 critical, 1 high, 0 medium, 0 low, 0 info)")
        .contains("User    does not start: name 'app' is not in /etc/passwd");
  }

  @Test
  void controlCharactersAndSecretsAreRemoved() {
    String text = text(List.of(new Finding("SECRET-IN-ENV", "Token\u001b[2J in env\nFAKE LINE", Severity.CRITICAL,
        "why", "API_TOKEN=ghp_realLookingValue123", "", "")));

    assertThat(text).doesNotContain("\u001b").doesNotContain("ghp_realLookingValue123")
        .contains("Token [2J in env FAKE LINE").contains("API_TOKEN=********");
  }
}
