package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.hullscope.image.Digest;
import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.FileEntry;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndex;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SbomCollectorTest {

  private static final String DEBIAN_RELEASE = "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n";
  private static final String ALPINE_RELEASE = "ID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n";
  private static final String STATUS = "var/lib/dpkg/status";
  private static final String SITE = "usr/lib/python3/dist-packages/";

  @TempDir Path temp;

  @Test
  void deletedStatusIsNotRead() throws IOException {
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder().file("etc/os-release", DEBIAN_RELEASE).file(STATUS, status("bash", "5.2.15-2+b7")).build())
        .layer(new TarBuilder().whiteout(STATUS).build())
        .reference("deleted:1");

    ImageSbom sbom = sbom(image);

    assertThat(sbom.distro().id()).isEqualTo("debian");
    assertThat(sbom.packages()).isEmpty();
  }

  @Test
  void deletedStatusDRecordIsNotListed() throws IOException {
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder()
            .file("var/lib/dpkg/status.d/bash", record("bash", "5.2.15-2+b7"))
            .file("var/lib/dpkg/status.d/bash.md5sums", "0123456789abcdef  bin/bash\n")
            .file("var/lib/dpkg/status.d/zlib1g", record("zlib1g", "1:1.2.13.dfsg-1"))
            .build())
        .layer(new TarBuilder().whiteout("var/lib/dpkg/status.d/zlib1g").build())
        .reference("distroless:1");

    ImageSbom sbom = sbom(image);

    assertThat(sbom.distro()).isNull();
    assertThat(TestSboms.packages(sbom)).extracting(Package::name).containsExactly("bash");
  }

  @Test
  void apkDatabaseGetsAlpineDistro() throws IOException {
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder()
            .file("etc/os-release", ALPINE_RELEASE)
            .file("lib/apk/db/installed", "P:musl\nV:1.2.4-r2\nA:x86_64\nL:MIT\no:musl\n\n")
            .build())
        .reference("alpine:1");

    assertThat(TestSboms.packages(sbom(image))).extracting(Package::purl)
        .containsExactly("pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1");
  }

  @Test
  void finalDistroNamesEarlierPackages() throws IOException {
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder().file(STATUS, status("bash", "5.2.15-2+b7")).build())
        .layer(new TarBuilder().file("etc/os-release", DEBIAN_RELEASE).build())
        .reference("late-release:1");

    assertThat(TestSboms.packages(sbom(image))).extracting(Package::purl)
        .containsExactly("pkg:deb/debian/bash@5.2.15-2%2Bb7?arch=amd64&distro=debian-12");
  }

  @Test
  void usrLibOsReleaseIsTheFallback() throws IOException {
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder().file("usr/lib/os-release", ALPINE_RELEASE).build())
        .reference("fallback:1");

    assertThat(sbom(image).distro().id()).isEqualTo("alpine");
  }

  @Test
  void etcOsReleaseWinsOverUsrLib() throws IOException {
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder().file("etc/os-release", DEBIAN_RELEASE).file("usr/lib/os-release", ALPINE_RELEASE).build())
        .reference("both:1");

    assertThat(sbom(image).distro().id()).isEqualTo("debian");
  }

  @Test
  void rewrittenDatabaseKeepsAddedLayer() throws IOException {
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder().file(STATUS, status("bash", "5.2.15-2") + "\n" + status("zlib1g", "1:1.2.13")).build())
        .layer(new TarBuilder().file("etc/motd", "hello\n").build())
        .layer(new TarBuilder()
            .file(STATUS, status("bash", "5.2.15-2+b7") + "\n" + status("zlib1g", "1:1.2.13") + "\n"
                + status("curl", "7.88.1-10"))
            .build())
        .layer(new TarBuilder().file("srv/app", "app\n").build())
        .reference("layers:1");

    ImageSbom sbom = sbom(image);

    assertThat(sbom.packages())
        .extracting(found -> found.pkg().name(), found -> found.pkg().version(), ImagePackage::addedLayer,
            ImagePackage::changedLayer)
        .containsExactlyInAnyOrder(
            tuple("bash", "5.2.15-2+b7", 0, 2),
            tuple("zlib1g", "1:1.2.13", 0, 0),
            tuple("curl", "7.88.1-10", 2, 2));
    assertThat(sbom.layers()).hasSize(4).doesNotContainNull();
  }

  @Test
  void reinstalledPackageCountsFromReturn() throws IOException {
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder().file(STATUS, status("bash", "5.2.15-2") + "\n" + status("curl", "7.88.1-10")).build())
        .layer(new TarBuilder().file(STATUS, status("bash", "5.2.15-2")).build())
        .layer(new TarBuilder().file(STATUS, status("bash", "5.2.15-2") + "\n" + status("curl", "7.88.1-10")).build())
        .reference("again:1");

    assertThat(sbom(image).packages())
        .extracting(found -> found.pkg().name(), ImagePackage::addedLayer, ImagePackage::changedLayer)
        .containsExactlyInAnyOrder(tuple("bash", 0, 0), tuple("curl", 2, 2));
  }

  @Test
  void opaqueFolderHidesLowerDatabase() throws IOException {
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder().file(STATUS, status("bash", "5.2.15-2")).build())
        .layer(new TarBuilder().opaque("var/lib/dpkg").file("var/lib/dpkg/available", "").build())
        .reference("opaque:1");

    assertThat(sbom(image).packages()).isEmpty();
  }

  @Test
  void folderReplacedByFileHidesMetadata() throws IOException {
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder().file(SITE + "six-1.16.0.dist-info/METADATA", metadata("six", "1.16.0")).build())
        .layer(new TarBuilder().whiteout(SITE + "six-1.16.0.dist-info").file(SITE + "six-1.16.0.dist-info", "gone\n")
            .build())
        .reference("replaced:1");

    assertThat(sbom(image).packages()).isEmpty();
  }

  @Test
  void malformedDatabaseGivesWarning() throws IOException {
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder()
            .file(STATUS, "Package: bash\nStatus: install ok installed\nVersion: 5.2\n" + "x".repeat(200) + "\n")
            .file(SITE + "six-1.16.0.dist-info/METADATA", metadata("six", "1.16.0"))
            .build())
        .reference("broken:1");

    ImageSbom sbom = TestSboms.of(temp, image, List.of(new DpkgCataloger(64), new PythonCataloger()));

    assertThat(TestSboms.packages(sbom)).extracting(Package::name).containsExactly("six");
    assertThat(sbom.warnings()).singleElement().satisfies(warning -> {
      assertThat(warning.path()).isEqualTo(STATUS);
      assertThat(warning.cataloger()).isEqualTo("dpkg");
      assertThat(warning.layer()).isZero();
    });
  }

  @Test
  void failingCatalogerCostsOneFile() throws IOException {
    Cataloger broken = new NamedCataloger("broken", path -> path.endsWith(".broken"), (path, in) -> {
      throw new IllegalStateException("bug in the cataloger");
    });
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder().file("srv/a.broken", "x").file(STATUS, status("bash", "5.2")).build())
        .reference("bug:1");

    ImageSbom sbom = TestSboms.of(temp, image, List.of(broken, new DpkgCataloger()));

    assertThat(TestSboms.packages(sbom)).extracting(Package::name).containsExactly("bash");
    assertThat(sbom.warnings()).extracting(CatalogWarning::path, CatalogWarning::cataloger)
        .containsExactly(tuple("srv/a.broken", "broken"));
    assertThat(sbom.warnings().get(0).message()).contains("bug in the cataloger");
  }

  @Test
  void replacedFileWarningIsDropped() throws IOException {
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder().file(STATUS, "\u0000\u0001 not a status file").build())
        .layer(new TarBuilder().file(STATUS, status("bash", "5.2")).build())
        .reference("fixed:1");

    ImageSbom sbom = sbom(image);

    assertThat(sbom.warnings()).isEmpty();
    assertThat(sbom.packages()).extracting(ImagePackage::addedLayer).containsExactly(1);
  }

  @Test
  void cachedLayersAreNotStreamedAgain() throws IOException {
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder().file(STATUS, status("bash", "5.2.15-2")).build())
        .layer(new TarBuilder().file(STATUS, status("bash", "5.2.15-2") + "\n" + status("curl", "7.88")).build())
        .reference("cached:1");
    Path archive = TestSboms.write(temp, image);
    CountingCataloger dpkg = new CountingCataloger(new DpkgCataloger());
    MemoryIndexCache indexCache = new MemoryIndexCache();
    MemoryCatalogCache catalogCache = new MemoryCatalogCache();

    ImageSbom first = TestSboms.of(archive, List.of(dpkg), indexCache, catalogCache);
    int readsFirst = dpkg.reads;
    ImageSbom second = TestSboms.of(archive, List.of(dpkg), indexCache, catalogCache);

    assertThat(readsFirst).isEqualTo(2);
    assertThat(dpkg.reads).isEqualTo(2);
    assertThat(second.packages()).isEqualTo(first.packages());
    assertThat(second.packages()).extracting(found -> found.pkg().name(), ImagePackage::addedLayer)
        .containsExactlyInAnyOrder(tuple("bash", 0), tuple("curl", 1));
  }

  @Test
  void missingCatalogStreamsCachedLayer() throws IOException {
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder().file(STATUS, status("bash", "5.2.15-2")).build())
        .reference("index-only:1");
    Path archive = TestSboms.write(temp, image);
    MemoryIndexCache indexCache = new MemoryIndexCache();
    TestSboms.of(archive, List.of(), indexCache, CatalogCache.NONE);

    ImageSbom sbom = TestSboms.of(archive, List.of(new DpkgCataloger()), indexCache, CatalogCache.NONE);

    assertThat(TestSboms.packages(sbom)).extracting(Package::name).containsExactly("bash");
  }

  @Test
  void otherCatalogersCacheIsIgnored() throws IOException {
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder().file(STATUS, status("bash", "5.2")).file(SITE + "six-1.0.dist-info/METADATA",
            metadata("six", "1.0")).build())
        .reference("versions:1");
    Path archive = TestSboms.write(temp, image);
    MemoryCatalogCache catalogCache = new MemoryCatalogCache();
    TestSboms.of(archive, List.of(new DpkgCataloger()), LayerIndexCache.NONE, catalogCache);

    ImageSbom sbom = TestSboms.of(archive, List.of(new DpkgCataloger(), new PythonCataloger()), LayerIndexCache.NONE,
        catalogCache);

    assertThat(TestSboms.packages(sbom)).extracting(Package::name).containsExactlyInAnyOrder("bash", "six");
  }

  @Test
  void unregisteredCollectorBuildFails() throws IOException {
    Path archive = TestSboms.write(temp, ImageArchiveBuilder.image()
        .layer(new TarBuilder().file(STATUS, status("bash", "5.2")).build()).reference("unregistered:1"));
    SbomCollector collector = SbomCollector.withDefaults();
    try (ImageSource source = FileSources.open(archive);
        Image opened = source.open(source.listImages().get(0).key(), null, ProgressListener.NONE)) {
      var analysis = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(opened, ProgressListener.NONE);

      assertThatThrownBy(() -> collector.build(analysis, TestSboms.TOOL))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("register the collector");
    }
  }

  @ParameterizedTest
  @CsvSource({
      "var/lib/dpkg/status,                  true",
      "var/lib/dpkg/status-old,              false",
      "var/lib/dpkg/status.d/libc6,          true",
      "var/lib/dpkg/status.d/libc6.md5sums,  false",
  })
  void dpkgCatalogerSelectsDatabasePaths(String path, boolean expected) {
    assertThat(new DpkgCataloger().wants(TestEntries.file(path))).isEqualTo(expected);
  }

  @Test
  void copyrightFileGivesDpkgLicenses() throws IOException {
    String copyright = "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
        + "Files: *\nCopyright: 1989-2022 Free Software Foundation\nLicense: GPL-3+\n";
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder()
            .file(STATUS, status("bash", "5.2.15-2") + "\n" + status("zlib1g", "1:1.2.13"))
            .file("usr/share/doc/bash/copyright", copyright)
            .file("usr/share/doc/zlib1g/copyright", "Format: copyright-format/1.0\n\nLicense: Zlib\n")
            .build())
        .layer(new TarBuilder().whiteout("usr/share/doc/zlib1g").build())
        .reference("licenses:1");

    ImageSbom sbom = sbom(image);

    assertThat(TestSboms.packages(sbom)).extracting(Package::name, Package::licenses).containsExactlyInAnyOrder(
        tuple("bash", List.of("GPL-3+")),
        tuple("zlib1g", List.of()));
    assertThat(sbom.packages()).extracting(ImagePackage::addedLayer).containsOnly(0);
  }

  @Test
  void cacheKeyNamesCatalogerVersions() {
    assertThat(SbomCollector.cacheKey(List.of(new PythonCataloger(), new DpkgCataloger())))
        .isEqualTo("dpkg:2,os:1,python:1");
  }

  private ImageSbom sbom(TestImage image) throws IOException {
    return TestSboms.of(temp, image, Catalogers.defaults());
  }

  private static String status(String name, String version) {
    return "Package: " + name + "\nStatus: install ok installed\nArchitecture: amd64\nVersion: " + version + "\n";
  }

  private static String record(String name, String version) {
    return "Package: " + name + "\nArchitecture: amd64\nVersion: " + version + "\n";
  }

  private static String metadata(String name, String version) {
    return "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n";
  }

  /** A cataloger made of two lambdas, for failure cases. */
  private record NamedCataloger(String name, java.util.function.Predicate<String> paths, Reader reader)
      implements Cataloger {
    @Override
    public int version() {
      return 1;
    }

    @Override
    public boolean wants(FileEntry entry) {
      return paths.test(entry.path());
    }

    @Override
    public List<Package> read(String path, InputStream content) throws IOException {
      return reader.read(path, content);
    }
  }

  private interface Reader {
    List<Package> read(String path, InputStream content) throws IOException;
  }

  /** Counts the files a cataloger reads, to see which layers were streamed. */
  private static final class CountingCataloger implements Cataloger {
    private final Cataloger delegate;
    int reads;

    CountingCataloger(Cataloger delegate) {
      this.delegate = delegate;
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public int version() {
      return delegate.version();
    }

    @Override
    public boolean wants(FileEntry entry) {
      return delegate.wants(entry);
    }

    @Override
    public List<Package> read(String path, InputStream content) throws IOException {
      reads++;
      return delegate.read(path, content);
    }
  }

  private static final class MemoryIndexCache implements LayerIndexCache {
    private final Map<Digest, LayerIndex> indexes = new HashMap<>();

    @Override
    public Optional<LayerIndex> get(Digest diffId) {
      return Optional.ofNullable(indexes.get(diffId));
    }

    @Override
    public void put(LayerIndex index) {
      indexes.put(index.diffId(), index);
    }
  }

  private static final class MemoryCatalogCache implements CatalogCache {
    private final Map<String, LayerCatalog> catalogs = new HashMap<>();
    final List<String> puts = new ArrayList<>();

    @Override
    public Optional<LayerCatalog> get(Digest diffId, String catalogersKey) {
      return Optional.ofNullable(catalogs.get(diffId + " " + catalogersKey));
    }

    @Override
    public void put(Digest diffId, String catalogersKey, LayerCatalog catalog) {
      puts.add(diffId + " " + catalogersKey);
      catalogs.put(diffId + " " + catalogersKey, catalog);
    }
  }
}
