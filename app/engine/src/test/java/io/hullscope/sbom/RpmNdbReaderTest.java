package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.testing.TestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RpmNdbReaderTest {

  private static final String FOLDER = "os/rpm/ndb-sle15-bci/";
  private static final String PATH = "usr/lib/sysimage/rpm/Packages.db";

  private static byte[] fixture() throws IOException {
    return Files.readAllBytes(TestData.file(FOLDER + "Packages.db"));
  }

  @Test
  void readsEveryPackageRpmListed() throws IOException {
    List<RpmHeader> headers = RpmNdbReader.read(PATH, fixture());

    assertThat(RpmExpectedPackages.rows(headers))
        .containsExactlyElementsOf(RpmExpectedPackages.read(TestData.file(FOLDER + "expected-packages.tsv")));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 20, 4000, 4096, 5000, 600_000})
  void truncatedDatabaseFailsNamingPath(int length) throws IOException {
    byte[] file = Arrays.copyOf(fixture(), length);

    assertThatThrownBy(() -> RpmNdbReader.read(PATH, file))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining(PATH);
  }

  @ParameterizedTest
  @CsvSource({
    "8, 2147483647, outside",
    "12, -1, outside",
    "8, 0, outside",
    "4, 99, another package index",
  })
  void slotPointingOutsideItsBlobFails(int field, int value, String message) throws IOException {
    byte[] file = fixture();
    ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(32 + field, value);

    assertThatThrownBy(() -> RpmNdbReader.read(PATH, file))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("slot 0")
        .hasMessageContaining(message);
  }

  @Test
  void hugeSlotPageCountFails() throws IOException {
    byte[] file = fixture();
    ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(12, -1);

    assertThatThrownBy(() -> RpmNdbReader.read(PATH, file))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("slot pages");
  }

  @Test
  void randomCorruptionFailsOnlyAsDatabaseError() throws IOException {
    byte[] original = fixture();
    Random random = new Random(11);
    for (int round = 0; round < 500; round++) {
      byte[] file = original.clone();
      for (int flips = 0; flips < 4; flips++) {
        file[random.nextInt(8192)] = (byte) random.nextInt();
      }
      try {
        RpmNdbReader.read(PATH, file);
      } catch (PackageDatabaseException expected) {
        assertThat(expected).hasMessageContaining(PATH);
      }
    }
  }
}
