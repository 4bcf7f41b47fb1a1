package io.hullscope.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.AccountDatabase.FileState;
import io.hullscope.check.UserVerdict.Outcome;
import io.hullscope.image.HistoryEntry;
import io.hullscope.image.ImageConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserVerdictTest {

  private static final String PASSWD = """
      root:x:0:0:root:/root:/bin/bash
      daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
      app:x:1000:1000::/home/app:/bin/sh
      toor:x:0:0:second root:/root:/bin/sh
      """;
  private static final String GROUP = """
      root:x:0:
      app:x:1000:
      staff:x:50:alice
      """;

  @ParameterizedTest(name = "User \"{0}\" gives {1} {2}:{3}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "''          | RUNS           | 0     | 0     | ROOT-USER",
      "root        | RUNS           | 0     | 0     | ROOT-USER",
      "0           | RUNS           | 0     | 0     | ROOT-USER",
      "0:0         | RUNS           | 0     | 0     | ROOT-USER",
      "root:root   | RUNS           | 0     | 0     | ROOT-USER",
      "toor        | RUNS           | 0     | 0     | ROOT-USER",
      "app         | RUNS           | 1000  | 1000  | USER-NOT-NUMERIC",
      "app:staff   | RUNS           | 1000  | 50    | USER-NOT-NUMERIC",
      "app:50      | RUNS           | 1000  | 50    | USER-NOT-NUMERIC",
      "1000        | RUNS           | 1000  | 1000  | -",
      "1000:1000   | RUNS           | 1000  | 1000  | -",
      "1000:staff  | RUNS           | 1000  | 50    | -",
      "2000        | RUNS           | 2000  | 0     | ROOT-GROUP",
      "2000:2000   | RUNS           | 2000  | 2000  | -",
      "0:1000      | RUNS           | 0     | 1000  | ROOT-USER",
      "daemon:root | RUNS           | 1     | 0     | ROOT-GROUP USER-NOT-NUMERIC",
      "svc         | FAILS_TO_START | -     | -     | USER-NOT-IN-PASSWD",
      "svc:1000    | FAILS_TO_START | -     | -     | USER-NOT-IN-PASSWD",
      "app:wheel   | FAILS_TO_START | -     | -     | GROUP-NOT-IN-GROUP-FILE",
      "1000:wheel  | FAILS_TO_START | -     | -     | GROUP-NOT-IN-GROUP-FILE",
      "+1000       | RUNS           | 1000  | 1000  | -",
      "2147483647  | RUNS           | 2147483647 | 0 | ROOT-GROUP",
      "2147483648  | FAILS_TO_START | -     | -     | USER-ID-OUT-OF-RANGE",
      "-1          | FAILS_TO_START | -     | -     | USER-ID-OUT-OF-RANGE",
      "1000:-5     | FAILS_TO_START | -     | -     | USER-ID-OUT-OF-RANGE"})
  void everyUserFormGetsVerdict(String user, Outcome outcome, Long uid, Long gid, String ids) {
    UserVerdict verdict = UserVerdict.of(config(user), accounts(PASSWD, GROUP));

    assertThat(verdict.outcome()).isEqualTo(outcome);
    assertThat(verdict.uid()).isEqualTo(uid);
    assertThat(verdict.gid()).isEqualTo(gid);
    assertThat(verdict.findings()).extracting(Finding::id)
        .containsExactlyInAnyOrder(ids == null ? new String[0] : ids.split(" "));
  }

  @Test
  void unsetUserExplainsRuntimeDefault() {
    UserVerdict verdict = UserVerdict.of(config(null), accounts(PASSWD, GROUP));

    assertThat(verdict.configuredUser()).isEmpty();
    assertThat(verdict.explanation()).startsWith("UID 0 (root): User is unset, so the runtime default root applies");
    assertThat(verdict.findings().get(0).title()).isEqualTo("The container runs as root because User is unset");
    assertThat(verdict.findings().get(0).evidence()).startsWith("Config User = (unset)");
  }

  @Test
  void namedUserExplainsPasswdEntry() {
    UserVerdict verdict = UserVerdict.of(config("app"), accounts(PASSWD, GROUP));

    assertThat(verdict.explanation()).isEqualTo("UID 1000 from /etc/passwd entry 'app' (line 3), GID 1000 from the"
        + " same entry");
    Finding finding = verdict.findings().get(0);
    assertThat(finding.rationale()).contains("runAsNonRoot");
    assertThat(finding.suggestion()).contains("USER 1000:1000");
    assertThat(finding.evidence()).contains("/etc/passwd line 3: app:x:1000:1000::/home/app:/bin/sh");
  }

  @Test
  void numericUserExplainsDefaultGroup() {
    UserVerdict verdict = UserVerdict.of(config("2000"), accounts(PASSWD, GROUP));

    assertThat(verdict.explanation())
        .isEqualTo("UID 2000: User is numeric and has no /etc/passwd entry, so the GID defaults to 0");
  }

  @Test
  void scratchImageExplainsRootGroup() {
    UserVerdict verdict = UserVerdict.of(config(null), AccountDatabase.NONE);

    assertThat(verdict.explanation()).isEqualTo("UID 0 (root): User is unset, so the runtime default root applies,"
        + " and GID 0 because no /etc/passwd entry has UID 0");
  }

  @Test
  void nameWithGroupTitleNamesUser() {
    UserVerdict verdict = UserVerdict.of(config("app:staff"), accounts(PASSWD, GROUP));

    assertThat(verdict.findings().get(0).title()).isEqualTo("User 'app' is a name, not a UID");
  }

  @Test
  void numericGroupExplainsGivenGid() {
    UserVerdict verdict = UserVerdict.of(config("2000:2001"), accounts(PASSWD, GROUP));

    assertThat(verdict.explanation())
        .isEqualTo("UID 2000: User is numeric and has no /etc/passwd entry, GID 2001 as given");
  }

  @Test
  void nameWithUidZeroIsRoot() {
    UserVerdict verdict = UserVerdict.of(config("toor"), accounts(PASSWD, GROUP));

    Finding finding = verdict.findings().get(0);
    assertThat(finding.title()).isEqualTo("User 'toor' is UID 0, which is root");
    assertThat(finding.severity()).isEqualTo(Severity.HIGH);
    assertThat(finding.evidence()).contains("/etc/passwd line 4: toor:x:0:0:second root:/root:/bin/sh");
    assertThat(verdict.explanation()).startsWith("UID 0 (root) from /etc/passwd entry 'toor'");
  }

  @Test
  void rootSuggestionCreatesUserWhenPasswdExists() {
    Finding finding = UserVerdict.of(config("root"), accounts(PASSWD, GROUP)).findings().get(0);

    assertThat(finding.suggestion()).contains("useradd --uid 10001", "USER 10001:10001");
  }

  @Test
  void rootSuggestionNeedsNoPasswdInScratchImage() {
    Finding finding = UserVerdict.of(config(""), AccountDatabase.NONE).findings().get(0);

    assertThat(finding.id()).isEqualTo("ROOT-USER");
    assertThat(finding.suggestion()).startsWith("Add USER 10001:10001").doesNotContain("useradd");
  }

  @Test
  void missingNameFailsToStart() {
    UserVerdict verdict = UserVerdict.of(config("svc"), accounts(PASSWD, GROUP));

    assertThat(verdict.explanation()).startsWith("name 'svc' is not in /etc/passwd")
        .contains("the container fails to start", "unable to find user svc");
    assertThat(verdict.findings().get(0).suggestion()).contains("useradd --uid 10001 svc", "USER 10001:10001");
  }

  @Test
  void namesFailWithoutPasswdFile() {
    UserVerdict verdict = UserVerdict.of(config("root"), AccountDatabase.NONE);

    assertThat(verdict.outcome()).isEqualTo(Outcome.FAILS_TO_START);
    assertThat(verdict.findings().get(0).evidence()).contains("the image has no /etc/passwd");
  }

  @Test
  void numbersRunWithoutAccountFiles() {
    UserVerdict verdict = UserVerdict.of(config("65532:65532"), AccountDatabase.NONE);

    assertThat(verdict.outcome()).isEqualTo(Outcome.RUNS);
    assertThat(verdict.uid()).isEqualTo(65532L);
    assertThat(verdict.gid()).isEqualTo(65532L);
    assertThat(verdict.findings()).isEmpty();
  }

  @Test
  void unreadablePasswdLeavesNameUnknown() {
    AccountDatabase unreadable = new AccountDatabase(FileState.UNREADABLE, FileState.READ, List.of(), List.of(),
        List.of("/etc/passwd is not valid UTF-8 text, so its accounts are ignored"));

    UserVerdict verdict = UserVerdict.of(config("app"), unreadable);

    assertThat(verdict.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(verdict.uid()).isNull();
    assertThat(verdict.explanation()).contains("cannot be resolved");
    assertThat(verdict.findings()).extracting(Finding::id).containsExactly("USER-NOT-NUMERIC", "ACCOUNTS-UNREADABLE");
    assertThat(verdict.findings().get(0).suggestion()).isEqualTo("Name the user by number: USER 10001:10001.");
    assertThat(verdict.warnings()).containsExactly("/etc/passwd is not valid UTF-8 text, so its accounts are ignored");
  }

  @Test
  void malformedLineDoesNotHideValidOnes() {
    UserVerdict verdict = UserVerdict.of(config("app"), accounts("broken\napp:x:1000:1000::/:/bin/sh\n", GROUP));

    assertThat(verdict.uid()).isEqualTo(1000L);
    assertThat(verdict.findings()).extracting(Finding::id).containsExactly("USER-NOT-NUMERIC", "ACCOUNTS-UNREADABLE");
  }

  @Test
  void brokenUidFieldMakesUserRoot() {
    UserVerdict verdict = UserVerdict.of(config("app"), accounts("app:x:l000:1000::/home/app:/bin/sh\n", GROUP));

    assertThat(verdict.uid()).isZero();
    assertThat(verdict.findings()).extracting(Finding::id).containsExactly("ROOT-USER", "ACCOUNTS-UNREADABLE");
    assertThat(verdict.findings().get(1).evidence()).contains("line 1", "UID 0 and GID 1000");
  }

  @Test
  void numberIsNeverLookedUpAsName() {
    UserVerdict verdict = UserVerdict.of(config("1000"), accounts("1000:x:0:0::/:/bin/sh\n", GROUP));

    assertThat(verdict.uid()).isEqualTo(1000L);
    assertThat(verdict.gid()).isZero();
    assertThat(verdict.explanation()).contains("has no /etc/passwd entry");
  }

  @Test
  void firstDuplicateNameWins() {
    UserVerdict verdict = UserVerdict.of(config("app"),
        accounts("app:x:1000:1000::/:/bin/sh\napp:x:0:0::/:/bin/sh\n", GROUP));

    assertThat(verdict.uid()).isEqualTo(1000L);
  }

  @Test
  void userResetToRootIsReported() {
    ImageConfig config = config("root",
        "/bin/sh -c #(nop)  USER app",
        "/bin/sh -c apt-get install -y curl",
        "USER root");

    UserVerdict verdict = UserVerdict.of(config, accounts(PASSWD, GROUP));

    assertThat(verdict.findings()).extracting(Finding::id).containsExactly("ROOT-USER", "USER-RESET-TO-ROOT");
    Finding reset = verdict.findings().get(1);
    assertThat(reset.evidence()).isEqualTo("History step 1: /bin/sh -c #(nop)  USER app; history step 3: USER root");
    assertThat(reset.location()).isEqualTo("Dockerfile: after history step 3");
  }

  @Test
  void userSwitchedBackIsNoReset() {
    ImageConfig config = config("app", "USER app", "USER root", "RUN apk add curl", "USER app");

    UserVerdict verdict = UserVerdict.of(config, accounts(PASSWD, GROUP));

    assertThat(verdict.findings()).extracting(Finding::id).doesNotContain("USER-RESET-TO-ROOT");
  }

  @Test
  void rootOnlyHistoryIsNoReset() {
    ImageConfig config = config("0:0", "USER root", "USER 0:0");

    UserVerdict verdict = UserVerdict.of(config, accounts(PASSWD, GROUP));

    assertThat(verdict.findings()).extracting(Finding::id).containsExactly("ROOT-USER");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "/bin/sh -c #(nop)  USER app       | app",
      "/bin/sh -c #(nop) USER 1000:1000  | 1000:1000",
      "USER nonroot                      | nonroot",
      "user app                          | app",
      "/bin/sh -c useradd app            | -",
      "/bin/sh -c echo USER app          | -",
      "USER                              | -"})
  void userInstructionReadsHistoryLine(String createdBy, String expected) {
    assertThat(UserVerdict.userInstruction(new HistoryEntry(null, createdBy, null, true))).isEqualTo(expected);
  }

  private static AccountDatabase accounts(String passwd, String group) {
    List<String> warnings = new ArrayList<>();
    return new AccountDatabase(FileState.READ, FileState.READ, AccountFiles.parsePasswd("etc/passwd", passwd, warnings),
        AccountFiles.parseGroup("etc/group", group, warnings), warnings);
  }

  private static ImageConfig config(String user, String... history) {
    return TestConfigs.user(user, history);
  }
}
