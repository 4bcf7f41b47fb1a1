package io.hullscope.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CborTest {

  private static Object decode(String hex) throws Cbor.CborException {
    return Cbor.decode(HexFormat.of().parseHex(hex), 16, 1000);
  }

  /** Examples from RFC 8949, appendix A. */
  @Test
  void decodesRfcExamples() throws Exception {
    assertThat(decode("00")).isEqualTo(0L);
    assertThat(decode("1903e8")).isEqualTo(1000L);
    assertThat(decode("3903e7")).isEqualTo(-1000L);
    assertThat(decode("1b7fffffffffffffff")).isEqualTo(Long.MAX_VALUE);
    assertThat(decode("f93c00")).isEqualTo(1.0);
    assertThat(decode("f9c400")).isEqualTo(-4.0);
    assertThat(decode("f90001")).isEqualTo(5.960464477539063e-8);
    assertThat(decode("fb3ff199999999999a")).isEqualTo(1.1);
    assertThat(decode("f4")).isEqualTo(false);
    assertThat(decode("f6")).isSameAs(Cbor.NULL);
    assertThat(decode("6449455446")).isEqualTo("IETF");
    assertThat((byte[]) decode("4401020304")).containsExactly(1, 2, 3, 4);
    assertThat(decode("83010203")).isEqualTo(List.of(1L, 2L, 3L));
    assertThat(decode("a201020304")).isEqualTo(Map.of(1L, 2L, 3L, 4L));
    assertThat(decode("c11a514b67b0")).isEqualTo(new Cbor.Tagged(1, 1363896240L));
  }

  @ParameterizedTest
  @CsvSource({
      "1bffffffffffffffff, larger than 2^63",
      "5f42010243030405ff, indefinite-length",
      "0001, bytes follow",
      "1c, reserved",
      "62c328, UTF-8",
      "a201020103, appears twice",
      "a1420102, only integer and text keys",
      "5b00ffffffffffffff00, longer than the rest",
      "9b00ffffffffffffff00, more than the rest",
      "f0, simple value",
      "'', truncated",
      "1a0102, truncated",
  })
  void rejectsInvalidInput(String hex, String message) {
    assertThatThrownBy(() -> decode(hex)).isInstanceOf(Cbor.CborException.class).hasMessageContaining(message);
  }

  @Test
  void rejectsDeepNesting() {
    byte[] nested = new byte[100_000];
    java.util.Arrays.fill(nested, (byte) 0x81);

    assertThatThrownBy(() -> Cbor.decode(nested, 16, 1_000_000)).isInstanceOf(Cbor.CborException.class)
        .hasMessageContaining("nested");
  }

  @Test
  void rejectsTooManyItems() {
    byte[] array = new byte[3 + 2000];
    array[0] = (byte) 0x99;
    array[1] = 0x07;
    array[2] = (byte) 0xd0;

    assertThatThrownBy(() -> Cbor.decode(array, 16, 1000)).isInstanceOf(Cbor.CborException.class)
        .hasMessageContaining("more than 1000 items");
  }

  @Test
  void randomBytesNeverEscapeAsRuntimeErrors() {
    Random random = new Random(7);
    for (int i = 0; i < 5000; i++) {
      byte[] data = new byte[random.nextInt(64)];
      random.nextBytes(data);
      try {
        Cbor.decode(data, 16, 1000);
      } catch (Cbor.CborException expected) {
        // Invalid input must surface as CborException only.
      }
    }
  }

  @Test
  void encoderWritesShortestHeads() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Cbor.integer(out, 23);
    Cbor.integer(out, 24);
    Cbor.integer(out, -1000);
    Cbor.integer(out, 1L << 32);
    Cbor.textString(out, "a");

    assertThat(HexFormat.of().formatHex(out.toByteArray())).isEqualTo("1718183903e71b00000001000000006161");
  }
}
