package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ComposerInstalledCatalogerTest {

  private static final String PATH = "var/www/html/vendor/composer/installed.json";

  private final ComposerInstalledCataloger cataloger = new ComposerInstalledCataloger();

  @ParameterizedTest
  @CsvSource({
    "vendor/composer/installed.json, true",
    "var/www/html/vendor/composer/installed.json, true",
    "var/www/html/vendor/composer/installed.php, false",
    "var/www/html/vendor/composer/installed.json.bak, false",
    "var/www/html/myvendor/composer/installed.json, false",
    "var/www/html/composer/installed.json, false",
    "var/www/html/composer.lock, false",
  })
  void wantsOnlyInstalledJson(String path, boolean expected) {
    assertThat(cataloger.wants(TestEntries.file(path))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lang/php/composer1-installed.json", "lang/php/composer2-installed.json"})
  void fixtureGivesBothPackages(String fixture) throws IOException {
    List<Package> packages;
    try (InputStream in = Files.newInputStream(TestData.file(fixture))) {
      packages = cataloger.read(PATH, in);
    }

    assertThat(packages).hasSize(2);
    Package cors = packages.get(0);
    assertThat(cors.name()).isEqualTo("asm89/stack-cors");
    assertThat(cors.version()).isEqualTo("1.3.0");
    assertThat(cors.type()).isEqualTo("composer");
    assertThat(cors.purl()).isEqualTo("pkg:composer/asm89/stack-cors@1.3.0");
    assertThat(cors.licenses()).containsExactly("MIT");
    assertThat(cors.dependencies()).containsExactly("symfony/http-foundation", "symfony/http-kernel");
    assertThat(cors.evidencePath()).isEqualTo(PATH);

    Package mink = packages.get(1);
    assertThat(mink.name()).isEqualTo("behat/mink");
    assertThat(mink.version()).isEqualTo("v1.8.1");
    assertThat(mink.purl()).isEqualTo("pkg:composer/behat/mink@v1.8.1");
    assertThat(mink.licenses()).containsExactly("MIT");
    assertThat(mink.dependencies()).containsExactly("symfony/css-selector");
  }

  @Test
  void platformRequirementsAreNotDependencies() throws IOException {
    String json = """
        [{"name": "a/b", "version": "1.0.0", "require": {
          "php": ">=8.1", "php-64bit": "*", "ext-json": "*", "ext-mbstring": "*", "lib-icu": ">=60",
          "composer-plugin-api": "^2.0", "composer-runtime-api": "^2.2", "psr/log": "^3.0"}}]
        """;

    assertThat(readOne(json).dependencies()).containsExactly("psr/log");
  }

  @Test
  void requireDevIsNotRead() throws IOException {
    String json = "[{\"name\": \"a/b\", \"version\": \"1.0.0\", \"require-dev\": {\"phpunit/phpunit\": \"^10\"}}]";

    assertThat(readOne(json).dependencies()).isEmpty();
  }

  @Test
  void licenseAsStringIsAccepted() throws IOException {
    assertThat(readOne("[{\"name\": \"a/b\", \"version\": \"1.0.0\", \"license\": \"GPL-2.0-or-later\"}]").licenses())
        .containsExactly("GPL-2.0-or-later");
  }

  @Test
  void licensesOfWrongTypeAreIgnored() throws IOException {
    String json = "[{\"name\": \"a/b\", \"version\": \"1.0.0\", \"license\": [42, \"MIT\", {\"x\": 1}, \"\", \"BSD\\u0000\"]}]";

    assertThat(readOne(json).licenses()).containsExactly("MIT");
  }

  @Test
  void emptyPackageListGivesNoPackages() throws IOException {
    assertThat(read("{\"packages\": [], \"dev\": true, \"dev-package-names\": []}")).isEmpty();
    assertThat(read("[]")).isEmpty();
  }

  @Test
  void invalidEntryIsSkippedAndOthersKept() throws IOException {
    String json = """
        {"packages": [
          {"name": "a/one", "version": "1.0.0"},
          {"version": "2.0.0"},
          "not an object",
          {"name": "a/two", "version": 2},
          {"name": "../../etc/passwd", "version": "1.0.0"},
          {"name": "a/three", "version": "3.0.0"}
        ]}
        """;

    List<Package> packages = read(json);

    assertThat(packages).extracting(Package::name).containsExactly("a/one", "a/three");
  }

  @Test
  void fileWithOnlyInvalidEntriesIsRejected() {
    String json = "[{\"name\": \"a/b\", \"version\": {\"pretty\": \"1.0\"}}, {\"name\": \"a/c\"}]";

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(PATH + " has no valid package entry. The first problem: " + PATH
            + ": package a/b has an invalid \"version\": expected a string, found an object");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"version\": 1          | a number",
        "\"version\": [\"1.0\"]   | an array",
        "\"version\": true       | a boolean",
      })
  void versionOfWrongTypeIsRejected(String field, String type) {
    assertThatThrownBy(() -> read("[{\"name\": \"a/b\", " + field + "}]"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageEndingWith("package a/b has an invalid \"version\": expected a string, found " + type);
  }

  @Test
  void requireOfWrongTypeIsIgnored() throws IOException {
    Package pkg = readOne("[{\"name\": \"a/b\", \"version\": \"1.0.0\", \"require\": [\"psr/log\"]}]");

    assertThat(pkg.name()).isEqualTo("a/b");
    assertThat(pkg.dependencies()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "../../etc/passwd",
    "../x",
    "vendor/../x",
    "vendor/..",
    "./x",
    "nobody",
    "a/b/c",
    "/abs/path",
    "a b/c",
    "vendor/x\\u001b[31m",
    "vendor/x\\nInjected",
    "vendor/\\u202Ex",
  })
  void invalidNameIsRejected(String name) {
    assertThatThrownBy(() -> read("[{\"name\": \"" + name + "\", \"version\": \"1.0.0\"}]"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("package entry 1 has an invalid package name '");
  }

  @Test
  void versionWithControlCharacterIsRejected() {
    assertThatThrownBy(() -> read("[{\"name\": \"a/b\", \"version\": \"1.0\\u001b[2J\"}]"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageEndingWith("package a/b has an invalid version '1.0\\u001B[2J'");
  }

  @Test
  void invalidRequirementNamesAreDropped() throws IOException {
    String json = "[{\"name\": \"a/b\", \"version\": \"1.0.0\", \"require\":"
        + " {\"../../x/y\": \"*\", \"c/d\": \"*\", \"e/f\\u0007\": \"*\"}}]";

    assertThat(readOne(json).dependencies()).containsExactly("c/d");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"packages\"", "42", "{\"packages\": {}}", "{\"dev\": true}", "null"})
  void rootOfWrongTypeIsRejected(String json) {
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageStartingWith(PATH + " is not a Composer installed.json: expected an array of packages");
  }

  @Test
  void truncatedFixtureIsRejected() throws IOException {
    String fixture = Files.readString(TestData.file("lang/php/composer2-installed.json"));

    assertThatThrownBy(() -> cataloger.read(PATH, HostileInputs.truncated(fixture)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageStartingWith(PATH + " is not valid JSON");
  }

  @Test
  void binaryGarbageIsRejected() {
    assertThatThrownBy(() -> cataloger.read(PATH, HostileInputs.garbage(10_000)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageStartingWith(PATH + " is not valid JSON");
  }

  @Test
  void oversizedFileIsRejectedAfterLimit() {
    ComposerInstalledCataloger small = new ComposerInstalledCataloger(4096, 64);
    HostileInputs.CountingSpaces endless = new HostileInputs.CountingSpaces(1L << 30);

    assertThatThrownBy(() -> small.read(PATH, endless))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("larger than the limit of 4096 bytes");
    assertThat(endless.bytesRead()).isEqualTo(4097);
  }

  @Test
  void deeplyNestedExtraIsRejected() {
    String json = "[{\"name\": \"a/b\", \"version\": \"1.0.0\", \"extra\": " + "[".repeat(1000) + "]".repeat(1000) + "}]";

    assertThatThrownBy(() -> read(json))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("maximum nesting depth 64");
  }

  private List<Package> read(String json) throws IOException {
    return cataloger.read(PATH, HostileInputs.text(json));
  }

  private Package readOne(String json) throws IOException {
    List<Package> packages = read(json);
    assertThat(packages).hasSize(1);
    return packages.get(0);
  }
}
