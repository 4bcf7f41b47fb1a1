package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.ImageArchiveBuilder.TestImage;
import io.hullscope.testing.TarBuilder;
import io.hullscope.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds the SBOM of an image with npm, gem, Composer and .NET metadata through the default catalogers. */
class LanguagePackagesImageTest {

  private static final String MODULES = "usr/src/app/node_modules/";

  @TempDir Path temp;

  @Test
  void languagePackagesGetLayersAndWarnings() throws IOException {
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder()
            .file(MODULES + "express/package.json", manifest("express", "4.19.2", "\"debug\": \"2.6.9\""))
            .file(MODULES + "debug/package.json", manifest("debug", "2.6.9", "\"ms\": \"2.0.0\""))
            .file(MODULES + "debug/node_modules/ms/package.json", manifest("ms", "2.0.0", ""))
            .file(MODULES + "debug/test/package.json", "{\"private\": true}")
            .file(MODULES + "broken/package.json", "{\"name\": \"broken\", \"vers")
            .file("usr/local/bundle/specifications/bundler-2.1.4.gemspec", fixture("lang/ruby/bundler.gemspec"))
            .file("var/www/html/vendor/composer/installed.json", fixture("lang/php/composer2-installed.json"))
            .file("app/TestLibrary.deps.json", fixture("lang/dotnet/TestLibrary.deps.json"))
            .build())
        .layer(new TarBuilder()
            .file(MODULES + "debug/package.json", manifest("debug", "2.6.10", "\"ms\": \"2.0.0\""))
            .build())
        .reference("languages:1");

    ImageSbom sbom = TestSboms.of(temp, image, Catalogers.defaults());

    assertThat(sbom.countsByType()).containsExactly(
        Map.entry("nuget", 12), Map.entry("npm", 3), Map.entry("composer", 2), Map.entry("gem", 1));
    assertThat(sbom.packages())
        .filteredOn(found -> found.pkg().type().equals("npm"))
        .extracting(found -> found.pkg().purl(), ImagePackage::addedLayer, ImagePackage::changedLayer)
        .containsExactlyInAnyOrder(
            tuple("pkg:npm/express@4.19.2", 0, 0),
            tuple("pkg:npm/debug@2.6.10", 0, 1),
            tuple("pkg:npm/ms@2.0.0", 0, 0));
    assertThat(TestSboms.packages(sbom)).extracting(Package::purl)
        .contains("pkg:gem/bundler@2.1.4", "pkg:composer/behat/mink@v1.8.1", "pkg:nuget/Serilog@2.10.0");
    assertThat(sbom.warnings()).extracting(CatalogWarning::path, CatalogWarning::cataloger)
        .containsExactly(tuple(MODULES + "broken/package.json", "npm"));
    assertThat(sbom.warnings().get(0).message()).startsWith(MODULES + "broken/package.json is not valid JSON");
  }

  @Test
  void npmDependenciesResolveToNestedPackages() throws IOException {
    TestImage image = ImageArchiveBuilder.image()
        .layer(new TarBuilder()
            .file(MODULES + "express/package.json", manifest("express", "4.19.2", "\"debug\": \"2.6.9\""))
            .file(MODULES + "debug/package.json", manifest("debug", "4.3.4", ""))
            .file(MODULES + "express/node_modules/debug/package.json", manifest("debug", "2.6.9", ""))
            .build())
        .reference("nested:1");

    ImageSbom sbom = TestSboms.of(temp, image, Catalogers.defaults());

    Map<ImagePackage, List<ImagePackage>> graph = sbom.dependencies();
    ImagePackage express = sbom.packages().stream()
        .filter(found -> found.pkg().name().equals("express")).findFirst().orElseThrow();
    assertThat(graph.get(express)).extracting(found -> found.pkg().version()).containsExactly("2.6.9");
  }

  private static String manifest(String name, String version, String dependencies) {
    return "{\"name\": \"" + name + "\", \"version\": \"" + version + "\", \"license\": \"MIT\","
        + " \"dependencies\": {" + dependencies + "}}";
  }

  private static String fixture(String relative) throws IOException {
    return Files.readString(TestData.file(relative));
  }
}
