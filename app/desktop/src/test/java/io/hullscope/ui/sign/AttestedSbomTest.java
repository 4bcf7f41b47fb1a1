package io.hullscope.ui.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AttestedSbomTest {

  private static final String STATEMENT = "{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"predicateType\":"
      + "\"https://spdx.dev/Document\",\"subject\":[],\"predicate\":{\"spdxVersion\":\"SPDX-2.3\"}}";

  @Test
  void predicateOfCosignEnvelope() throws IOException {
    byte[] envelope = envelope(STATEMENT).getBytes(StandardCharsets.UTF_8);

    assertThat(new String(AttestedSbom.predicate(envelope, "layer"), StandardCharsets.UTF_8))
        .isEqualTo("{\"spdxVersion\":\"SPDX-2.3\"}");
  }

  @Test
  void predicateOfSigstoreBundle() throws IOException {
    byte[] bundle = ("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"dsseEnvelope\":"
        + envelope(STATEMENT) + "}").getBytes(StandardCharsets.UTF_8);

    assertThat(new String(AttestedSbom.predicate(bundle, "referrer"), StandardCharsets.UTF_8))
        .isEqualTo("{\"spdxVersion\":\"SPDX-2.3\"}");
  }

  @Test
  void predicateGivenAsString() throws IOException {
    String statement = "{\"predicateType\":\"https://cyclonedx.org/bom\",\"predicate\":\"{\\\"bomFormat\\\":1}\"}";

    assertThat(new String(AttestedSbom.predicate(envelope(statement).getBytes(StandardCharsets.UTF_8), "layer"),
        StandardCharsets.UTF_8)).isEqualTo("{\"bomFormat\":1}");
  }

  @Test
  void statementWithoutPredicateIsRejected() {
    byte[] envelope = envelope("{\"predicateType\":\"x\"}").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> AttestedSbom.predicate(envelope, "tag a.att layer 1")).isInstanceOf(IOException.class)
        .hasMessageContaining("tag a.att layer 1 has no predicate");
  }

  @Test
  void invalidBase64IsRejected() {
    byte[] envelope = "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"%%%\"}"
        .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> AttestedSbom.predicate(envelope, "layer")).isInstanceOf(IOException.class)
        .hasMessageContaining("not valid base64");
  }

  @Test
  void binaryGarbageIsRejected() {
    byte[] garbage = {(byte) 0x89, 'P', 'N', 'G', 0, 0, (byte) 0xff};

    assertThatThrownBy(() -> AttestedSbom.predicate(garbage, "layer")).isInstanceOf(IOException.class);
  }

  @Test
  void jsonArrayIsRejected() {
    assertThatThrownBy(() -> AttestedSbom.predicate("[]".getBytes(StandardCharsets.UTF_8), "layer"))
        .isInstanceOf(IOException.class).hasMessageContaining("not a JSON object");
  }

  private static String envelope(String statement) {
    return "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\""
        + Base64.getEncoder().encodeToString(statement.getBytes(StandardCharsets.UTF_8)) + "\",\"signatures\":[]}";
  }
}
