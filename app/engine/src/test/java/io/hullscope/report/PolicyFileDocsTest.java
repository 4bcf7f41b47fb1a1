package io.hullscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.CheckDefinition;
import io.hullscope.check.CheckPolicy;
import io.hullscope.check.HardeningChecks;
import io.hullscope.check.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads the sample policy of docs/checks.md, so the documented format and the parser agree. */
class PolicyFileDocsTest {

  @Test
  void documentedSamplePolicyParses() throws Exception {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    String docs = Files.readString(root.resolve("docs/checks.md"));
    String section = docs.substring(docs.indexOf("## Policy file"));
    int start = section.indexOf("```yaml\n") + "```yaml\n".length();
    String sample = section.substring(start, section.indexOf("```", start));

    List<CheckDefinition> known = HardeningChecks.defaults().definitions();
    CheckPolicy policy = new PolicyFile(known).parse("docs/checks.md", sample.getBytes(StandardCharsets.UTF_8));

    assertThat(policy.failOn()).isEqualTo(Severity.HIGH);
    assertThat(policy.severities()).containsEntry("ROOT-USER", Severity.CRITICAL);
    assertThat(policy.disabled()).containsExactly("USER-NOT-NUMERIC");
    assertThat(policy.settings().number("WASTED-SPACE.bytes", 0)).isEqualTo(10485760L);
  }
}
