package io.hullscope.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.check.CheckPolicy;
import io.hullscope.check.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyFileTest {

  private static final PolicyFile READER = new PolicyFile(HandMadeReports.definitions());

  @TempDir Path folder;

  private static CheckPolicy parse(String yaml) throws PolicyFileException {
    return READER.parse("policy.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertRejected(String yaml, int line, String... fragments) {
    ThrowingCallable call = () -> parse(yaml);
    var thrown = assertThatThrownBy(call).isInstanceOf(PolicyFileException.class)
        .hasMessageStartingWith("policy.yaml" + (line > 0 ? ", line " + line + ": " : ": "));
    for (String fragment : fragments) {
      thrown.hasMessageContaining(fragment);
    }
    if (line > 0) {
      thrown.satisfies(e -> assertThat(((PolicyFileException) e).line()).isEqualTo(line));
    }
  }

  @Test
  void fullPolicyIsRead() throws Exception {
    CheckPolicy policy = parse("""
        # team policy
        version: 1
        failOn: high
        checks:
          ROOT-USER:
            severity: critical
          NO-HEALTHCHECK:
            enabled: false
          WASTED-SPACE:
            enabled: true
            thresholds:
              bytes: 10485760
              ratio: "0.2"
        """);

    assertThat(policy.failOn()).isEqualTo(Severity.HIGH);
    assertThat(policy.severities()).containsExactlyEntriesOf(java.util.Map.of("ROOT-USER", Severity.CRITICAL));
    assertThat(policy.disabled()).containsExactly("NO-HEALTHCHECK");
    assertThat(policy.settings().number("WASTED-SPACE.bytes", 0)).isEqualTo(10485760L);
    assertThat(policy.settings().values()).containsEntry("WASTED-SPACE.ratio", "0.2");
  }

  @Test
  void badThresholdValueNamesItsLineWhenTheCheckReadsIt() throws Exception {
    CheckPolicy policy = parse("version: 1\nchecks:\n  WASTED-SPACE:\n    thresholds:\n      bytes: ten\n");

    assertThatThrownBy(() -> policy.settings().number("WASTED-SPACE.bytes", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("setting WASTED-SPACE.bytes must be a whole number, not 'ten' (policy.yaml line 5)");
  }

  @ParameterizedTest
  @CsvSource({"critical, CRITICAL", "High, HIGH", "info, INFO"})
  void failOnAcceptsSeverityInAnyCase(String text, Severity expected) throws Exception {
    assertThat(parse("failOn: " + text).failOn()).isEqualTo(expected);
  }

  @Test
  void failOnNeverNeverFails() throws Exception {
    assertThat(parse("failOn: never").failOn()).isNull();
  }

  @Test
  void versionOnlyIsDefaultPolicy() throws Exception {
    CheckPolicy policy = parse("version: 1\n");

    assertThat(policy.disabled()).isEmpty();
    assertThat(policy.severities()).isEmpty();
    assertThat(policy.failOn()).isNull();
  }

  @Test
  void policyAppliesToFindings() throws Exception {
    CheckPolicy policy = parse("checks:\n  ROOT-USER:\n    severity: low\n  NOT-SIGNED:\n    enabled: false\n");

    var findings = HandMadeReports.findings();
    var rootUser = findings.stream().filter(f -> f.id().equals("ROOT-USER")).findFirst().orElseThrow();
    var notSigned = findings.stream().filter(f -> f.id().equals("NOT-SIGNED")).findFirst().orElseThrow();
    assertThat(policy.apply(rootUser)).get().extracting(f -> f.severity()).isEqualTo(Severity.LOW);
    assertThat(policy.apply(notSigned)).isEmpty();
  }

  @Test
  void unknownCheckIdNamesLineAndSuggests() {
    assertRejected("version: 1\nchecks:\n  ROOT-USR:\n    enabled: false\n", 3, "unknown check id 'ROOT-USR'",
        "did you mean 'ROOT-USER'?");
  }

  @Test
  void distantCheckIdGetsNoSuggestion() {
    ThrowingCallable call = () -> parse("checks:\n  SOMETHING-ELSE-ENTIRELY: {}\n");

    assertThatThrownBy(call).hasMessageContaining("unknown check id 'SOMETHING-ELSE-ENTIRELY'")
        .hasMessageNotContaining("did you mean");
  }

  @Test
  void unknownTopKeyNamesLine() {
    assertRejected("version: 1\nfail_on: high\n", 2, "unknown key 'fail_on' at the top level",
        "did you mean 'failOn'?", "allowed keys: version, failOn, checks");
  }

  @Test
  void unknownCheckKeyNamesLine() {
    assertRejected("checks:\n  ROOT-USER:\n    severty: low\n", 3, "unknown key 'severty' in check ROOT-USER",
        "did you mean 'severity'?");
  }

  @Test
  void wrongSeverityNamesLine() {
    assertRejected("checks:\n  ROOT-USER:\n    severity: severe\n", 3,
        "severity of ROOT-USER must be one of critical, high, medium, low, info, not 'severe'");
  }

  @Test
  void listWhereTextExpectedIsWrongType() {
    assertRejected("failOn:\n  - high\n", 2, "failOn must be a severity such as high, or never, not a list");
  }

  @Test
  void numberForEnabledIsWrongType() {
    assertRejected("checks:\n  ROOT-USER:\n    enabled: 0\n", 3, "enabled of ROOT-USER must be true or false",
        "the number 0");
  }

  @Test
  void listForChecksIsWrongType() {
    assertRejected("checks:\n  - ROOT-USER\n", 2, "checks must be a mapping", "not a list");
  }

  @Test
  void nestedThresholdValueIsWrongType() {
    assertRejected("checks:\n  WASTED-SPACE:\n    thresholds:\n      bytes:\n        deep: 1\n", 5,
        "threshold bytes of WASTED-SPACE must be a number, text or true/false, not a mapping");
  }

  @Test
  void traversalLikeThresholdNameIsRejected() {
    assertRejected("checks:\n  WASTED-SPACE:\n    thresholds:\n      ../../etc: 1\n", 4,
        "invalid threshold name '../../etc'");
  }

  @Test
  void wrongVersionIsRejected() {
    assertRejected("version: 2\n", 1, "version must be 1, not the number 2");
  }

  @Test
  void scalarDocumentIsRejected() {
    assertRejected("just text\n", 1, "the policy file must be a mapping");
  }

  @Test
  void emptyFileIsRejected() {
    assertRejected("", 1, "the policy file is empty");
  }

  @Test
  void duplicateKeyIsRejected() {
    assertRejected("failOn: high\nfailOn: low\n", 2, "failOn");
  }

  @Test
  void secondDocumentIsRejected() {
    assertRejected("failOn: high\n---\nfailOn: low\n", 3, "more than one YAML document");
  }

  @Test
  void truncatedYamlIsInvalid() {
    assertRejected("checks:\n  ROOT-USER: {severity: \"high\n", 3, "invalid YAML", "quoted scalar");
  }

  @Test
  void tabIndentationIsInvalid() {
    assertRejected("checks:\n\tROOT-USER:\n", 2, "invalid YAML", "cannot start any token");
  }

  @Test
  void deepNestingIsRejectedQuickly() {
    String deep = "checks:\n  ROOT-USER:\n    thresholds:\n      x: " + "[".repeat(5000) + "]".repeat(5000) + "\n";

    assertThatThrownBy(() -> parse(deep)).isInstanceOf(PolicyFileException.class);
  }

  @Test
  void aliasesAreNotExpanded() {
    String bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n";

    assertThatThrownBy(() -> parse(bomb)).isInstanceOf(PolicyFileException.class)
        .hasMessageContaining("unknown key 'a'");
  }

  @Test
  void binaryGarbageIsInvalid() {
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);

    assertThatThrownBy(() -> READER.parse("policy.yaml", garbage)).isInstanceOf(PolicyFileException.class)
        .hasMessageStartingWith("policy.yaml");
  }

  @Test
  void nulByteIsRejected() {
    assertThatThrownBy(() -> READER.parse("policy.yaml", "failOn: high\0\n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(PolicyFileException.class).hasMessageContaining("NUL bytes");
  }

  @Test
  void oversizedFileIsRejectedWithoutReadingAll() throws Exception {
    Path big = folder.resolve("big.yaml");
    Files.writeString(big, "# " + "x".repeat(2000) + "\nfailOn: high\n");

    assertThatThrownBy(() -> new PolicyFile(HandMadeReports.definitions(), 1000).read(big))
        .isInstanceOf(PolicyFileException.class).hasMessageContaining("larger than 1000 bytes");
  }

  @Test
  void missingFileNamesPath() {
    Path missing = folder.resolve("nope.yaml");

    assertThatThrownBy(() -> READER.read(missing)).isInstanceOf(PolicyFileException.class)
        .hasMessageStartingWith(missing.toString()).hasMessageContaining("cannot read the policy file");
  }

  @Test
  void fileIsReadFromDisk() throws Exception {
    Path file = folder.resolve("policy.yaml");
    Files.writeString(file, "failOn: medium\n");

    assertThat(READER.read(file).failOn()).isEqualTo(Severity.MEDIUM);
  }
}
