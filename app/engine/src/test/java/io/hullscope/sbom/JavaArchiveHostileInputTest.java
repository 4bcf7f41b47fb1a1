package io.hullscope.sbom;

import static io.hullscope.sbom.JarFixtures.classFile;
import static io.hullscope.sbom.JarFixtures.deflated;
import static io.hullscope.sbom.JarFixtures.jar;
import static io.hullscope.sbom.JarFixtures.manifest;
import static io.hullscope.sbom.JarFixtures.pomProperties;
import static io.hullscope.sbom.JarFixtures.stored;
import static io.hullscope.sbom.JavaArchiveCatalogerTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JavaArchiveHostileInputTest {

  private static final int MIB = 1 << 20;

  private final JavaArchiveCataloger cataloger = new JavaArchiveCataloger();

  @ParameterizedTest
  @ValueSource(doubles = {0.05, 0.5, 0.9, 0.999})
  void truncatedJarFailsNamingFile(double keptFraction) {
    byte[] whole = jar(pomProperties("com.example", "big", "1.0"), deflated("data.bin", randomBytes(200_000)),
        classFile("a/B.class"));
    byte[] truncated = Arrays.copyOf(whole, (int) (whole.length * keptFraction));

    assertThatThrownBy(() -> read(cataloger, "opt/big-1.0.jar", truncated))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("opt/big-1.0.jar");
  }

  @Test
  void jarCutBetweenEntriesIsTruncated() {
    byte[] first = jar(pomProperties("com.example", "cut", "1.0"));
    // The first entry ends where the central directory starts; keep everything before it.
    int centralDirectory = indexOf(first, new byte[] {'P', 'K', 1, 2});
    byte[] cut = Arrays.copyOf(first, centralDirectory);

    assertThatThrownBy(() -> read(cataloger, "cut-1.0.jar", cut))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("cut-1.0.jar is truncated or has data appended");
  }

  @Test
  void dataAfterEndRecordFails() {
    byte[] jar = jar(pomProperties("com.example", "tail", "1.0"));
    byte[] appended = Arrays.copyOf(jar, jar.length + 100);

    assertThatThrownBy(() -> read(cataloger, "tail-1.0.jar", appended))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("tail-1.0.jar is truncated or has data appended");
  }

  @Test
  void garbageNamedJarFails() {
    byte[] garbage = randomBytes(5000);

    assertThatThrownBy(() -> read(cataloger, "usr/share/java/garbage.jar", garbage))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("usr/share/java/garbage.jar is not a ZIP archive");
  }

  @Test
  void textFileNamedJarFails() {
    byte[] text = "this is not a jar\n".repeat(10).getBytes(StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> read(cataloger, "notes.jar", text))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("notes.jar is not a ZIP archive");
  }

  @Test
  void corruptEntryCrcFails() {
    byte[] data = "0123456789".repeat(100).getBytes(StandardCharsets.US_ASCII);
    byte[] jar = jar(pomProperties("com.example", "crc", "1.0"), stored("data.txt", data));
    int at = indexOf(jar, data);
    jar[at + 10] ^= 0x01;

    assertThatThrownBy(() -> read(cataloger, "crc-1.0.jar", jar))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("crc-1.0.jar");
  }

  @Test
  @Timeout(30)
  void zipBombExceedsByteLimit() {
    byte[] bomb = jar(pomProperties("com.example", "bomb", "1.0"), deflated("zeros.bin", new byte[64 * MIB]));
    assertThat(bomb.length).isLessThan(MIB);
    JavaArchiveCataloger small = new JavaArchiveCataloger(new JavaArchiveLimits(4, 1000, 16L * MIB, 64 * 1024));

    assertThatThrownBy(() -> read(small, "bomb-1.0.jar", bomb))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("bomb-1.0.jar decompresses to more than " + 16 * MIB + " bytes");
  }

  @Test
  @Timeout(30)
  void nestedZipBombFailsWholeFile() {
    byte[] bomb = jar(deflated("zeros.bin", new byte[64 * MIB]));
    byte[] fat = jar(pomProperties("com.example", "app", "1.0"), deflated("BOOT-INF/lib/bomb-1.0.jar", bomb));
    JavaArchiveCataloger small = new JavaArchiveCataloger(new JavaArchiveLimits(4, 1000, 16L * MIB, 64 * 1024));

    assertThatThrownBy(() -> read(small, "app.jar", fat))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("app.jar!/BOOT-INF/lib/bomb-1.0.jar decompresses to more than");
  }

  @Test
  void nestingDeeperThanLimitIsSkipped() throws IOException {
    byte[] archive = jar(pomProperties("com.example", "level7", "1.0"));
    for (int level = 6; level >= 0; level--) {
      archive = jar(pomProperties("com.example", "level" + level, "1.0"), stored("level" + (level + 1) + ".jar", archive));
    }
    JavaArchiveCataloger limited = new JavaArchiveCataloger(new JavaArchiveLimits(2, 1000, 64L * MIB, 64 * 1024));

    List<Package> packages = read(limited, "level0.jar", archive);

    assertThat(packages).extracting(Package::name).containsExactly("level0", "level1", "level2");
    assertThat(packages.get(2).evidencePath()).isEqualTo("level0.jar!/level1.jar!/level2.jar");
  }

  @Test
  @Timeout(30)
  void selfNestingStopsAtDepthLimit() throws IOException {
    // A jar that contains itself cannot be built byte for byte, so nest the same jar in itself 30 times.
    byte[] archive = jar(pomProperties("com.example", "loop", "1.0"));
    for (int level = 0; level < 30; level++) {
      archive = jar(pomProperties("com.example", "loop", "1.0"), stored("loop-1.0.jar", archive));
    }

    List<Package> packages = read(cataloger, "loop-1.0.jar", archive);

    assertThat(packages).hasSize(JavaArchiveLimits.DEFAULT.maxNestingDepth() + 1);
    assertThat(packages.get(packages.size() - 1).evidencePath())
        .isEqualTo("loop-1.0.jar" + "!/loop-1.0.jar".repeat(JavaArchiveLimits.DEFAULT.maxNestingDepth()));
  }

  @Test
  void traversalNamesStayInEvidencePath() throws IOException {
    byte[] inner = jar(pomProperties("com.example", "evil", "1.0"));
    byte[] jar = jar(pomProperties("com.example", "app", "1.0"),
        stored("../../../../tmp/evil-1.0.jar", inner),
        stored("/etc/abs-1.0.jar", jar(pomProperties("com.example", "abs", "1.0"))),
        pomProperties("..", "..", "6.6.6"));

    List<Package> packages = read(cataloger, "srv/app-1.0.jar", jar);

    assertThat(packages).extracting(Package::name).containsExactly("app", "evil", "abs");
    assertThat(packages).allSatisfy(pkg -> assertThat(pkg.evidencePath()).startsWith("srv/app-1.0.jar"));
    assertThat(packages.get(1).evidencePath()).isEqualTo("srv/app-1.0.jar!/../../../../tmp/evil-1.0.jar");
  }

  @Test
  void pomPropertiesWithoutVersionIsIgnored() throws IOException {
    byte[] jar = jar(deflated("META-INF/maven/com.example/nover/pom.properties", "groupId=com.example\nartifactId=nover\n"),
        pomProperties("com.example", "kept", "2.0"));

    List<Package> packages = read(cataloger, "kept-2.0.jar", jar);

    assertThat(packages).extracting(Package::purl).containsExactly("pkg:maven/com.example/kept@2.0");
  }

  @Test
  void pomPropertiesWithoutGroupUsesEntryPath() throws IOException {
    byte[] jar = jar(deflated("META-INF/maven/org.example/lib/pom.properties", "version=3.1\n"));

    List<Package> packages = read(cataloger, "lib-3.1.jar", jar);

    assertThat(packages).extracting(Package::purl).containsExactly("pkg:maven/org.example/lib@3.1");
  }

  @Test
  void pomPropertiesWithHugeValueIsIgnored() throws IOException {
    String huge = "1".repeat(100_000);
    byte[] jar = jar(deflated("META-INF/maven/com.example/huge/pom.properties",
        "groupId=com.example\nartifactId=huge\nversion=" + huge + "\n"));

    List<Package> packages = read(cataloger, "huge.jar", jar);

    assertThat(packages).isEmpty();
  }

  @Test
  void invalidPomPropertiesIsIgnored() throws IOException {
    byte[] jar = jar(deflated("META-INF/maven/com.example/bad/pom.properties",
            "groupId=com.example\nartifactId=bad name\nversion=1.0\n"),
        deflated("META-INF/maven/com.example/esc/pom.properties", "groupId=com.example\nartifactId=\\u12\nversion=1\n"));

    assertThat(read(cataloger, "x.jar", jar)).isEmpty();
  }

  @Test
  void oversizedPomPropertiesIsIgnored() throws IOException {
    String padding = "#" + "x".repeat(70_000) + "\n";
    byte[] jar = jar(deflated("META-INF/maven/com.example/padded/pom.properties",
        padding + "groupId=com.example\nartifactId=padded\nversion=1.0\n"));
    JavaArchiveCataloger limited = new JavaArchiveCataloger(new JavaArchiveLimits(4, 1000, 64L * MIB, 64 * 1024));

    List<Package> packages = read(limited, "padded-1.0.jar", jar);

    assertThat(packages).singleElement().satisfies(pkg -> {
      assertThat(pkg.name()).isEqualTo("padded");
      assertThat(pkg.purl()).as("identified from the file name only").isNull();
    });
  }

  @Test
  void oversizedManifestIsIgnored() throws IOException {
    StringBuilder manifest = new StringBuilder("Manifest-Version: 1.0\r\nImplementation-Title: big\r\n"
        + "Implementation-Version: 9.9\r\nExport-Package: a");
    manifest.append(",a".repeat(100_000)).append("\r\n\r\n");
    byte[] jar = jar(deflated("META-INF/MANIFEST.MF", manifest.toString()));
    JavaArchiveCataloger limited = new JavaArchiveCataloger(new JavaArchiveLimits(4, 1000, 64L * MIB, 64 * 1024));

    List<Package> packages = read(limited, "lib/small-1.0.jar", jar);

    assertThat(packages).singleElement().satisfies(pkg -> {
      assertThat(pkg.name()).isEqualTo("small");
      assertThat(pkg.version()).isEqualTo("1.0");
    });
  }

  @Test
  void invalidManifestIsIgnored() throws IOException {
    byte[] jar = jar(deflated("META-INF/MANIFEST.MF", "this line has no colon\r\nImplementation-Version: 7\r\n\r\n"),
        classFile("a/B.class"));

    List<Package> packages = read(cataloger, "lib/plain-2.0.jar", jar);

    assertThat(packages).singleElement().extracting(Package::version).isEqualTo("2.0");
  }

  @Test
  void tooManyEntriesFailsWholeFile() {
    JarFixtures.Entry[] entries = new JarFixtures.Entry[50];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = deflated("f" + i + ".txt", "x");
    }
    byte[] jar = jar(entries);
    JavaArchiveCataloger limited = new JavaArchiveCataloger(new JavaArchiveLimits(4, 20, 64L * MIB, 64 * 1024));

    assertThatThrownBy(() -> read(limited, "many.jar", jar))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("many.jar has more than 20 entries");
  }

  @Test
  void nestedJarWithTooManyEntriesIsSkipped() throws IOException {
    JarFixtures.Entry[] entries = new JarFixtures.Entry[30];
    entries[0] = pomProperties("com.example", "crowded", "1.0");
    for (int i = 1; i < entries.length; i++) {
      entries[i] = deflated("f" + i + ".txt", "x");
    }
    byte[] fat = jar(pomProperties("com.example", "app", "1.0"),
        stored("lib/crowded-1.0.jar", jar(entries)),
        stored("lib/fine-1.0.jar", jar(pomProperties("com.example", "fine", "1.0"))));
    JavaArchiveCataloger limited = new JavaArchiveCataloger(new JavaArchiveLimits(4, 20, 64L * MIB, 64 * 1024));

    List<Package> packages = read(limited, "app.jar", fat);

    assertThat(packages).extracting(Package::name).containsExactly("app", "fine");
  }

  @Test
  void corruptNestedJarsAreSkipped() throws IOException {
    byte[] good = jar(pomProperties("com.example", "good", "1.0"));
    byte[] truncated = Arrays.copyOf(jar(pomProperties("com.example", "cut", "1.0"), deflated("r.bin", randomBytes(5000))), 3000);
    byte[] fat = jar(pomProperties("com.example", "app", "1.0"),
        stored("lib/garbage-1.0.jar", randomBytes(4000)),
        deflated("lib/truncated-1.0.jar", truncated),
        stored("lib/good-1.0.jar", good));

    List<Package> packages = read(cataloger, "app.jar", fat);

    assertThat(packages).extracting(Package::name).containsExactly("app", "good");
  }

  @Test
  void contentReadErrorIsNotBadArchive() {
    byte[] jar = jar(pomProperties("com.example", "x", "1.0"), deflated("r.bin", randomBytes(100_000)));
    IOException failure = new IOException("layer stream broke");
    InputStream failing = new InputStream() {
      private final InputStream bytes = new ByteArrayInputStream(jar);
      private int left = 5000;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (left <= 0) {
          throw failure;
        }
        int n = bytes.read(buffer, offset, Math.min(length, left));
        left -= n;
        return n;
      }
    };

    assertThatThrownBy(() -> cataloger.read("x-1.0.jar", failing)).isSameAs(failure);
  }

  @Test
  void zip64ArchiveIsRead() throws IOException {
    // ZipOutputStream writes ZIP64 records for more than 65,535 entries.
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      writeEntry(out, "META-INF/maven/com.example/wide/pom.properties",
          "groupId=com.example\nartifactId=wide\nversion=1.0\n".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 70_000; i++) {
        writeEntry(out, "d/" + i, new byte[0]);
      }
    }

    List<Package> packages = read(cataloger, "wide-1.0.jar", bytes.toByteArray());

    assertThat(packages).extracting(Package::purl).containsExactly("pkg:maven/com.example/wide@1.0");
  }

  @Test
  void entryNameOutsideUtf8IsRead() throws IOException {
    // Without the UTF-8 flag (general purpose bit 11) the name bytes are in a legacy code page.
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes, StandardCharsets.ISO_8859_1)) {
      writeEntry(out, "donn\u00e9es/\u00ff.txt", new byte[] {1});
      writeEntry(out, "META-INF/maven/com.example/legacy/pom.properties",
          "groupId=com.example\nartifactId=legacy\nversion=0.9\n".getBytes(StandardCharsets.US_ASCII));
    }

    List<Package> packages = read(cataloger, "legacy-0.9.jar", bytes.toByteArray());

    assertThat(packages).extracting(Package::purl).containsExactly("pkg:maven/com.example/legacy@0.9");
  }

  @Test
  void invalidUtf8NameFailsFile() {
    byte[] jar = jar(deflated("\u00e9.txt", "x"), pomProperties("com.example", "bad", "1.0"));
    // The name is flagged as UTF-8; turn its bytes C3 A9 into the invalid sequence C3 28.
    byte[] utf8 = "\u00e9".getBytes(StandardCharsets.UTF_8);
    int at = indexOf(jar, utf8);
    jar[at + 1] = 0x28;

    assertThatThrownBy(() -> read(cataloger, "bad-1.0.jar", jar))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("bad-1.0.jar");
  }

  private static void writeEntry(OutputStream stream, String name, byte[] data) throws IOException {
    ZipOutputStream out = (ZipOutputStream) stream;
    out.putNextEntry(new ZipEntry(name));
    out.write(data);
    out.closeEntry();
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= data.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("pattern not found");
  }
}
