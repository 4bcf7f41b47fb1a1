package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.hullscope.index.EntryType;
import io.hullscope.index.FileEntry;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.TarBuilder;
import io.hullscope.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryCatalogerTest {

  private static final String PATH = "usr/bin/tool";
  private static final String AUDIT_JSON =
      "{\"packages\":[{\"name\":\"tool\",\"version\":\"0.3.1\",\"source\":\"local\",\"dependencies\":[1],\"root\":true},"
          + "{\"name\":\"memchr\",\"version\":\"2.7.1\",\"source\":\"crates.io\"}]}";

  private final BinaryCataloger cataloger = new BinaryCataloger();

  @Test
  void goFixtureGivesGoModules() throws IOException {
    byte[] binary = Files.readAllBytes(TestData.file("lang/go/app-linux-amd64"));

    assertThat(read(binary)).extracting(Package::purl)
        .containsExactly("pkg:golang/example.com/app", "pkg:golang/example.com/lib", "pkg:golang/stdlib@1.19.8");
  }

  @Test
  void auditedRustBinaryGivesCrates() throws IOException {
    assertThat(read(rustElf(RustAuditableCatalogerTest.zlib(AUDIT_JSON), 1024 * 1024))).extracting(Package::purl)
        .containsExactly("pkg:cargo/tool@0.3.1", "pkg:cargo/memchr@2.7.1");
  }

  @Test
  void trickledStreamGivesSameCrates() throws IOException {
    byte[] binary = rustElf(RustAuditableCatalogerTest.zlib(AUDIT_JSON), 300_000);

    List<Package> packages = cataloger.read(PATH, new GoBinaryCatalogerTest.TrickleInputStream(binary));

    assertThat(packages).extracting(Package::name).containsExactly("tool", "memchr");
  }

  @Test
  void goPackagesKeptWhenRustReaderFails() throws IOException {
    byte[] info = GoBuildInfoFixtures.inline("go1.22.1", new byte[0]);
    byte[] garbage = new byte[4000];
    new Random(3).nextBytes(garbage);
    byte[] binary = ElfBuilder.elf64()
        .data(".go.buildinfo", info)
        .section(RustAuditableCataloger.SECTION, ElfBuilder.SHT_PROGBITS, 0, garbage)
        .build();

    assertThat(new RustAuditableCataloger().wants(executable())).isTrue();
    assertThatThrownBy(() -> new RustAuditableCataloger().read(PATH, new ByteArrayInputStream(binary)))
        .isInstanceOf(PackageDatabaseException.class);
    assertThat(read(binary)).extracting(Package::purl).containsExactly("pkg:golang/stdlib@1.22.1");
  }

  @Test
  void imageSbomListsBinaryPackages(@TempDir Path temp) throws IOException {
    byte[] goBinary = Files.readAllBytes(TestData.file("lang/go/app-linux-amd64"));
    byte[] rustBinary = rustElf(RustAuditableCatalogerTest.zlib(AUDIT_JSON), 200_000);
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder().file("usr/local/bin/app", goBinary, 0755).build())
        .layer(new TarBuilder().file("usr/bin/tool", rustBinary, 0755).file("usr/share/tool.dat", rustBinary, 0644).build())
        .reference("binaries:1");

    ImageSbom sbom = TestSboms.of(temp, image, Catalogers.defaults());

    assertThat(sbom.warnings()).isEmpty();
    assertThat(sbom.packages())
        .extracting(pkg -> pkg.pkg().purl(), ImagePackage::addedLayer, pkg -> pkg.pkg().evidencePath())
        .containsExactlyInAnyOrder(
            tuple("pkg:golang/example.com/app", 0, "usr/local/bin/app"),
            tuple("pkg:golang/example.com/lib", 0, "usr/local/bin/app"),
            tuple("pkg:golang/stdlib@1.19.8", 0, "usr/local/bin/app"),
            tuple("pkg:cargo/tool@0.3.1", 1, "usr/bin/tool"),
            tuple("pkg:cargo/memchr@2.7.1", 1, "usr/bin/tool"));
  }

  @Test
  void bothReadersFailingThrowsFirstFailure() {
    byte[] binary = Arrays.copyOf(ElfBuilder.elf64().data(".data", new byte[16]).build(), 40);

    assertThatThrownBy(() -> read(binary))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageStartingWith(PATH + ":")
        .hasMessageContaining("truncated");
  }

  @Test
  void sourceFailureStopsBothReaders() throws InterruptedException {
    byte[] binary = rustElf(RustAuditableCatalogerTest.zlib(AUDIT_JSON), 1024 * 1024);
    InputStream failing = new FilterInputStream(new ByteArrayInputStream(binary)) {
      private int reads;

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (++reads > 3) {
          throw new IOException("layer stream broke");
        }
        return super.read(buffer, offset, length);
      }
    };

    assertThatThrownBy(() -> cataloger.read(PATH, failing)).hasMessageContaining("layer stream broke");
    Thread.sleep(200);
    assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
        .doesNotContain("hullscope-binary-reader");
  }

  @Test
  void nonExecutableContentGivesNothing() throws IOException {
    byte[] random = new byte[3 * 1024 * 1024];
    new Random(11).nextBytes(random);

    assertThat(read(random)).isEmpty();
    assertThat(read("#!/bin/sh\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(read(new byte[0])).isEmpty();
  }

  @Test
  void defaultsHaveOneBinaryCataloger() {
    List<Cataloger> binaryCatalogers = Catalogers.defaults().stream()
        .filter(candidate -> candidate.wants(executable()))
        .toList();

    assertThat(binaryCatalogers).hasSize(1);
    assertThat(binaryCatalogers.get(0)).isInstanceOf(BinaryCataloger.class);
  }

  private static FileEntry executable() {
    return new FileEntry("usr/bin/tool", EntryType.FILE, 4096, 0755, 0, 0, null, 0);
  }

  /** Returns a Rust-like ELF: code, the audit section, then symbols of {@code symbolBytes}, then the table. */
  private static byte[] rustElf(byte[] section, int symbolBytes) {
    byte[] symbols = new byte[symbolBytes];
    new Random(symbolBytes).nextBytes(symbols);
    return ElfBuilder.elf64()
        .section(".text", ElfBuilder.SHT_PROGBITS, ElfBuilder.SHF_ALLOC | ElfBuilder.SHF_EXECINSTR, new byte[5000])
        .data(".data", new byte[300])
        .section(RustAuditableCataloger.SECTION, ElfBuilder.SHT_PROGBITS, 0, section)
        .section(".symtab", 2, 0, symbols)
        .build();
  }

  private List<Package> read(byte[] binary) throws IOException {
    return cataloger.read(PATH, new ByteArrayInputStream(binary));
  }
}
