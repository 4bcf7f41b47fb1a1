package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.testing.TestData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RpmHeaderParserTest {

  private static final String PATH = "var/lib/rpm/rpmdb.sqlite";

  private static byte[] fixture() throws IOException {
    return Files.readAllBytes(TestData.file("os/rpm/header-blob.bin"));
  }

  @Test
  void fixtureHeaderYieldsPackageFields() throws IOException {
    RpmHeader header = RpmHeaderParser.parse(PATH, "fixture", fixture());

    assertThat(header.name()).isEqualTo("publicsuffix-list-dafsa");
    assertThat(header.version()).isEqualTo("20210518");
    assertThat(header.release()).isEqualTo("2.fc35");
    assertThat(header.arch()).isEqualTo("noarch");
    assertThat(header.sourceRpm()).isEqualTo("publicsuffix-list-20210518-2.fc35.src.rpm");
  }

  @Test
  void packageCarriesSourceNameAndRpmPurl() throws IOException {
    RpmHeader header = RpmHeaderParser.parse(PATH, "fixture", fixture());

    Package pkg = RpmHeaderParser.toPackage(header, PATH, new Distro("fedora", "35", null, null));

    assertThat(pkg.type()).isEqualTo("rpm");
    assertThat(pkg.sourceName()).isEqualTo("publicsuffix-list");
    assertThat(pkg.sourceVersion()).isNull();
    assertThat(pkg.purl())
        .isEqualTo("pkg:rpm/fedora/publicsuffix-list-dafsa@20210518-2.fc35?arch=noarch&distro=fedora-35");
  }

  @Test
  void epochGoesIntoVersionAndPurlQualifier() {
    RpmHeader header = new RpmHeader("ca-certificates-base", 1, "2.0.0", "1.cm2", "noarch", "MPLv2.0",
        "ca-certificates-2.0.0-1.cm2.src.rpm", "Microsoft Corporation", List.of("rpmlib(CompressedFileNames)", "sh"));

    Package pkg = RpmHeaderParser.toPackage(header, PATH, null);

    assertThat(pkg.version()).isEqualTo("1:2.0.0-1.cm2");
    assertThat(pkg.purl()).isEqualTo("pkg:rpm/microsoft/ca-certificates-base@2.0.0-1.cm2?arch=noarch&epoch=1");
    assertThat(pkg.dependencies()).containsExactly("sh");
  }

  @ParameterizedTest
  @CsvSource({
    "'Microsoft Corporation',          microsoft",
    "'Red Hat, Inc.',                  redhat",
    "'SUSE LLC <https://www.suse.com/>', suse",
    "'Fedora Project',                 fedora",
  })
  void vendorBecomesPurlNamespace(String vendor, String namespace) {
    assertThat(RpmHeaderParser.vendorNamespace(vendor)).isEqualTo(namespace);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3, 7, 8, 100, 5000})
  void truncatedHeaderFailsNamingEntry(int length) throws IOException {
    byte[] blob = Arrays.copyOf(fixture(), length);

    assertThatThrownBy(() -> RpmHeaderParser.parse(PATH, "hnum 7", blob))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining(PATH)
        .hasMessageContaining("hnum 7");
  }

  @ParameterizedTest
  @CsvSource({
    "0, 2147483647",
    "0, -1",
    "0, 0",
    "4, -1",
    "4, 2147483647",
  })
  void hugeOrZeroPreambleCountsFail(int at, int value) throws IOException {
    byte[] blob = fixture();
    ByteBuffer.wrap(blob).putInt(at, value);

    assertThatThrownBy(() -> RpmHeaderParser.parse(PATH, "hnum 1", blob))
        .isInstanceOf(PackageDatabaseException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "8, -1",
    "12, 2147483647",
    "12, -2",
  })
  void entryOutsideDataStoreFails(int field, int value) throws IOException {
    byte[] blob = fixture();
    int nameEntry = findEntry(blob, 1000);
    ByteBuffer.wrap(blob).putInt(nameEntry + field, value);

    assertThatThrownBy(() -> RpmHeaderParser.parse(PATH, "hnum 1", blob))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("tag 1000");
  }

  @Test
  void unterminatedStringFails() throws IOException {
    byte[] blob = fixture();
    ByteBuffer buffer = ByteBuffer.wrap(blob);
    int entries = buffer.getInt(0);
    int dataLength = buffer.getInt(4);
    int dataStart = 8 + entries * 16;
    blob[dataStart + dataLength - 1] = 'x';
    buffer.putInt(findEntry(blob, 1000) + 8, dataLength - 1);

    assertThatThrownBy(() -> RpmHeaderParser.parse(PATH, "hnum 1", blob))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("past the end");
  }

  @Test
  void randomCorruptionFailsOnlyAsDatabaseError() throws IOException {
    byte[] original = fixture();
    Random random = new Random(42);
    for (int round = 0; round < 2000; round++) {
      byte[] blob = original.clone();
      for (int flips = 0; flips < 8; flips++) {
        blob[random.nextInt(Math.min(blob.length, 8 + 69 * 16))] = (byte) random.nextInt();
      }
      try {
        RpmHeaderParser.parse(PATH, "round " + round, blob);
      } catch (PackageDatabaseException expected) {
        assertThat(expected).hasMessageContaining("round " + round);
      }
    }
  }

  private static int findEntry(byte[] blob, int tag) {
    ByteBuffer buffer = ByteBuffer.wrap(blob);
    for (int i = 0; i < buffer.getInt(0); i++) {
      if (buffer.getInt(8 + i * 16) == tag) {
        return 8 + i * 16;
      }
    }
    throw new AssertionError("fixture has no tag " + tag);
  }
}
