package io.hullscope.ui.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.AccountDatabase;
import io.hullscope.check.Finding;
import io.hullscope.check.Severity;
import io.hullscope.check.UserVerdict;
import io.hullscope.image.ImageConfig;
import org.junit.jupiter.api.Test;

class GradeSummaryTest {

  private static final Finding INFO = new Finding("ACCOUNTS-UNREADABLE", "Account files unreadable", Severity.INFO,
      "", "", "", "");
  private static final Finding LOW = new Finding("ROOT-GROUP", "The process runs with GID 0", Severity.LOW,
      "", "", "", "");

  @Test
  void deductionsLeaveOutFreeFindings() {
    GradeSummary summary = GradeSummary.of(HardeningViewModelTest.report(INFO, LOW));

    assertThat(summary.deductions()).containsExactly(
        new GradeSummary.Deduction("The process runs with GID 0", Severity.LOW, 2));
    assertThat(summary.score()).isEqualTo(98);
    assertThat(summary.letter()).isEqualTo('A');
    assertThat(summary.styleClass()).isEqualTo("grade-a");
  }

  @Test
  void userLineOfRootImage() {
    GradeSummary summary = GradeSummary.of(HardeningViewModelTest.report());

    assertThat(summary.userLine()).isEqualTo("Runs as UID 0 (root): User is unset, so the runtime default root"
        + " applies, and GID 0 because no /etc/passwd entry has UID 0");
  }

  @Test
  void userLineOfMissingUser() {
    UserVerdict verdict = UserVerdict.of(config("app"), AccountDatabase.NONE);

    assertThat(GradeSummary.userLine(verdict)).isEqualTo("Does not start: name 'app' is not in /etc/passwd (the"
        + " image has no /etc/passwd): the container fails to start with \"unable to find user app\"");
  }

  @Test
  void userLineOfNumericUser() {
    UserVerdict verdict = UserVerdict.of(config("10001:10001"), AccountDatabase.NONE);

    assertThat(GradeSummary.userLine(verdict)).startsWith("Runs as UID 10001: ");
  }

  private static ImageConfig config(String user) {
    return new ImageConfig(null, user, null, null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
