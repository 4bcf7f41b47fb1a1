package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonCatalogerTest {

  private static final String DIST_PACKAGES = "usr/lib/python3/dist-packages/";

  @TempDir Path temp;

  @Test
  void upgradedPackageListsNewVersionOnly() throws IOException {
    TestImage image =
        ImageArchiveBuilder.image()
            .layer(new TarBuilder()
                .file(DIST_PACKAGES + "requests-2.28.1.dist-info/METADATA",
                    metadata("requests", "2.28.1") + "Requires-Dist: urllib3 (<1.27,>=1.21.1)\n")
                .file(DIST_PACKAGES + "six-1.16.0.dist-info/METADATA", metadata("six", "1.16.0"))
                .file(DIST_PACKAGES + "chardet-5.1.0.egg-info/PKG-INFO", metadata("chardet", "5.1.0"))
                .build())
            .layer(new TarBuilder()
                .whiteout(DIST_PACKAGES + "requests-2.28.1.dist-info")
                .file(DIST_PACKAGES + "requests-2.31.0.dist-info/METADATA", metadata("requests", "2.31.0"))
                .build())
            .reference("python:1");

    List<Package> packages = catalog(image);

    assertThat(packages)
        .extracting(Package::purl)
        .containsExactlyInAnyOrder("pkg:pypi/requests@2.31.0", "pkg:pypi/six@1.16.0", "pkg:pypi/chardet@5.1.0");
    assertThat(packages)
        .filteredOn(p -> p.name().equals("requests"))
        .extracting(Package::evidencePath)
        .containsExactly(DIST_PACKAGES + "requests-2.31.0.dist-info/METADATA");
  }

  @Test
  void rewrittenMetadataIsReadFromTheLastLayer() throws IOException {
    String path = DIST_PACKAGES + "six-1.16.0.dist-info/METADATA";
    TestImage image =
        ImageArchiveBuilder.image()
            .layer(new TarBuilder().file(path, metadata("six", "1.16.0") + "License: MIT\n").build())
            .layer(new TarBuilder().file(path, metadata("six", "1.16.0") + "License: BSD\n").build())
            .reference("rewritten:1");

    assertThat(catalog(image))
        .flatExtracting(Package::licenses)
        .containsExactly("BSD");
  }

  @Test
  void eggInfoFileIsListed() throws IOException {
    TestImage image =
        ImageArchiveBuilder.image()
            .layer(new TarBuilder()
                .file("usr/lib/python2.7/lib-dynload/Python-2.7.egg-info", metadata("Python", "2.7.13"))
                .build())
            .reference("egg:1");

    assertThat(catalog(image))
        .extracting(Package::evidencePath)
        .containsExactly("usr/lib/python2.7/lib-dynload/Python-2.7.egg-info");
  }

  @Test
  void metadataWithoutNameIsSkipped() throws IOException {
    TestImage image =
        ImageArchiveBuilder.image()
            .layer(new TarBuilder()
                .file(DIST_PACKAGES + "broken-1.0.dist-info/METADATA", "Version: 1.0\n")
                .file(DIST_PACKAGES + "six-1.16.0.dist-info/METADATA", metadata("six", "1.16.0"))
                .build())
            .reference("broken:1");

    assertThat(catalog(image)).extracting(Package::name).containsExactly("six");
  }

  @Test
  void oversizedMetadataBecomesWarningAndOthersAreListed() throws IOException {
    TestImage image =
        ImageArchiveBuilder.image()
            .layer(new TarBuilder()
                .file(DIST_PACKAGES + "six-1.16.0.dist-info/METADATA", metadata("six", "1.16.0") + "x".repeat(100))
                .file(DIST_PACKAGES + "idna-3.6.dist-info/METADATA", metadata("idna", "3.6"))
                .build())
            .reference("large:1");

    ImageSbom sbom = TestSboms.of(temp, image, List.of(new PythonCataloger(64)));

    assertThat(TestSboms.packages(sbom)).extracting(Package::name).containsExactly("idna");
    assertThat(sbom.warnings()).singleElement().satisfies(warning -> {
      assertThat(warning.path()).isEqualTo(DIST_PACKAGES + "six-1.16.0.dist-info/METADATA");
      assertThat(warning.cataloger()).isEqualTo("python");
      assertThat(warning.message()).contains("64");
    });
  }

  @ParameterizedTest
  @CsvSource({
    "usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA, true",
    "usr/local/lib/python3.12/site-packages/six-1.16.0.dist-info/METADATA, true",
    "opt/venv/lib/python3.11/site-packages/pip-24.0.dist-info/METADATA, true",
    "usr/lib/python3/dist-packages/chardet-5.1.0.egg-info/PKG-INFO, true",
    "usr/lib/python2.7/lib-dynload/Python-2.7.egg-info, true",
    "usr/share/doc/six-1.16.0.dist-info/METADATA, false",
    "usr/lib/python3/dist-packages/six-1.16.0.dist-info/RECORD, false",
    "usr/lib/python3/dist-packages/.dist-info/METADATA, false",
    "METADATA, false",
    ".egg-info, false",
    "srv/app/PKG-INFO, false",
  })
  void metadataPathsAreRecognized(String path, boolean expected) {
    assertThat(PythonCataloger.isMetadataPath(path)).isEqualTo(expected);
  }

  private List<Package> catalog(TestImage testImage) throws IOException {
    return TestSboms.packages(TestSboms.of(temp, testImage, List.of(new PythonCataloger())));
  }


  private static String metadata(String name, String version) {
    return "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n";
  }
}
