package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ApkInstalledParserTest {

  private static final Distro ALPINE = new Distro("alpine", "3.19.1", null, "Alpine Linux v3.19");

  private final ApkInstalledParser parser = new ApkInstalledParser();

  @Test
  void multipleDatabaseListsEveryPackage() throws IOException {
    // grep -c '^P:' gives 14, and each of those paragraphs has a V: line.
    List<Package> packages = parseFixture("os/apk/installed-multiple");

    assertThat(packages).hasSize(14);
    Package musl = find(packages, "musl");
    assertThat(musl.version()).isEqualTo("1.2.3-r0");
    assertThat(musl.architecture()).isEqualTo("x86_64");
    assertThat(musl.licenses()).containsExactly("MIT");
    assertThat(musl.sourceName()).isEqualTo("musl");
    assertThat(musl.type()).isEqualTo("apk");
    assertThat(musl.evidencePath()).isEqualTo("lib/apk/db/installed");
    assertThat(musl.purl()).isEqualTo("pkg:apk/alpine/musl@1.2.3-r0?arch=x86_64&distro=alpine-3.19.1");
  }

  @Test
  void licenseExpressionIsKeptWhole() throws IOException {
    List<Package> packages = parseFixture("os/apk/installed-multiple");

    assertThat(find(packages, "musl-utils").licenses()).containsExactly("MIT BSD GPL2+");
    assertThat(find(packages, "libc-utils").licenses()).containsExactly("BSD-2-Clause AND BSD-3-Clause");
  }

  @Test
  void originNamesSourcePackage() throws IOException {
    Package data = find(parseFixture("os/apk/installed-multiple"), "alpine-baselayout-data");

    assertThat(data.sourceName()).isEqualTo("alpine-baselayout");
    assertThat(data.sourceVersion()).isNull();
  }

  @Test
  void trivyDatabaseSkipsPackageWithoutVersion() throws IOException {
    // 16 P: lines, 15 V: lines: "invalidPackageWithoutAVersion" is alone in its paragraph.
    List<Package> packages = parseFixture("os/apk/installed-trivy");

    assertThat(packages).hasSize(15);
    assertThat(packages).extracting(Package::name).doesNotContain("invalidPackageWithoutAVersion");
    assertThat(find(packages, "busybox").version()).isEqualTo("1.24.2-r9");
    assertThat(find(packages, "busybox").dependencies()).containsExactly("so:libc.musl-x86_64.so.1");
    assertThat(find(packages, "alpine-baselayout").dependencies())
        .containsExactly("busybox", "so:libc.musl-x86_64.so.1");
  }

  @Test
  void fileAttributeLinesAreIgnored() throws IOException {
    List<Package> packages = parseFixture("os/apk/installed-extra-file-attributes");

    assertThat(packages).hasSize(1);
    Package jre = packages.get(0);
    assertThat(jre.name()).isEqualTo("openjdk8-jre");
    assertThat(jre.version()).isEqualTo("8.212.04-r0");
    assertThat(jre.licenses()).containsExactly("custom");
    assertThat(jre.sourceName()).isEqualTo("openjdk8");
    assertThat(jre.dependencies()).hasSize(20).startsWith("java-cacerts", "nss").contains("so:openjdk8:libjvm.so");
  }

  @Test
  void dependencyConstraintsAndConflictsAreDropped() {
    assertThat(ApkInstalledParser.dependencyNames("musl>=1.2 zlib=1.3-r0 !busybox-extras so:libz.so.1 ca~20240"))
        .containsExactly("musl", "zlib", "so:libz.so.1", "ca");
  }

  @Test
  void truncatedLastParagraphIsSkipped() throws IOException {
    String text = "P:musl\nV:1.2.4-r2\nA:x86_64\n\nP:zlib\nV";

    assertThat(parseText(text)).extracting(Package::name).containsExactly("musl");
  }

  @Test
  void truncatedOnlyParagraphFailsNamingFile() {
    assertThatThrownBy(() -> parseText("P:musl\nV"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("lib/apk/db/installed")
        .hasMessageContaining("line 2");
  }

  @Test
  void oversizedInputIsRejected() {
    ApkInstalledParser small = new ApkInstalledParser(16);

    assertThatThrownBy(() -> small.parse("lib/apk/db/installed", stream("P:musl\nV:1.2.4-r2\nA:x86_64\n"), ALPINE))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("lib/apk/db/installed")
        .hasMessageContaining("limit of 16 bytes");
  }

  @Test
  void binaryGarbageIsRejected() {
    byte[] garbage = new byte[4096];
    new Random(7).nextBytes(garbage);

    assertThatThrownBy(() -> parser.parse("lib/apk/db/installed", new ByteArrayInputStream(garbage), ALPINE))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("lib/apk/db/installed");
  }

  @Test
  void emptyFileHasNoPackages() throws IOException {
    assertThat(parseText("")).isEmpty();
  }

  private static Package find(List<Package> packages, String name) {
    return packages.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  private List<Package> parseFixture(String relative) throws IOException {
    try (InputStream in = Files.newInputStream(TestData.file(relative))) {
      return parser.parse("lib/apk/db/installed", in, ALPINE);
    }
  }

  private List<Package> parseText(String text) throws IOException {
    return parser.parse("lib/apk/db/installed", stream(text), ALPINE);
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
