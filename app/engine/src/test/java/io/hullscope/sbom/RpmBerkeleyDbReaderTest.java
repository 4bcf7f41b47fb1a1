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
import org.junit.jupiter.params.provider.ValueSource;

class RpmBerkeleyDbReaderTest {

  private static final String FOLDER = "os/rpm/bdb-libuuid/";
  private static final String PATH = "var/lib/rpm/Packages";
  private static final int PAGE_SIZE = 4096;

  private static byte[] fixture() throws IOException {
    return Files.readAllBytes(TestData.file(FOLDER + "Packages"));
  }

  @Test
  void readsEveryPackageRpmListed() throws IOException {
    List<RpmHeader> headers = RpmBerkeleyDbReader.read(PATH, fixture());

    assertThat(RpmExpectedPackages.rows(headers))
        .containsExactlyElementsOf(RpmExpectedPackages.read(TestData.file(FOLDER + "expected-packages.tsv")));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 100, 4096, 3 * 4096, 10 * 4096 + 17, 22 * 4096})
  void truncatedDatabaseFailsNamingPath(int length) throws IOException {
    byte[] file = Arrays.copyOf(fixture(), length);

    assertThatThrownBy(() -> RpmBerkeleyDbReader.read(PATH, file))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining(PATH);
  }

  @Test
  void overflowChainThatLoopsFails() throws IOException {
    byte[] file = fixture();
    int page = firstOverflowPage(file);
    ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(page * PAGE_SIZE + 16, page);
    buffer.putShort(page * PAGE_SIZE + 22, (short) 0);

    assertThatThrownBy(() -> RpmBerkeleyDbReader.read(PATH, file))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("loops");
  }

  @Test
  void overflowChainPointingPastTheFileFails() throws IOException {
    byte[] file = fixture();
    ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(firstOverflowPage(file) * PAGE_SIZE + 16, 1_000_000);

    assertThatThrownBy(() -> RpmBerkeleyDbReader.read(PATH, file))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("page 1000000");
  }

  @Test
  void fileWithoutHashMagicFails() throws IOException {
    byte[] file = fixture();
    file[12] = 0;

    assertThatThrownBy(() -> RpmBerkeleyDbReader.read(PATH, file))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("magic");
  }

  @Test
  void randomPageCorruptionFailsOnlyAsDatabaseError() throws IOException {
    byte[] original = fixture();
    Random random = new Random(7);
    for (int round = 0; round < 2000; round++) {
      byte[] file = original.clone();
      for (int flips = 0; flips < 4; flips++) {
        int page = 1 + random.nextInt(original.length / PAGE_SIZE - 1);
        file[page * PAGE_SIZE + random.nextInt(64)] = (byte) random.nextInt();
      }
      try {
        RpmBerkeleyDbReader.read(PATH, file);
      } catch (PackageDatabaseException expected) {
        assertThat(expected).hasMessageContaining(PATH);
      }
    }
  }

  private static int firstOverflowPage(byte[] file) {
    for (int page = 1; page < file.length / PAGE_SIZE; page++) {
      if (file[page * PAGE_SIZE + 25] == 7) {
        return page;
      }
    }
    throw new AssertionError("fixture has no overflow page");
  }
}
