package io.hullscope.sbom;

import static io.hullscope.sbom.JarFixtures.jar;
import static io.hullscope.sbom.JarFixtures.pomProperties;
import static io.hullscope.sbom.JarFixtures.sha1;
import static io.hullscope.sbom.JarFixtures.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java archive cataloger inside a whole SBOM build, as the CLI and the desktop run it. */
class JavaArchiveImageTest {

  private static final String DEBIAN_RELEASE = "ID=debian\nVERSION_ID=\"12\"\n";

  @TempDir Path temp;

  @Test
  void fatJarPackagesGetLayers() throws IOException {
    byte[] lib = jar(pomProperties("org.slf4j", "slf4j-api", "2.0.13"));
    byte[] app = jar(pomProperties("com.example", "app", "1.0"), stored("BOOT-INF/lib/slf4j-api-2.0.13.jar", lib));
    byte[] upgradedApp = jar(pomProperties("com.example", "app", "1.1"), stored("BOOT-INF/lib/slf4j-api-2.0.13.jar", lib));
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder().file("etc/os-release", DEBIAN_RELEASE).file("app/app.jar", app, 0644).build())
        .layer(new TarBuilder().file("app/app.jar", upgradedApp, 0644).build())
        .reference("javaapp:1");

    ImageSbom sbom = TestSboms.of(temp, image, Catalogers.defaults());

    assertThat(sbom.packages())
        .extracting(p -> p.pkg().purl(), ImagePackage::addedLayer, ImagePackage::changedLayer)
        .containsExactlyInAnyOrder(
            tuple("pkg:maven/com.example/app@1.1", 0, 1),
            tuple("pkg:maven/org.slf4j/slf4j-api@2.0.13", 0, 0));
    Package upgraded = sbom.packages().stream().map(ImagePackage::pkg).filter(p -> p.name().equals("app")).findFirst()
        .orElseThrow();
    assertThat(upgraded.hashes()).containsEntry("SHA-1", sha1(upgradedApp));
    assertThat(sbom.warnings()).isEmpty();
  }

  @Test
  void brokenJarGivesWarningAndOthersAreListed() throws IOException {
    byte[] good = jar(pomProperties("org.slf4j", "slf4j-api", "2.0.13"));
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder()
            .file("usr/share/java/broken.jar", "not a zip archive, only text".repeat(3))
            .file("usr/share/java/slf4j-api-2.0.13.jar", good, 0644)
            .build())
        .reference("broken:1");

    ImageSbom sbom = TestSboms.of(temp, image, List.of(new JavaArchiveCataloger()));

    assertThat(TestSboms.packages(sbom)).extracting(Package::purl)
        .containsExactly("pkg:maven/org.slf4j/slf4j-api@2.0.13");
    assertThat(sbom.warnings()).singleElement().satisfies(warning -> {
      assertThat(warning.path()).isEqualTo("usr/share/java/broken.jar");
      assertThat(warning.cataloger()).isEqualTo("java");
      assertThat(warning.message()).contains("usr/share/java/broken.jar is not a ZIP archive");
    });
  }

  @Test
  void packageWithoutPurlSurvivesDistro() throws IOException {
    byte[] plain = jar(JarFixtures.classFile("a/B.class"));
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder().file("etc/os-release", DEBIAN_RELEASE).file("opt/lib/plain-3.2.jar", plain, 0644).build())
        .reference("plain:1");

    ImageSbom sbom = TestSboms.of(temp, image, Catalogers.defaults());

    assertThat(TestSboms.packages(sbom)).singleElement().satisfies(pkg -> {
      assertThat(pkg.name()).isEqualTo("plain");
      assertThat(pkg.version()).isEqualTo("3.2");
      assertThat(pkg.purl()).isNull();
    });
    String cycloneDx = CycloneDxExporter.toJson(sbom, Instant.EPOCH);
    assertThat(cycloneDx).contains("\"name\" : \"plain\"").contains(sha1(plain));
    assertThat(SpdxExporter.toJson(sbom, Instant.EPOCH)).contains(sha1(plain));
  }
}
