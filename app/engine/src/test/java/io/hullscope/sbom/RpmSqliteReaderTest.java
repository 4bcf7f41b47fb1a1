package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpmSqliteReaderTest {

  private static final String FOLDER = "os/rpm/sqlite-cbl-mariner-2.0/";
  private static final String PATH = "var/lib/rpm/rpmdb.sqlite";

  @Test
  void readsEveryPackageRpmListed() throws IOException {
    List<RpmHeader> headers = RpmSqliteReader.read(PATH, TestData.file(FOLDER + "rpmdb.sqlite"));

    assertThat(RpmExpectedPackages.rows(headers))
        .containsExactlyElementsOf(RpmExpectedPackages.read(TestData.file(FOLDER + "expected-packages.tsv")));
  }

  @Test
  void databaseInMemoryReadsThroughTemporaryCopy() throws IOException {
    byte[] database = Files.readAllBytes(TestData.file(FOLDER + "rpmdb.sqlite"));

    List<RpmHeader> headers = RpmSqliteReader.read(PATH, database);

    assertThat(RpmExpectedPackages.rows(headers))
        .containsExactlyElementsOf(RpmExpectedPackages.read(TestData.file(FOLDER + "expected-packages.tsv")));
  }

  @Test
  void readingLeavesTheFolderUnchanged(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("rpmdb.sqlite");
    Files.copy(TestData.file(FOLDER + "rpmdb.sqlite"), copy);
    byte[] before = Files.readAllBytes(copy);

    RpmSqliteReader.read(PATH, copy);

    assertThat(dir.toFile().list()).containsExactly("rpmdb.sqlite");
    assertThat(Files.readAllBytes(copy)).isEqualTo(before);
  }

  @Test
  void truncatedDatabaseFailsNamingPath(@TempDir Path dir) throws IOException {
    byte[] bytes = Files.readAllBytes(TestData.file(FOLDER + "rpmdb.sqlite"));
    Path copy = dir.resolve("rpmdb.sqlite");
    Files.write(copy, Arrays.copyOf(bytes, bytes.length / 3));

    assertThatThrownBy(() -> RpmSqliteReader.read(PATH, copy))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining(PATH);
  }

  @Test
  void nonSqliteFileFailsNamingPath(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("rpmdb.sqlite");
    Files.writeString(copy, "not a database at all, just text that is long enough to look like a file");

    assertThatThrownBy(() -> RpmSqliteReader.read(PATH, copy))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining(PATH);
  }
}
