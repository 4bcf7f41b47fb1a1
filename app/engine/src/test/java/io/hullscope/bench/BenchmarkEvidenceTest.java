package io.hullscope.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.sbom.Cataloger;
import io.hullscope.sbom.Catalogers;
import io.hullscope.sbom.ImagePackage;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.SbomCollector;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that the package evidence of the benchmark image is read by the real catalogers as
 * intended, on the image without its generated file layers: base system (layer 0), apt layer
 * (layer 1) and application layer (layer 2).
 */
class BenchmarkEvidenceTest {

  private static final int APPLICATION_LAYER = 2;

  @TempDir static Path temp;

  private static ImageSbom sbom;

  @BeforeAll
  static void catalogSmallImage() throws IOException {
    Path layout = BenchmarkImageGenerator.generate(temp.resolve("image"), 0);
    try (ImageSource source = FileSources.open(layout);
        Image image = source.open(source.listImages().get(0).key(), null, ProgressListener.NONE)) {
      SbomCollector collector = new SbomCollector(Catalogers.defaults(), CatalogCache.NONE);
      ImageAnalysis analysis = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT, List.of(collector))
          .analyze(image, ProgressListener.NONE);
      sbom = collector.build(analysis, "test");
    }
  }

  @Test
  void everyEvidenceFileIsReadWithoutWarnings() {
    assertThat(sbom.warnings()).isEmpty();
  }

  @Test
  void distroIsDebianBookworm() {
    assertThat(sbom.distro()).isNotNull();
    assertThat(sbom.distro().id()).isEqualTo("debian");
    assertThat(sbom.distro().versionId()).isEqualTo("12");
  }

  @Test
  void debianPackagesComeFromTheRewrittenStatus() {
    List<ImagePackage> debian = ofType("deb");

    assertThat(debian).hasSize(BenchmarkEvidence.BASE_DEBIAN_PACKAGES + BenchmarkEvidence.APT_ADDED_PACKAGES);
    assertThat(debian).allSatisfy(pkg ->
        assertThat(pkg.pkg().evidencePath()).isEqualTo(BenchmarkEvidence.DPKG_STATUS));
  }

  @Test
  void aptLayerAddsAndUpgradesPackages() {
    List<ImagePackage> debian = ofType("deb");

    assertThat(debian).filteredOn(pkg -> pkg.addedLayer() == 0)
        .hasSize(BenchmarkEvidence.BASE_DEBIAN_PACKAGES);
    assertThat(debian).filteredOn(pkg -> pkg.addedLayer() == 1)
        .hasSize(BenchmarkEvidence.APT_ADDED_PACKAGES);
    assertThat(debian).filteredOn(pkg -> pkg.addedLayer() == 0 && pkg.changedLayer() == 1)
        .hasSize(BenchmarkEvidence.APT_UPGRADED_PACKAGES);
  }

  @Test
  void debianDependenciesNameListedPackages() {
    Set<String> names = ofType("deb").stream().map(pkg -> pkg.pkg().name()).collect(Collectors.toSet());
    List<String> dependencies = ofType("deb").stream().flatMap(pkg -> pkg.pkg().dependencies().stream()).toList();

    assertThat(dependencies).isNotEmpty();
    assertThat(names).containsAll(dependencies);
  }

  @Test
  void pythonPackagesComeFromEveryLayer() {
    List<ImagePackage> python = ofType("pypi");

    assertThat(python).filteredOn(pkg -> pkg.addedLayer() == 0).hasSize(BenchmarkEvidence.BASE_PYTHON_PACKAGES);
    assertThat(python).filteredOn(pkg -> pkg.addedLayer() == 1).hasSize(BenchmarkEvidence.APT_PYTHON_PACKAGES);
    assertThat(python).filteredOn(pkg -> pkg.addedLayer() == APPLICATION_LAYER)
        .hasSize(BenchmarkEvidence.APP_PYTHON_PACKAGES);
  }

  /**
   * Checks the language catalogers other than Python that are in the default list. Each must find
   * the number of packages the generator wrote into the application layer.
   */
  @Test
  void applicationPackagesMatchTheGeneratedCount() {
    Map<String, Integer> expectedByCataloger = Map.of(
        "npm", BenchmarkEvidence.NPM_TOP_LEVEL_PACKAGES + BenchmarkEvidence.NPM_NESTED_PACKAGES
            + BenchmarkEvidence.NPM_DEEP_PACKAGES,
        // The library jars, the artifacts shaded into one of them, the fat jar and its libraries.
        "java", BenchmarkJars.LIBRARY_JARS + BenchmarkJars.SHADED_ARTIFACTS + 1 + BenchmarkJars.FAT_JAR_LIBRARIES,
        // Go modules per executable: the main module, its dependency modules and the standard library.
        "binary", (1 + 4 + 1) + (1 + 1 + 1));
    Map<String, String> typeByCataloger = Map.of("npm", "npm", "java", "maven", "binary", "golang");
    Set<String> present = Catalogers.defaults().stream().map(Cataloger::name).collect(Collectors.toSet());

    for (var expected : expectedByCataloger.entrySet()) {
      if (present.contains(expected.getKey())) {
        assertThat(ofType(typeByCataloger.get(expected.getKey())))
            .as("packages of the %s cataloger", expected.getKey())
            .hasSize(expected.getValue());
      }
    }
  }

  @Test
  void sameSeedWritesSameImage() throws IOException {
    Path again = BenchmarkImageGenerator.generate(temp.resolve("again"), 0);

    assertThat(Files.readString(again.resolve("index.json")))
        .isEqualTo(Files.readString(temp.resolve("image/index.json")));
  }

  private static List<ImagePackage> ofType(String type) {
    return sbom.packages().stream().filter(pkg -> pkg.pkg().type().equals(type)).toList();
  }
}
