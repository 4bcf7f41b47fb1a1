package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.index.EntryType;
import io.hullscope.index.FileEntry;
import io.hullscope.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoBinaryCatalogerTest {

  private static final String PATH = "usr/local/bin/app";

  private final GoBinaryCataloger cataloger = new GoBinaryCataloger();

  @Test
  void fixtureListsEveryModuleOfGoVersionOutput() throws IOException {
    Path binary = TestData.file("lang/go/app-linux-amd64");
    List<String> expected = Files.readAllLines(TestData.file("lang/go/app-linux-amd64.go-version-m.txt"));
    Map<String, Package> packages = byName(read(Files.readAllBytes(binary)));

    String goVersion = expected.get(0).substring(expected.get(0).indexOf(": ") + 2);
    assertThat(packages.get("stdlib").version()).isEqualTo(goVersion.substring(2));
    int checked = 0;
    for (int i = 1; i < expected.size(); i++) {
      String[] fields = expected.get(i).strip().split("\t");
      if (!fields[0].equals("mod") && !fields[0].equals("dep")) {
        continue;
      }
      Package pkg = packages.get(fields[1]);
      assertThat(pkg).as("module %s", fields[1]).isNotNull();
      String[] next = i + 1 < expected.size() ? expected.get(i + 1).strip().split("\t") : new String[] {""};
      if (next[0].equals("=>")) {
        assertThat(pkg.version()).as("version of replaced %s", fields[1]).isEqualTo(next[2]);
        assertThat(pkg.sourceName()).as("replacement of %s", fields[1]).isEqualTo(next[1]);
      } else {
        assertThat(pkg.version()).as("version of %s", fields[1]).isEqualTo(fields[2]);
      }
      checked++;
    }
    assertThat(checked).isEqualTo(2);
    assertThat(packages).hasSize(checked + 1);
  }

  @Test
  void fixturePurlsLeaveOutDevelVersions() throws IOException {
    List<Package> packages = read(Files.readAllBytes(TestData.file("lang/go/app-linux-amd64")));

    assertThat(packages).extracting(Package::purl)
        .containsExactly("pkg:golang/example.com/app", "pkg:golang/example.com/lib", "pkg:golang/stdlib@1.19.8");
    assertThat(packages.get(0).dependencies()).containsExactly("example.com/lib", "stdlib");
    assertThat(packages).allSatisfy(pkg -> {
      assertThat(pkg.type()).isEqualTo("golang");
      assertThat(pkg.architecture()).isEqualTo("amd64");
      assertThat(pkg.evidencePath()).isEqualTo(PATH);
    });
  }

  @Test
  void fixtureReadInTinyPiecesGivesSamePackages() throws IOException {
    byte[] binary = Files.readAllBytes(TestData.file("lang/go/app-linux-amd64"));

    List<Package> packages = cataloger.read(PATH, new TrickleInputStream(binary));

    assertThat(packages).isEqualTo(read(binary));
  }

  @Test
  void inlineLayoutGivesModulesReplacementsAndStdlib() throws IOException {
    byte[] info = GoBuildInfoFixtures.inline("go1.21.3 X:boringcrypto",
        GoBuildInfoFixtures.withSentinels(GoBuildInfoFixtures.MODULE_TEXT));
    byte[] binary = goElf(info);

    List<Package> packages = read(binary);

    assertThat(packages).extracting(Package::purl).containsExactly(
        "pkg:golang/example.org/tool@v1.4.0",
        "pkg:golang/github.com/pkg/errors@v0.9.1",
        "pkg:golang/golang.org/x/net@v0.17.1-fork",
        "pkg:golang/stdlib@1.21.3");
    Package net = packages.get(2);
    assertThat(net.name()).isEqualTo("golang.org/x/net");
    assertThat(net.version()).isEqualTo("v0.17.1-fork");
    assertThat(net.sourceName()).isEqualTo("github.com/fork/net");
    assertThat(packages.get(0).dependencies())
        .containsExactly("github.com/pkg/errors", "golang.org/x/net", "stdlib");
    assertThat(packages).extracting(Package::architecture).containsOnly("arm64");
  }

  @Test
  void binaryWithoutModuleTextListsStdlibOnly() throws IOException {
    byte[] binary = goElf(GoBuildInfoFixtures.inline("go1.22.0", new byte[0]));

    List<Package> packages = read(binary);

    assertThat(packages).extracting(Package::purl).containsExactly("pkg:golang/stdlib@1.22.0");
    assertThat(packages.get(0).architecture()).isNull();
  }

  @Test
  void develVersionLeftOutOfPurl() throws IOException {
    byte[] binary = goElf(GoBuildInfoFixtures.inline("devel go1.23-abc123 Tue Jan 2 15:04:05 2024 +0000", new byte[0]));

    Package stdlib = read(binary).get(0);

    assertThat(stdlib.version()).isEqualTo("devel go1.23-abc123 Tue Jan 2 15:04:05 2024 +0000");
    assertThat(stdlib.purl()).isEqualTo("pkg:golang/stdlib");
  }

  @ParameterizedTest
  @CsvSource({"true, LITTLE_ENDIAN, 8", "false, BIG_ENDIAN, 4", "false, LITTLE_ENDIAN, 4", "true, BIG_ENDIAN, 8"})
  void pointerLayoutOfOldToolchainsIsFollowed(boolean is64, String orderName, int pointerSize) throws IOException {
    ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    byte[] binary = oldLayoutElf(new ElfBuilder(is64, order), pointerSize, order, 0);

    List<Package> packages = read(binary);

    assertThat(packages).extracting(Package::purl).containsExactly(
        "pkg:golang/example.org/tool@v1.4.0",
        "pkg:golang/github.com/pkg/errors@v0.9.1",
        "pkg:golang/golang.org/x/net@v0.17.1-fork",
        "pkg:golang/stdlib@1.16.15");
  }

  @Test
  void pointerLayoutFindsStringsPassedLongBefore() throws IOException {
    // Half a megabyte of code between the strings and the header pushes them out of the window.
    byte[] binary = oldLayoutElf(ElfBuilder.elf64(), 8, ByteOrder.LITTLE_ENDIAN, 512 * 1024);

    assertThat(cataloger.read(PATH, new TrickleInputStream(binary))).extracting(Package::name)
        .containsExactly("example.org/tool", "github.com/pkg/errors", "golang.org/x/net", "stdlib");
  }

  @Test
  void pointerToUnmappedAddressFailsNamingFile() {
    byte[] header = GoBuildInfoFixtures.pointerHeader(8, ByteOrder.LITTLE_ENDIAN, 0x7000_0000L, 0x7000_0010L);
    byte[] binary = goElf(header);

    assertThatThrownBy(() -> read(binary))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining(PATH)
        .hasMessageContaining("not in any segment");
  }

  @Test
  void unrelocatedPointerFailsNamingCause() {
    byte[] binary = goElf(GoBuildInfoFixtures.pointerHeader(8, ByteOrder.LITTLE_ENDIAN, 0, 0));

    assertThatThrownBy(() -> read(binary))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("position-independent");
  }

  @Test
  void machO64BinaryIsRead() throws IOException {
    byte[] info = GoBuildInfoFixtures.inline("go1.20.5", GoBuildInfoFixtures.withSentinels(GoBuildInfoFixtures.MODULE_TEXT));

    assertThat(read(machO64(info))).extracting(Package::name).contains("example.org/tool", "stdlib");
  }

  @Test
  void peBinaryIsRead() throws IOException {
    byte[] info = GoBuildInfoFixtures.inline("go1.20.5", GoBuildInfoFixtures.withSentinels(GoBuildInfoFixtures.MODULE_TEXT));

    assertThat(read(pe64(info))).extracting(Package::name).contains("example.org/tool", "stdlib");
  }

  @Test
  void magicInReadOnlyDataIsIgnored() throws IOException {
    // Go's own debug/buildinfo package contains the magic as a literal outside the writable data.
    byte[] info = GoBuildInfoFixtures.inline("go1.21.0", new byte[0]);
    byte[] binary = ElfBuilder.elf64().readOnly(".rodata", info).data(".data", new byte[64]).build();

    assertThat(read(binary)).isEmpty();
  }

  @Test
  void invalidHeaderIsSkippedForLaterOne() throws IOException {
    byte[] bogus = GoBuildInfoFixtures.header(3, 0);
    byte[] real = GoBuildInfoFixtures.inline("go1.21.0", new byte[0]);
    byte[] data = new byte[64 + real.length];
    System.arraycopy(bogus, 0, data, 0, bogus.length);
    System.arraycopy(real, 0, data, 64, real.length);

    assertThat(read(goElf(data))).extracting(Package::purl).containsExactly("pkg:golang/stdlib@1.21.0");
  }

  @Test
  void headerWithLongNonGoVersionIsSkipped() throws IOException {
    // The first header's 200,000-byte version moves the reader's window past the header itself.
    byte[] bogus = GoBuildInfoFixtures.inline("x".repeat(200_000), new byte[0]);
    byte[] real = GoBuildInfoFixtures.inline("go1.21.0", new byte[0]);
    int realAt = (bogus.length + 15) & ~15;
    byte[] data = new byte[realAt + real.length];
    System.arraycopy(bogus, 0, data, 0, bogus.length);
    System.arraycopy(real, 0, data, realAt, real.length);

    assertThat(read(goElf(data))).extracting(Package::purl).containsExactly("pkg:golang/stdlib@1.21.0");
  }

  @Test
  void elfWithoutBuildInfoGivesNothing() throws IOException {
    byte[] binary = ElfBuilder.elf64().readOnly(".text", new byte[4096]).data(".data", new byte[4096]).build();

    assertThat(read(binary)).isEmpty();
  }

  @Test
  void systemBinaryWithoutBuildInfoGivesNothing() throws IOException {
    Path ls = Path.of("/bin/ls");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(ls), "/bin/ls is missing");

    assertThat(read(Files.readAllBytes(ls))).isEmpty();
  }

  @Test
  void nonExecutableContentGivesNothing() throws IOException {
    byte[] random = new byte[200_000];
    new Random(7).nextBytes(random);

    assertThat(read("#!/bin/sh\necho hello\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(read(random)).isEmpty();
    assertThat(read(new byte[0])).isEmpty();
  }

  @Test
  void truncatedElfHeaderFailsNamingFile() {
    byte[] binary = Arrays.copyOf(ElfBuilder.elf64().data(".data", new byte[16]).build(), 40);

    assertThatThrownBy(() -> read(binary))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining(PATH)
        .hasMessageContaining("truncated");
  }

  @Test
  void programHeadersPastHeaderBytesFail() {
    byte[] binary = ElfBuilder.elf64().data(".data", new byte[16]).build();
    ByteBuffer.wrap(binary).order(ByteOrder.LITTLE_ENDIAN).putLong(32, 1L << 40);

    assertThatThrownBy(() -> read(binary))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("program headers");
  }

  @Test
  void segmentOutsideFileGivesNothing() throws IOException {
    ElfBuilder builder = ElfBuilder.elf64().data(".data", new byte[64]);
    byte[] binary = builder.build();
    // The first program header's p_offset points far past the end of the file.
    ByteBuffer.wrap(binary).order(ByteOrder.LITTLE_ENDIAN).putLong(64 + 8, 1L << 50);

    assertThat(read(binary)).isEmpty();
  }

  @Test
  void lengthPastEndOfFileFails() {
    byte[] info = GoBuildInfoFixtures.inline("go1.21.0", new byte[100]);
    byte[] truncated = Arrays.copyOf(info, info.length - 50);
    byte[] binary = goElfLastSection(truncated);

    assertThatThrownBy(() -> read(binary))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining(PATH)
        .hasMessageContaining("past the end of the file");
  }

  @Test
  void hugeVarintLengthFails() {
    byte[] header = GoBuildInfoFixtures.header(8, GoBuildInfoReader.FLAG_INLINE_STRINGS);
    byte[] data = new byte[header.length + 16];
    System.arraycopy(header, 0, data, 0, header.length);
    Arrays.fill(data, header.length, header.length + 11, (byte) 0xff);

    assertThatThrownBy(() -> read(goElf(data)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("invalid varint length");
  }

  @Test
  void lengthAboveLimitFails() {
    byte[] header = GoBuildInfoFixtures.header(8, GoBuildInfoReader.FLAG_INLINE_STRINGS);
    byte[] length = GoBuildInfoFixtures.varint(1L << 40);
    byte[] data = new byte[header.length + 32];
    System.arraycopy(header, 0, data, 0, header.length);
    System.arraycopy(length, 0, data, header.length, length.length);

    assertThatThrownBy(() -> read(goElf(data)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("more than the limit of " + GoBinaryCataloger.DEFAULT_MAX_MODULE_INFO_BYTES);
  }

  @Test
  void buildInfoPastScanLimitFailsNamingLimit() {
    byte[] info = GoBuildInfoFixtures.inline("go1.21.0", new byte[0]);
    byte[] binary = ElfBuilder.elf64().readOnly(".text", new byte[300_000]).data(".go.buildinfo", info).build();
    GoBinaryCataloger limited = new GoBinaryCataloger(GoBinaryCataloger.HEADER_BYTES * 2, 1024);

    assertThatThrownBy(() -> limited.read(PATH, new ByteArrayInputStream(binary)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("byte limit");
  }

  @Test
  void randomCorruptionNeverEscapesAsOtherException() throws IOException {
    byte[] original = Files.readAllBytes(TestData.file("lang/go/app-linux-amd64"));
    Random random = new Random(42);
    for (int round = 0; round < 40; round++) {
      byte[] corrupted = original.clone();
      int start = round < 20 ? random.nextInt(4096) : 0x110000 + random.nextInt(0x120);
      for (int i = 0; i < 8; i++) {
        corrupted[start + random.nextInt(64)] = (byte) random.nextInt(256);
      }
      try {
        read(corrupted);
      } catch (PackageDatabaseException expected) {
        assertThat(expected.getMessage()).startsWith(PATH + ":");
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "FILE, 0755, 4096, true",
    "FILE, 0100, 4096, true",
    "FILE, 0644, 4096, false",
    "FILE, 0755, 10, false",
    "SYMLINK, 0777, 4096, false",
    "DIRECTORY, 0755, 4096, false"
  })
  void wantsExecutableRegularFiles(EntryType type, String mode, long size, boolean wanted) {
    FileEntry entry = new FileEntry("usr/bin/tool", type, size, Integer.parseInt(mode, 8), 0, 0, null, 0);

    assertThat(cataloger.wants(entry)).isEqualTo(wanted);
  }

  /** Returns an ELF with code, then the build information in {@code .go.buildinfo}, then more data. */
  private static byte[] goElf(byte[] buildInfo) {
    return ElfBuilder.elf64()
        .section(".text", ElfBuilder.SHT_PROGBITS, ElfBuilder.SHF_ALLOC | ElfBuilder.SHF_EXECINSTR, new byte[1000])
        .data(".go.buildinfo", buildInfo)
        .data(".noptrdata", new byte[256])
        .build();
  }

  /** Returns an ELF whose file ends with the build information: the section table comes first. */
  private static byte[] goElfLastSection(byte[] buildInfo) {
    byte[] binary = ElfBuilder.elf64().tableFirst().data(".go.buildinfo", buildInfo).build();
    // Cut the section names that follow, so the build information's end is the file's end.
    ElfBuilder builder = ElfBuilder.elf64().tableFirst().data(".go.buildinfo", buildInfo);
    return Arrays.copyOf(binary, (int) (builder.offset(".go.buildinfo") + buildInfo.length));
  }

  /**
   * Returns an ELF in the pre-1.18 layout: strings in {@code .rodata}, the header in {@code
   * .go.buildinfo}, the string headers in {@code .data} after it.
   */
  private static byte[] oldLayoutElf(ElfBuilder builder, int pointerSize, ByteOrder order, int codeSize) {
    byte[] version = "go1.16.15".getBytes(StandardCharsets.US_ASCII);
    byte[] module = GoBuildInfoFixtures.withSentinels(GoBuildInfoFixtures.MODULE_TEXT);
    byte[] rodata = new byte[32 + version.length + 7 + module.length];
    System.arraycopy(version, 0, rodata, 32, version.length);
    int moduleAt = 32 + version.length + 7;
    System.arraycopy(module, 0, rodata, moduleAt, module.length);
    byte[] header = new byte[GoBuildInfoReader.HEADER_SIZE];
    byte[] data = new byte[64];
    builder.readOnly(".rodata", rodata)
        .section(".text", ElfBuilder.SHT_PROGBITS, ElfBuilder.SHF_ALLOC | ElfBuilder.SHF_EXECINSTR, new byte[codeSize])
        .data(".go.buildinfo", header)
        .data(".data", data);
    long rodataAddress = builder.address(".rodata");
    long dataAddress = builder.address(".data");
    GoBuildInfoFixtures.putStringHeader(data, 0, pointerSize, order, rodataAddress + 32, version.length);
    GoBuildInfoFixtures.putStringHeader(data, 16, pointerSize, order, rodataAddress + moduleAt, module.length);
    byte[] pointers = GoBuildInfoFixtures.pointerHeader(pointerSize, order, dataAddress, dataAddress + 16);
    System.arraycopy(pointers, 0, header, 0, pointers.length);
    return builder.build();
  }

  /** Returns a minimal 64-bit little-endian Mach-O file with one writable __DATA segment. */
  private static byte[] machO64(byte[] data) {
    int commandSize = 72;
    int dataOffset = 4096;
    ByteBuffer out = ByteBuffer.allocate(dataOffset + data.length).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(0, 0xfeedfacf);
    out.putInt(4, 0x0100000c); // CPU_TYPE_ARM64
    out.putInt(12, 2); // MH_EXECUTE
    out.putInt(16, 1);
    out.putInt(20, commandSize);
    int at = 32;
    out.putInt(at, 0x19);
    out.putInt(at + 4, commandSize);
    out.put(at + 8, "__DATA".getBytes(StandardCharsets.US_ASCII));
    out.putLong(at + 24, 0x100004000L);
    out.putLong(at + 32, data.length);
    out.putLong(at + 40, dataOffset);
    out.putLong(at + 48, data.length);
    out.putInt(at + 56, 3);
    out.putInt(at + 60, 3);
    out.put(dataOffset, data);
    return out.array();
  }

  /** Returns a minimal PE32+ file with one writable .data section. */
  private static byte[] pe64(byte[] data) {
    int peOffset = 0x80;
    int optionalSize = 240;
    int sectionTable = peOffset + 24 + optionalSize;
    int dataOffset = 0x400;
    ByteBuffer out = ByteBuffer.allocate(dataOffset + data.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put(0, (byte) 'M').put(1, (byte) 'Z');
    out.putInt(0x3c, peOffset);
    out.putInt(peOffset, 0x00004550);
    out.putShort(peOffset + 4, (short) 0x8664);
    out.putShort(peOffset + 6, (short) 1);
    out.putShort(peOffset + 20, (short) optionalSize);
    out.putShort(peOffset + 24, (short) 0x20b);
    out.putLong(peOffset + 24 + 24, 0x140000000L);
    out.put(sectionTable, ".data\0\0\0".getBytes(StandardCharsets.US_ASCII));
    out.putInt(sectionTable + 8, data.length);
    out.putInt(sectionTable + 12, 0x2000);
    out.putInt(sectionTable + 16, data.length);
    out.putInt(sectionTable + 20, dataOffset);
    out.putInt(sectionTable + 36, 0xc0000040);
    out.put(dataOffset, data);
    return out.array();
  }

  private List<Package> read(byte[] binary) throws IOException {
    return cataloger.read(PATH, new ByteArrayInputStream(binary));
  }

  private static Map<String, Package> byName(List<Package> packages) {
    return packages.stream().collect(Collectors.toMap(Package::name, Function.identity()));
  }

  /** Returns at most 7 bytes per read and skips nothing, like a slow decompressing stream. */
  static final class TrickleInputStream extends FilterInputStream {
    TrickleInputStream(byte[] bytes) {
      super(new ByteArrayInputStream(bytes));
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      return super.read(buffer, offset, Math.min(length, 7));
    }

    @Override
    public long skip(long n) {
      return 0;
    }
  }
}
