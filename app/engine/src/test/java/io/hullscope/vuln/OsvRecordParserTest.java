package io.hullscope.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OsvRecordParserTest {

  private final OsvRecordParser parser = new OsvRecordParser();

  @Test
  void debianAdvisoryGivesRangeAndAlias() throws Exception {
    OsvRecord record = parseFixture("DSA-3029-1.json");

    assertThat(record.id()).isEqualTo("DSA-3029-1");
    assertThat(record.modified()).isEqualTo(Instant.parse("2014-09-20T08:18:07Z"));
    assertThat(record.published()).isEqualTo(Instant.parse("2014-09-20T00:00:00Z"));
    assertThat(record.withdrawn()).isNull();
    assertThat(record.aliases()).containsExactly("CVE-2014-3616");
    assertThat(record.affected()).hasSize(1);
    OsvRecord.Affected nginx = record.affected().get(0);
    assertThat(nginx.ecosystem()).isEqualTo("Debian:7");
    assertThat(nginx.name()).isEqualTo("nginx");
    assertThat(nginx.ranges()).hasSize(1);
    assertThat(nginx.ranges().get(0).type()).isEqualTo(OsvRecord.RangeType.ECOSYSTEM);
    assertThat(nginx.ranges().get(0).events()).containsExactly(
        new OsvRecord.Event(OsvRecord.EventKind.INTRODUCED, "0"),
        new OsvRecord.Event(OsvRecord.EventKind.FIXED, "1.2.1-2.2+wheezy3"));
    assertThat(record.references()).containsExactly(
        new OsvRecord.Reference("ADVISORY", "https://www.debian.org/security/2014/dsa-3029"));
  }

  @Test
  void githubAdvisoryGivesVectorAndDatabaseSeverity() throws Exception {
    OsvRecord record = parseFixture("GHSA-838r-hvwh-24h8.json");

    assertThat(record.severity()).containsExactly(
        new OsvRecord.Severity("CVSS_V3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N"));
    assertThat(record.databaseSeverity()).isEqualTo("CRITICAL");
    assertThat(record.affected().get(0).ecosystem()).isEqualTo("Maven");
    assertThat(record.affected().get(0).name()).isEqualTo("org.apache.any23:apache-any23");
  }

  @Test
  void goAdvisoryGivesSemverRanges() throws Exception {
    OsvRecord record = parseFixture("GO-2023-2382.json");

    assertThat(record.affected()).isNotEmpty();
    assertThat(record.affected())
        .flatExtracting(OsvRecord.Affected::ranges)
        .extracting(OsvRecord.Range::type)
        .containsOnly(OsvRecord.RangeType.SEMVER);
    assertThat(record.affected().get(0).ecosystemSpecific()).isNotNull();
  }

  @Test
  void ubuntuRecordGivesUpstreamVersionsAndRating() throws Exception {
    OsvRecord record = parseFixture("UBUNTU-CVE-2025-38094.json");

    assertThat(record.upstream()).containsExactly("CVE-2025-38094");
    assertThat(record.aliases()).isEmpty();
    assertThat(record.severity()).containsExactly(new OsvRecord.Severity("Ubuntu", "medium"));
    assertThat(record.affected().get(0).ecosystem()).isEqualTo("Ubuntu:Pro:14.04:LTS");
    assertThat(record.affected().get(0).versions()).contains("3.11.0-12.19", "3.12.0-1.3");
  }

  @Test
  void withdrawnRecordIsMarked() throws Exception {
    OsvRecord record = parse("{\"id\":\"GHSA-aaaa-bbbb-cccc\",\"modified\":\"2024-01-02T00:00:00Z\","
        + "\"withdrawn\":\"2024-01-03T00:00:00.5Z\"}");

    assertThat(record.isWithdrawn()).isTrue();
    assertThat(record.withdrawn()).isEqualTo(Instant.parse("2024-01-03T00:00:00.5Z"));
  }

  @Test
  void truncatedJsonIsRejectedWithSource() {
    assertThatThrownBy(() -> parse("{\"id\":\"DSA-1-1\",\"modified\":\"2024-01-0"))
        .isInstanceOf(OsvRecordException.class)
        .hasMessageStartingWith("test.json: invalid JSON");
  }

  @Test
  void emptyInputIsRejected() {
    assertThatThrownBy(() -> parse(""))
        .isInstanceOf(OsvRecordException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void binaryGarbageIsRejected() {
    byte[] garbage = new byte[4096];
    new Random(7).nextBytes(garbage);

    assertThatThrownBy(() -> parser.parse("garbage.json", new ByteArrayInputStream(garbage)))
        .isInstanceOf(OsvRecordException.class)
        .hasMessageStartingWith("garbage.json: ");
  }

  @Test
  void trailingContentIsRejected() {
    assertThatThrownBy(() -> parse("{\"id\":\"DSA-1-1\",\"modified\":\"2024-01-01T00:00:00Z\"} {}"))
        .isInstanceOf(OsvRecordException.class)
        .hasMessageContaining("invalid JSON");
  }

  @Test
  void oversizedRecordIsRejectedBeforeParsing() {
    OsvRecordParser small = new OsvRecordParser(1000, 64, 1000, 10);
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return ' ';
      }
    };

    assertThatThrownBy(() -> small.parse("big.json", endless))
        .isInstanceOf(OsvRecordException.class)
        .hasMessageContaining("larger than the limit of 1000 bytes");
  }

  @Test
  void hugeStringIsRejected() {
    OsvRecordParser limited = new OsvRecordParser(10_000_000, 64, 100_000, 10);
    String json = "{\"id\":\"DSA-1-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"details\":\"" + "x".repeat(200_000) + "\"}";

    assertThatThrownBy(() -> limited.parse("huge.json", json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(OsvRecordException.class)
        .hasMessageContaining("invalid JSON")
        .hasMessageContaining("String value length");
  }

  @Test
  void deepNestingIsRejected() {
    String json = "{\"id\":\"DSA-1-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"database_specific\":"
        + "{\"a\":[".repeat(5000) + "]}".repeat(5000) + "}";

    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(OsvRecordException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  void millionVersionsAreRejectedByDefaultLimit() {
    StringBuilder json = new StringBuilder("{\"id\":\"DSA-1-1\",\"modified\":\"2024-01-01T00:00:00Z\","
        + "\"affected\":[{\"package\":{\"ecosystem\":\"Debian:12\",\"name\":\"x\"},\"versions\":[");
    for (int i = 0; i < 1_000_000; i++) {
      json.append(i == 0 ? "" : ",").append("\"1.").append(i).append('"');
    }
    json.append("]}]}");

    assertThatThrownBy(() -> parse(json.toString()))
        .isInstanceOf(OsvRecordException.class)
        .hasMessageContaining("lists 1000000 versions, more than the limit of 200000");
  }

  @Test
  void wrongTypeNamesThePath() {
    assertThatThrownBy(() -> parse("{\"id\":\"DSA-1-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"aliases\":\"CVE-1\"}"))
        .isInstanceOf(OsvRecordException.class)
        .hasMessageContaining("$.aliases must be an array, not a string");
  }

  @Test
  void eventWithTwoKindsIsRejected() {
    String json = "{\"id\":\"DSA-1-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[{\"package\":"
        + "{\"ecosystem\":\"Debian:12\",\"name\":\"x\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":"
        + "[{\"introduced\":\"0\",\"fixed\":\"1\"}]}]}]}";

    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(OsvRecordException.class)
        .hasMessageContaining("$.affected[0].ranges[0].events[0] must have exactly one of");
  }

  @Test
  void pathTraversalIdIsRejectedAsUnknownPrefix() {
    assertThatThrownBy(() -> parse("{\"id\":\"../../etc/passwd\",\"modified\":\"2024-01-01T00:00:00Z\"}"))
        .isInstanceOf(OsvRecordException.class)
        .hasMessageContaining("$.id '../../etc/passwd' does not start with a known database prefix");
  }

  @Test
  void impossibleDateIsRejected() {
    assertThatThrownBy(() -> parse("{\"id\":\"DSA-1-1\",\"modified\":\"2024-13-45T00:00:00Z\"}"))
        .isInstanceOf(OsvRecordException.class)
        .hasMessageContaining("modified '2024-13-45T00:00:00Z' is not a valid date and time");
  }

  private OsvRecord parse(String json) throws OsvRecordException, IOException {
    return parser.parse("test.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private OsvRecord parseFixture(String name) throws Exception {
    try (InputStream input = Files.newInputStream(TestData.file("osv/records/" + name))) {
      return parser.parse(name, input);
    }
  }
}
