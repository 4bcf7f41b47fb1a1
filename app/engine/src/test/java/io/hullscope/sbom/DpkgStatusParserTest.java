package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DpkgStatusParserTest {

  private static final Distro BOOKWORM = new Distro("debian", "12", "bookworm", null);

  private final DpkgStatusParser parser = new DpkgStatusParser();

  @Test
  void singleStatusGivesOnePackage() throws IOException {
    List<Package> packages = parseFixture("os/dpkg/status-single");

    assertThat(packages).hasSize(1);
    Package apt = packages.get(0);
    assertThat(apt.name()).isEqualTo("apt");
    assertThat(apt.version()).isEqualTo("1.8.2");
    assertThat(apt.type()).isEqualTo("deb");
    assertThat(apt.architecture()).isEqualTo("amd64");
    assertThat(apt.sourceName()).isEqualTo("apt-dev");
    assertThat(apt.sourceVersion()).isNull();
    assertThat(apt.licenses()).isEmpty();
    assertThat(apt.evidencePath()).isEqualTo("var/lib/dpkg/status");
    assertThat(apt.purl()).isEqualTo("pkg:deb/debian/apt@1.8.2?arch=amd64&distro=debian-12");
  }

  @Test
  void dependenciesListEveryAlternativeWithoutVersions() throws IOException {
    Package apt = parseFixture("os/dpkg/status-single").get(0);

    assertThat(apt.dependencies())
        .containsExactly(
            "adduser", "gpgv", "gpgv2", "gpgv1", "debian-archive-keyring", "libapt-pkg5.0", "libc6",
            "libgcc1", "libgnutls30", "libseccomp2", "libstdc++6");
  }

  @Test
  void multipleStatusSkipsParagraphsWithoutStatus() throws IOException {
    // The fixture's first two paragraphs ("Package:" and "no-version") have no Status line.
    List<Package> packages = parseFixture("os/dpkg/status-multiple");

    assertThat(packages).extracting(Package::name).containsExactly("tzdata", "util-linux");
    assertThat(packages.get(0).version()).isEqualTo("2020a-0+deb10u1");
    assertThat(packages.get(0).sourceName()).isEqualTo("tzdata-dev");
    assertThat(packages.get(0).architecture()).isEqualTo("all");
    assertThat(packages.get(1).version()).isEqualTo("2.33.1-0.1");
    assertThat(packages.get(1).sourceName()).isNull();
  }

  @Test
  void deinstalledPackageIsSkipped() throws IOException {
    List<Package> packages = parseFixture("os/dpkg/status-with-deinstall");

    assertThat(packages).extracting(Package::name).containsExactly("linux-image-6.14.0-1012-aws");
    assertThat(packages.get(0).version()).isEqualTo("6.14.0-1012.12~24.04.1");
    assertThat(packages.get(0).sourceName()).isEqualTo("linux-signed-aws-6.14");
  }

  @Test
  void realUbuntuStatusListsEveryInstalledPackage() throws IOException {
    // grep -c '^Status: install ok installed' gives 90 of 91 paragraphs; one is deinstalled.
    List<Package> packages = parseFixture("os/dpkg/status-real-ubuntu");

    assertThat(packages).hasSize(90);
    assertThat(packages).extracting(Package::name).doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @CsvSource({
      "bash,      4.4.18-2ubuntu1,                 ,          ",
      "libc6,     2.27-3ubuntu1,                   glibc,     ",
      "liblzma5,  5.1.1alpha+20120614-2+b3,      xz-utils,  5.1.1alpha+20120614-2",
  })
  void realUbuntuStatusKeepsVersionAndSource(String name, String version, String sourceName, String sourceVersion)
      throws IOException {
    Package found =
        parseFixture("os/dpkg/status-real-ubuntu").stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();

    assertThat(found.version()).isEqualTo(version);
    assertThat(found.sourceName()).isEqualTo(sourceName);
    assertThat(found.sourceVersion()).isEqualTo(sourceVersion);
  }

  @Test
  void distrolessRecordNeedsNoStatusLine() throws IOException {
    Path record = TestData.file("os/dpkg/distroless/var/lib/dpkg/status.d/libsqlite3-0");
    List<Package> packages;
    try (InputStream in = Files.newInputStream(record)) {
      packages = parser.parseStatusD("var/lib/dpkg/status.d/libsqlite3-0", in, BOOKWORM);
    }

    assertThat(packages).hasSize(1);
    Package sqlite = packages.get(0);
    assertThat(sqlite.name()).isEqualTo("libsqlite3-0");
    assertThat(sqlite.version()).isEqualTo("3.34.1-3");
    assertThat(sqlite.sourceName()).isEqualTo("sqlite3");
    assertThat(sqlite.architecture()).isEqualTo("arm64");
    assertThat(sqlite.dependencies()).containsExactly("libc6");
    assertThat(sqlite.evidencePath()).isEqualTo("var/lib/dpkg/status.d/libsqlite3-0");
  }

  @Test
  void distrolessFolderHoldsOneRecordBesidesChecksums() throws IOException {
    Path folder = TestData.file("os/dpkg/distroless/var/lib/dpkg/status.d");
    List<String> records;
    try (var files = Files.list(folder)) {
      records =
          files.map(file -> "var/lib/dpkg/status.d/" + file.getFileName())
              .filter(DpkgStatusParser::isStatusDRecord)
              .toList();
    }

    assertThat(records).containsExactly("var/lib/dpkg/status.d/libsqlite3-0");
  }

  @ParameterizedTest
  @CsvSource({
      "var/lib/dpkg/status.d/libc6,          true",
      "var/lib/dpkg/status.d/libc6.md5sums,  false",
      "var/lib/dpkg/status.d/,               false",
      "var/lib/dpkg/status.d/sub/libc6,      false",
      "var/lib/dpkg/status,                  false",
  })
  void statusDRecordPathIsRecognized(String path, boolean expected) {
    assertThat(DpkgStatusParser.isStatusDRecord(path)).isEqualTo(expected);
  }

  @Test
  void sourceWithVersionIsSplit() throws IOException {
    String text = "Package: libc6\nStatus: install ok installed\nSource: glibc (2.36-9)\nVersion: 2.36-9+deb12u7\n";

    Package libc = parseText(text).get(0);

    assertThat(libc.sourceName()).isEqualTo("glibc");
    assertThat(libc.sourceVersion()).isEqualTo("2.36-9");
  }

  @Test
  void fieldNamesAreCaseInsensitive() throws IOException {
    String text = "package: zlib1g\nstatus: install ok installed\nversion: 1:1.2.13\n";

    assertThat(parseText(text)).extracting(Package::name).containsExactly("zlib1g");
  }

  @ParameterizedTest
  @CsvSource({
      "install ok installed,          true",
      "hold ok installed,             true",
      "deinstall ok config-files,     false",
      "purge ok not-installed,        false",
      "install reinstreq half-installed, false",
      "install ok unpacked,           false",
  })
  void onlyInstalledStateCounts(String status, boolean listed) throws IOException {
    String text = "Package: a\nStatus: " + status + "\nVersion: 1\n";

    assertThat(parseText(text)).hasSize(listed ? 1 : 0);
  }

  @Test
  void truncatedLastParagraphIsSkipped() throws IOException {
    String text = "Package: a\nStatus: install ok installed\nVersion: 1\n\nPackage: b\nStatus: install ok installed\nVersi";

    assertThat(parseText(text)).extracting(Package::name).containsExactly("a");
  }

  @Test
  void installedParagraphWithoutVersionIsSkipped() throws IOException {
    String text = "Package: a\nStatus: install ok installed\nVersion: 1\n\nPackage: b\nStatus: install ok installed\n";

    assertThat(parseText(text)).extracting(Package::name).containsExactly("a");
  }

  @Test
  void truncatedOnlyParagraphFailsNamingFile() {
    String text = "Package: a\nStatus: install ok installed\nVersi";

    assertThatThrownBy(() -> parseText(text))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("var/lib/dpkg/status")
        .hasMessageContaining("line 3");
  }

  @Test
  void continuationBeforeFirstFieldIsMalformed() {
    String text = " continued\nPackage: a\nStatus: install ok installed\nVersion: 1\n";

    assertThatThrownBy(() -> parseText(text))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("line 1 continues a field");
  }

  @Test
  void oversizedInputIsRejected() {
    DpkgStatusParser small = new DpkgStatusParser(64);
    String text = "Package: a\nStatus: install ok installed\nVersion: 1\nDescription: " + "x".repeat(64) + "\n";

    assertThatThrownBy(() -> small.parseStatus("var/lib/dpkg/status", stream(text), BOOKWORM))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("var/lib/dpkg/status")
        .hasMessageContaining("limit of 64 bytes");
  }

  @Test
  void binaryGarbageIsRejected() {
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);

    assertThatThrownBy(() -> parser.parseStatus("var/lib/dpkg/status", new ByteArrayInputStream(garbage), BOOKWORM))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("var/lib/dpkg/status");
  }

  @Test
  void textGarbageWithoutFieldsIsRejected() {
    String text = "this is\nnot a dpkg\n\ndatabase at all\n";

    assertThatThrownBy(() -> parseText(text))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("no valid paragraph");
  }

  @Test
  void emptyFileHasNoPackages() throws IOException {
    assertThat(parseText("")).isEmpty();
  }

  private List<Package> parseFixture(String relative) throws IOException {
    try (InputStream in = Files.newInputStream(TestData.file(relative))) {
      return parser.parseStatus("var/lib/dpkg/status", in, BOOKWORM);
    }
  }

  private List<Package> parseText(String text) throws IOException {
    return parser.parseStatus("var/lib/dpkg/status", stream(text), BOOKWORM);
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
