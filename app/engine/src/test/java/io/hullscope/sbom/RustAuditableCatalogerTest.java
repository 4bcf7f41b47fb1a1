package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RustAuditableCatalogerTest {

  private static final String PATH = "usr/bin/myapp";

  /** A dependency tree as cargo-auditable records it: the root, two runtime crates and a build-time one. */
  private static final String AUDIT_JSON =
      "{\"packages\":["
          + "{\"name\":\"myapp\",\"version\":\"0.1.0\",\"source\":\"local\",\"dependencies\":[1,2,3],\"root\":true},"
          + "{\"name\":\"serde\",\"version\":\"1.0.193\",\"source\":\"crates.io\",\"dependencies\":[2,3]},"
          + "{\"name\":\"serde_derive\",\"version\":\"1.0.193\",\"source\":\"crates.io\",\"kind\":\"build\"},"
          + "{\"name\":\"itoa\",\"version\":\"1.0.9\",\"source\":\"crates.io\"}"
          + "]}";

  private final RustAuditableCataloger cataloger = new RustAuditableCataloger();

  @Test
  void sectionBeforeTableGivesRuntimeCrates() throws IOException {
    List<Package> packages = read(auditElf(ElfBuilder.elf64(), zlib(AUDIT_JSON)));

    assertThat(packages).extracting(Package::purl)
        .containsExactly("pkg:cargo/myapp@0.1.0", "pkg:cargo/serde@1.0.193", "pkg:cargo/itoa@1.0.9");
    assertThat(packages.get(0).dependencies()).containsExactly("serde", "itoa");
    assertThat(packages.get(1).dependencies()).containsExactly("itoa");
    assertThat(packages.get(2).dependencies()).isEmpty();
    assertThat(packages).allSatisfy(pkg -> {
      assertThat(pkg.type()).isEqualTo("cargo");
      assertThat(pkg.evidencePath()).isEqualTo(PATH);
    });
  }

  @ParameterizedTest
  @CsvSource({"true, LITTLE_ENDIAN, false", "true, BIG_ENDIAN, true", "false, LITTLE_ENDIAN, true",
      "false, BIG_ENDIAN, false"})
  void everyElfClassAndByteOrderIsRead(boolean is64, String orderName, boolean tableFirst) throws IOException {
    ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    ElfBuilder builder = new ElfBuilder(is64, order);
    if (tableFirst) {
      builder.tableFirst();
    }

    assertThat(read(auditElf(builder, zlib(AUDIT_JSON)))).extracting(Package::name)
        .containsExactly("myapp", "serde", "itoa");
  }

  @Test
  void farSectionCaughtBeforeTable() throws IOException {
    // A megabyte of symbols after the section pushes it out of the bytes kept before the table.
    byte[] binary = ElfBuilder.elf64()
        .section(".text", ElfBuilder.SHT_PROGBITS, ElfBuilder.SHF_ALLOC | ElfBuilder.SHF_EXECINSTR, noise(4096))
        .section(RustAuditableCataloger.SECTION, ElfBuilder.SHT_PROGBITS, 0, zlib(AUDIT_JSON))
        .section(".symtab", 2, 0, noise(1024 * 1024))
        .build();

    List<Package> packages = cataloger.read(PATH, new GoBinaryCatalogerTest.TrickleInputStream(binary));

    assertThat(packages).extracting(Package::name).containsExactly("myapp", "serde", "itoa");
  }

  @Test
  void unreadableNamesUseStreamAtSectionStart() throws IOException {
    byte[] binary = auditElf(ElfBuilder.elf64(), zlib(AUDIT_JSON));
    ByteBuffer.wrap(binary).order(ByteOrder.LITTLE_ENDIAN).putShort(62, (short) 0);

    assertThat(read(binary)).extracting(Package::name).containsExactly("myapp", "serde", "itoa");
  }

  @Test
  void gccBinaryWithObjcopySectionIsRead(@TempDir Path dir) throws Exception {
    assumeTrue(onPath("gcc") && onPath("objcopy"), "gcc or objcopy is missing");
    Path source = dir.resolve("hello.c");
    Files.writeString(source, "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n");
    Path plain = dir.resolve("hello");
    Path audited = dir.resolve("hello-audited");
    Path section = dir.resolve("dep-v0.bin");
    Files.write(section, zlib(AUDIT_JSON));
    run(dir, "gcc", "-O1", "-o", plain.toString(), source.toString());
    run(dir, "objcopy", "--add-section", RustAuditableCataloger.SECTION + "=" + section, plain.toString(),
        audited.toString());

    assertThat(read(Files.readAllBytes(plain))).isEmpty();
    assertThat(read(Files.readAllBytes(audited))).extracting(Package::purl)
        .containsExactly("pkg:cargo/myapp@0.1.0", "pkg:cargo/serde@1.0.193", "pkg:cargo/itoa@1.0.9");
  }

  @Test
  void rustcBinaryWithObjcopySectionIsRead(@TempDir Path dir) throws Exception {
    assumeTrue(onPath("rustc") && onPath("objcopy"), "rustc or objcopy is missing");
    Path source = dir.resolve("hello.rs");
    Files.writeString(source, "fn main() {\n    println!(\"hello\");\n}\n");
    Path plain = dir.resolve("hello");
    Path audited = dir.resolve("hello-audited");
    Path section = dir.resolve("dep-v0.bin");
    Files.write(section, zlib(AUDIT_JSON));
    run(dir, "rustc", "-O", "-o", plain.toString(), source.toString());
    run(dir, "objcopy", "--add-section", RustAuditableCataloger.SECTION + "=" + section, plain.toString(),
        audited.toString());

    assertThat(read(Files.readAllBytes(plain))).isEmpty();
    assertThat(read(Files.readAllBytes(audited))).extracting(Package::purl)
        .containsExactly("pkg:cargo/myapp@0.1.0", "pkg:cargo/serde@1.0.193", "pkg:cargo/itoa@1.0.9");
  }

  @Test
  void formatFieldFirstIsAccepted() throws IOException {
    String json = "{\"format\":1,\"packages\":[{\"name\":\"tool\",\"version\":\"2.0.0\",\"source\":\"crates.io\"}]}";

    assertThat(read(auditElf(ElfBuilder.elf64(), zlib(json)))).extracting(Package::purl)
        .containsExactly("pkg:cargo/tool@2.0.0");
  }

  @Test
  void elfWithoutSectionGivesNothing() throws IOException {
    byte[] binary = ElfBuilder.elf64().data(".data", zlib(AUDIT_JSON)).readOnly(".rodata", noise(5000)).build();

    assertThat(read(binary)).isEmpty();
  }

  @Test
  void nonElfContentGivesNothing() throws IOException {
    assertThat(read("#!/bin/sh\nexit 0\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(read(noise(100_000))).isEmpty();
    assertThat(read(new byte[0])).isEmpty();
  }

  @Test
  void truncatedHeaderFailsNamingFile() {
    byte[] binary = java.util.Arrays.copyOf(auditElf(ElfBuilder.elf64(), zlib(AUDIT_JSON)), 30);

    assertThatThrownBy(() -> read(binary))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageStartingWith(PATH + ":")
        .hasMessageContaining("truncated");
  }

  @Test
  void sectionOffsetOutsideFileFails() {
    ElfBuilder builder = ElfBuilder.elf64();
    byte[] binary = auditElf(builder, zlib(AUDIT_JSON));
    // Section 2 is .dep-v0 (0 is the null section, 1 is .text); sh_offset is at +24.
    ByteBuffer.wrap(binary).order(ByteOrder.LITTLE_ENDIAN).putLong((int) builder.sectionHeaderOffset(2) + 24, 1L << 40);

    assertThatThrownBy(() -> read(binary))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("outside the file");
  }

  @Test
  void sectionTableOutsideFileFails() {
    byte[] binary = auditElf(ElfBuilder.elf64(), zlib(AUDIT_JSON));
    ByteBuffer.wrap(binary).order(ByteOrder.LITTLE_ENDIAN).putLong(40, 1L << 40);

    assertThatThrownBy(() -> read(binary))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("section header table")
        .hasMessageContaining("past the end of the file");
  }

  @Test
  void sectionCountOfReservedRangeFails() {
    byte[] binary = auditElf(ElfBuilder.elf64(), zlib(AUDIT_JSON));
    ByteBuffer.wrap(binary).order(ByteOrder.LITTLE_ENDIAN).putShort(60, (short) 0xffff);

    assertThatThrownBy(() -> read(binary))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("invalid ELF section count 65535");
  }

  @Test
  void extendedSectionCountAboveLimitFails() {
    ElfBuilder builder = ElfBuilder.elf64();
    byte[] binary = auditElf(builder, zlib(AUDIT_JSON));
    ByteBuffer buffer = ByteBuffer.wrap(binary).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putShort(60, (short) 0);
    buffer.putLong((int) builder.sectionHeaderOffset(0) + 32, 1L << 32);

    assertThatThrownBy(() -> read(binary))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("larger than the limit");
  }

  @Test
  void zlibBombStopsAtLimit() {
    StringBuilder json = new StringBuilder("{\"packages\":[");
    json.append(" ".repeat(20 * 1024 * 1024)).append("]}");
    byte[] bomb = zlib(json.toString());
    assertThat(bomb.length).isLessThan(64 * 1024);

    assertThatThrownBy(() -> read(auditElf(ElfBuilder.elf64(), bomb)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("inflates to more than the limit of " + RustAuditableCataloger.DEFAULT_MAX_JSON_BYTES);
  }

  @Test
  void bombInSectionReadDirectlyStopsAtLimit() {
    // With the table first, the section is read when the stream reaches it, not by the scanner.
    String json = "{\"pack" + " ".repeat(2 * 1024 * 1024) + "}";
    RustAuditableCataloger small = new RustAuditableCataloger(RustAuditableCataloger.DEFAULT_MAX_SCAN_BYTES, 1024 * 1024);

    assertThatThrownBy(() -> small.read(PATH, new ByteArrayInputStream(auditElf(ElfBuilder.elf64().tableFirst(), zlib(json)))))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("inflates to more than the limit of " + 1024 * 1024);
  }

  @Test
  void truncatedJsonFails() {
    String json = "{\"packages\":[{\"name\":\"myapp\",\"vers";

    assertThatThrownBy(() -> read(auditElf(ElfBuilder.elf64(), zlib(json))))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("invalid cargo-auditable JSON");
  }

  @Test
  void deeplyNestedJsonFails() {
    String json = "{\"packages\":[" + "[".repeat(200_000) + "]".repeat(200_000) + "]}";

    assertThatThrownBy(() -> read(auditElf(ElfBuilder.elf64(), zlib(json))))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("invalid cargo-auditable JSON");
  }

  @Test
  void garbageSectionFails() {
    assertThatThrownBy(() -> read(auditElf(ElfBuilder.elf64(), noise(3000))))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("does not hold zlib-compressed cargo-auditable JSON");
  }

  @Test
  void garbageSectionFarBeforeTableFails() {
    byte[] binary = ElfBuilder.elf64()
        .section(RustAuditableCataloger.SECTION, ElfBuilder.SHT_PROGBITS, 0, noise(3000))
        .section(".symtab", 2, 0, noise(1024 * 1024))
        .build();

    assertThatThrownBy(() -> read(binary))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("does not hold zlib-compressed cargo-auditable JSON");
  }

  @Test
  void garbageSectionAfterTableFails() {
    assertThatThrownBy(() -> read(auditElf(ElfBuilder.elf64().tableFirst(), noise(3000))))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("does not hold zlib-compressed cargo-auditable JSON");
  }

  @Test
  void packagesOfWrongTypeFail() {
    String json = "{\"packages\":{\"name\":\"myapp\"}}";

    assertThatThrownBy(() -> read(auditElf(ElfBuilder.elf64().tableFirst(), zlib(json))))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("no \"packages\" array");
  }

  @Test
  void badEntriesAndIndexesSkipped() throws IOException {
    String json = "{\"packages\":["
        + "{\"name\":\"app\",\"version\":\"1.0.0\",\"dependencies\":[1,2,99,-1,\"x\",1.5,3]},"
        + "{\"name\":7,\"version\":\"1.0.0\"},"
        + "[\"not\",\"an\",\"object\"],"
        + "{\"name\":\"log\",\"version\":\"0.4.20\"}"
        + "]}";

    List<Package> packages = read(auditElf(ElfBuilder.elf64(), zlib(json)));

    assertThat(packages).extracting(Package::name).containsExactly("app", "log");
    assertThat(packages.get(0).dependencies()).containsExactly("log");
  }

  @Test
  void sectionTablePastScanLimitFailsNamingLimit() {
    byte[] binary = ElfBuilder.elf64()
        .section(RustAuditableCataloger.SECTION, ElfBuilder.SHT_PROGBITS, 0, zlib(AUDIT_JSON))
        .section(".symtab", 2, 0, noise(300_000))
        .build();
    RustAuditableCataloger limited = new RustAuditableCataloger(100_000, 1024 * 1024);

    assertThatThrownBy(() -> limited.read(PATH, new ByteArrayInputStream(binary)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("scan limit of 100000");
  }

  @Test
  void systemBinaryWithoutSectionGivesNothing() throws IOException {
    Path ls = Path.of("/bin/ls");
    assumeTrue(Files.isRegularFile(ls), "/bin/ls is missing");

    assertThat(read(Files.readAllBytes(ls))).isEmpty();
  }

  /** Returns an ELF with code, the audit section (not loaded, as cargo-auditable adds it) and data. */
  private static byte[] auditElf(ElfBuilder builder, byte[] section) {
    return builder
        .section(".text", ElfBuilder.SHT_PROGBITS, ElfBuilder.SHF_ALLOC | ElfBuilder.SHF_EXECINSTR, noise(2000))
        .section(RustAuditableCataloger.SECTION, ElfBuilder.SHT_PROGBITS, 0, section)
        .data(".data", new byte[128])
        .build();
  }

  static byte[] zlib(String text) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  private static byte[] noise(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private List<Package> read(byte[] binary) throws IOException {
    return cataloger.read(PATH, new ByteArrayInputStream(binary));
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static void run(Path dir, String... command) throws Exception {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
    assertThat(process.exitValue()).as("%s exit status, output: %s", command[0], output).isZero();
  }
}
