package io.hullscope.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  static X509Certificate authority;

  @BeforeAll
  static void createAuthority() throws Exception {
    authority = TestCertificates.ca("CN=Test TSA", TestCertificates.ec("secp256r1"));
  }

  @Test
  void readsTimeAndAuthority() throws Exception {
    Timestamps.Timestamp timestamp = Timestamps.read(NotationCoseVerifierTest.timestampToken("20251231235959.123Z",
        authority));

    assertThat(timestamp.time()).isEqualTo(Instant.parse("2025-12-31T23:59:59.123Z"));
    assertThat(timestamp.authority()).isEqualTo("CN=Test TSA");
  }

  @Test
  void everyTruncationIsRejected() throws Exception {
    byte[] token = NotationCoseVerifierTest.timestampToken("20251231235959Z", authority);

    for (int length = 0; length < token.length; length += 5) {
      byte[] truncated = Arrays.copyOf(token, length);

      assertThatThrownBy(() -> Timestamps.read(truncated)).as("length " + length)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void otherContentTypeIsRejected() {
    // ContentInfo with the id-data OID instead of id-signedData.
    byte[] data = HexFormat.of().parseHex("300b06092a864886f70d010701");

    assertThatThrownBy(() -> Timestamps.read(data)).hasMessageContaining("not a CMS SignedData");
  }

  @Test
  void hugeDeclaredLengthIsRejected() {
    byte[] data = HexFormat.of().parseHex("3084ffffffff00");

    assertThatThrownBy(() -> Timestamps.read(data)).hasMessageContaining("longer than its data");
  }

  @Test
  void oversizedTokenIsRejected() {
    assertThatThrownBy(() -> Timestamps.read(new byte[Timestamps.MAX_TOKEN + 1])).hasMessageContaining("more than");
  }

  @Test
  void localTimeIsRejected() throws Exception {
    byte[] token = NotationCoseVerifierTest.timestampToken("20251231235959.5+0100", authority);

    assertThatThrownBy(() -> Timestamps.read(token)).hasMessageContaining("not a UTC GeneralizedTime");
  }

  @Test
  void invalidBase64BecomesNote() {
    List<String> notes = new ArrayList<>();

    Timestamps.describe("***", notes);

    assertThat(notes).singleElement().satisfies(note -> assertThat(note).contains("cannot be read"));
  }

  @Test
  void randomBytesOnlyRaiseIllegalArgument() {
    Random random = new Random(5);
    for (int i = 0; i < 2000; i++) {
      byte[] data = new byte[random.nextInt(80)];
      random.nextBytes(data);
      if (data.length > 0) {
        data[0] = 0x30;
      }
      try {
        Timestamps.read(data);
      } catch (IllegalArgumentException expected) {
        // Invalid tokens must surface as IllegalArgumentException only.
      }
    }
  }
}
