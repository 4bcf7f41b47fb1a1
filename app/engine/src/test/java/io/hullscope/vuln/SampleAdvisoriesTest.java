package io.hullscope.vuln;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.vuln.version.VersionSchemes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks the Maven and npm advisories of {@code samples/osv}: they pass the OSV schema checks and
 * their ranges give the fixed version of each release line, as GitHub's advisories state them.
 */
class SampleAdvisoriesTest {

  private static Path record(String relative) {
    return Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize()
        .resolve("samples/osv/records/" + relative);
  }

  private static OsvRecord parse(String relative) throws IOException, OsvRecordException {
    Path file = record(relative);
    try (InputStream input = Files.newInputStream(file)) {
      return new OsvRecordParser().parse(file.toString(), input);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "2.14.1, true, 2.15.0",
    "2.13.0, true, 2.15.0",
    "2.12.1, true, 2.12.2",
    "2.3, true, 2.3.1",
    "2.0-beta9, true, 2.3.1",
    "2.15.0, false, ",
    "2.12.2, false, ",
    "2.3.1, false, ",
    "2.0-beta8, false, ",
    "1.2.17, false, "
  })
  void log4ShellRangesGiveTheFixOfEachReleaseLine(String version, boolean affected, String fixed) throws Exception {
    OsvRecord log4shell = parse("Maven/GHSA-jfh8-c2jp-5v3q.json");

    OsvRangeEvaluator.Verdict verdict = OsvRangeEvaluator.evaluate(log4shell.id(), log4shell.affected().get(0),
        version, VersionSchemes.forEcosystem("Maven").orElseThrow());

    assertThat(log4shell.aliases()).containsExactly("CVE-2021-44228");
    assertThat(verdict.affected()).isEqualTo(affected);
    if (affected) {
      assertThat(verdict.fixed()).isEqualTo(fixed);
    }
  }

  @ParameterizedTest
  @CsvSource({"4.17.15, true", "4.17.20, true", "4.17.21, false", "4.17.22, false"})
  void lodashTemplateRangeEndsAt41721(String version, boolean affected) throws Exception {
    OsvRecord lodash = parse("npm/GHSA-35jh-r3h4-6jhm.json");

    OsvRangeEvaluator.Verdict verdict = OsvRangeEvaluator.evaluate(lodash.id(), lodash.affected().get(0), version,
        VersionSchemes.forEcosystem("npm").orElseThrow());

    assertThat(lodash.aliases()).containsExactly("CVE-2021-23337");
    assertThat(verdict.affected()).isEqualTo(affected);
    if (affected) {
      assertThat(verdict.fixed()).isEqualTo("4.17.21");
    }
  }
}
