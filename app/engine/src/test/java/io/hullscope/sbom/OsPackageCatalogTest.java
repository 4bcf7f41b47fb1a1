package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.Digest;
import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndex;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsPackageCatalogTest {

  private static final String DEBIAN_RELEASE = "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n";
  private static final String ALPINE_RELEASE = "ID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine Linux v3.19\"\n";

  @TempDir Path temp;

  @Test
  void deletedStatusIsNotRead() throws IOException {
    TestImage image =
        ImageArchiveBuilder.image()
            .layer(new TarBuilder()
                .file("etc/os-release", DEBIAN_RELEASE)
                .file("var/lib/dpkg/status", status("bash", "5.2.15-2+b7"))
                .build())
            .layer(new TarBuilder().whiteout("var/lib/dpkg/status").build())
            .reference("deleted:1");

    OsPackageCatalog.Result result = catalog(image, new PackageDatabaseFiles(), LayerIndexCache.NONE);

    assertThat(result.distro().id()).isEqualTo("debian");
    assertThat(result.packages()).isEmpty();
  }

  @Test
  void deletedStatusDRecordIsNotListed() throws IOException {
    TestImage image =
        ImageArchiveBuilder.image()
            .layer(new TarBuilder()
                .file("var/lib/dpkg/status.d/bash", record("bash", "5.2.15-2+b7"))
                .file("var/lib/dpkg/status.d/bash.md5sums", "0123456789abcdef  bin/bash\n")
                .file("var/lib/dpkg/status.d/zlib1g", record("zlib1g", "1:1.2.13.dfsg-1"))
                .build())
            .layer(new TarBuilder().whiteout("var/lib/dpkg/status.d/zlib1g").build())
            .reference("distroless:1");

    OsPackageCatalog.Result result = catalog(image, new PackageDatabaseFiles(), LayerIndexCache.NONE);

    assertThat(result.distro()).isNull();
    assertThat(result.packages()).extracting(Package::name).containsExactly("bash");
  }

  @Test
  void apkDatabaseGetsAlpineDistro() throws IOException {
    TestImage image =
        ImageArchiveBuilder.image()
            .layer(new TarBuilder()
                .file("etc/os-release", ALPINE_RELEASE)
                .file("lib/apk/db/installed", "P:musl\nV:1.2.4-r2\nA:x86_64\nL:MIT\no:musl\n\n")
                .build())
            .reference("alpine:1");

    OsPackageCatalog.Result result = catalog(image, new PackageDatabaseFiles(), LayerIndexCache.NONE);

    assertThat(result.packages()).extracting(Package::purl)
        .containsExactly("pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19.1");
  }

  @Test
  void usrLibOsReleaseIsTheFallback() throws IOException {
    TestImage image =
        ImageArchiveBuilder.image()
            .layer(new TarBuilder().file("usr/lib/os-release", ALPINE_RELEASE).build())
            .reference("fallback:1");

    OsPackageCatalog.Result result = catalog(image, new PackageDatabaseFiles(), LayerIndexCache.NONE);

    assertThat(result.distro().id()).isEqualTo("alpine");
  }

  @Test
  void etcOsReleaseWinsOverUsrLib() throws IOException {
    TestImage image =
        ImageArchiveBuilder.image()
            .layer(new TarBuilder()
                .file("etc/os-release", DEBIAN_RELEASE)
                .file("usr/lib/os-release", ALPINE_RELEASE)
                .build())
            .reference("both:1");

    OsPackageCatalog.Result result = catalog(image, new PackageDatabaseFiles(), LayerIndexCache.NONE);

    assertThat(result.distro().id()).isEqualTo("debian");
  }

  @Test
  void databaseOverLimitFailsNamingPath() {
    TestImage image =
        ImageArchiveBuilder.image()
            .layer(new TarBuilder().file("var/lib/dpkg/status", status("bash", "5.2.15-2+b7")).build())
            .reference("big:1");

    assertThatThrownBy(() -> catalog(image, new PackageDatabaseFiles(16), LayerIndexCache.NONE))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("var/lib/dpkg/status of layer 0")
        .hasMessageContaining("limit of 16");
  }

  @Test
  void cachedLayerDatabaseFailsAsNotRead() throws IOException {
    TestImage image =
        ImageArchiveBuilder.image()
            .layer(new TarBuilder().file("var/lib/dpkg/status", status("bash", "5.2.15-2+b7")).build())
            .reference("cached:1");
    LayerIndexCache cache = new MemoryCache();
    catalog(image, new PackageDatabaseFiles(), cache);

    assertThatThrownBy(() -> catalog(image, new PackageDatabaseFiles(), cache))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("var/lib/dpkg/status of layer 0 was not read");
  }

  @ParameterizedTest
  @CsvSource({
      "var/lib/dpkg/status,                  true",
      "var/lib/dpkg/status-old,              false",
      "var/lib/dpkg/status.d/libc6,          true",
      "var/lib/dpkg/status.d/libc6.md5sums,  false",
      "lib/apk/db/installed,                 true",
      "etc/os-release,                       true",
      "usr/lib/os-release,                   true",
      "usr/share/doc/os-release,             false",
  })
  void interestSelectsDatabasePaths(String path, boolean wanted) {
    assertThat(PackageDatabaseFiles.isPackageDatabase(path)).isEqualTo(wanted);
  }

  private OsPackageCatalog.Result catalog(TestImage testImage, PackageDatabaseFiles files, LayerIndexCache cache)
      throws IOException {
    Path tar = ImageArchiveBuilder.dockerSave(testImage).writeTar(temp.resolve("image-" + System.nanoTime() + ".tar"));
    ImageIndexer indexer = new ImageIndexer(cache, Limits.DEFAULT, List.of(files));
    try (ImageSource source = FileSources.open(tar)) {
      String key = source.listImages().get(0).key();
      try (Image image = source.open(key, null, ProgressListener.NONE)) {
        return OsPackageCatalog.catalog(indexer.analyze(image, ProgressListener.NONE), files);
      }
    }
  }

  private static String status(String name, String version) {
    return "Package: " + name + "\nStatus: install ok installed\nArchitecture: amd64\nVersion: " + version + "\n";
  }

  private static String record(String name, String version) {
    return "Package: " + name + "\nArchitecture: amd64\nVersion: " + version + "\n";
  }

  /** Keeps every layer index, so a second analysis streams no layer. */
  private static final class MemoryCache implements LayerIndexCache {
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
}
