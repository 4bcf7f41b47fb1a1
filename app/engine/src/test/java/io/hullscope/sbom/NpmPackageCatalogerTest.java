package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NpmPackageCatalogerTest {

  private static final String PATH = "usr/src/app/node_modules/@babel/core/package.json";

  private final NpmPackageCataloger cataloger = new NpmPackageCataloger();

  @ParameterizedTest
  @CsvSource({
    "node_modules/left-pad/package.json, true",
    "usr/src/app/node_modules/@babel/core/package.json, true",
    "usr/local/lib/node_modules/npm/package.json, true",
    "usr/lib/node_modules/npm/node_modules/@npmcli/arborist/package.json, true",
    "app/node_modules/a/node_modules/b/package.json, true",
    "app/node_modules/.pnpm/b@1.0.0/node_modules/b/package.json, true",
    "package.json, false",
    "usr/src/app/package.json, false",
    "node_modules/package.json, false",
    "node_modules/left-pad/lib/package.json, false",
    "node_modules/left-pad/test/fixtures/package.json, false",
    "node_modules/@babel/package.json, false",
    "node_modules/@/core/package.json, false",
    "node_modules/.bin/package.json, false",
    "my_node_modules/left-pad/package.json, false",
    "node_modules/left-pad/package.json.bak, false",
    "node_modules/left-pad/.package.json, false",
  })
  void wantsOnlyPackageFolderManifests(String path, boolean expected) {
    assertThat(cataloger.wants(TestEntries.file(path))).isEqualTo(expected);
  }

  @Test
  void scopedPackageGivesAllFields() throws IOException {
    String json = """
        {
          "name": "@babel/core",
          "version": "7.24.0",
          "license": "MIT",
          "dependencies": {"@babel/generator": "^7.23.6", "debug": "^4.1.0", "semver": "^6.3.1"},
          "optionalDependencies": {"fsevents": "~2.3.2", "debug": "^4.1.0"},
          "devDependencies": {"jest": "^29.0.0"},
          "peerDependencies": {"react": "*"}
        }
        """;

    Package pkg = readOne(json);

    assertThat(pkg.name()).isEqualTo("@babel/core");
    assertThat(pkg.version()).isEqualTo("7.24.0");
    assertThat(pkg.type()).isEqualTo("npm");
    assertThat(pkg.purl()).isEqualTo("pkg:npm/%40babel/core@7.24.0");
    assertThat(pkg.licenses()).containsExactly("MIT");
    assertThat(pkg.dependencies()).containsExactly("@babel/generator", "debug", "semver", "fsevents");
    assertThat(pkg.evidencePath()).isEqualTo(PATH);
    assertThat(pkg.sourceName()).isNull();
    assertThat(pkg.architecture()).isNull();
  }

  @Test
  void unscopedPackageHasNoNamespace() throws IOException {
    Package pkg = readOne("{\"name\": \"left-pad\", \"version\": \"1.3.0\", \"license\": \"WTFPL\"}");

    assertThat(pkg.purl()).isEqualTo("pkg:npm/left-pad@1.3.0");
    assertThat(pkg.dependencies()).isEmpty();
  }

  @Test
  void prereleaseVersionIsEncodedInPurl() throws IOException {
    Package pkg = readOne("{\"name\": \"typescript\", \"version\": \"5.5.0-dev.20240501+sha.abc\"}");

    assertThat(pkg.version()).isEqualTo("5.5.0-dev.20240501+sha.abc");
    assertThat(pkg.purl()).isEqualTo("pkg:npm/typescript@5.5.0-dev.20240501%2Bsha.abc");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"license\": \"MIT\"                                              | MIT",
        "\"license\": \"(MIT OR Apache-2.0)\"                               | (MIT OR Apache-2.0)",
        "\"license\": \"SEE LICENSE IN LICENSE.md\"                         | SEE LICENSE IN LICENSE.md",
        "\"license\": {\"type\": \"BSD-3-Clause\", \"url\": \"http://x\"}     | BSD-3-Clause",
        "\"licenses\": [{\"type\": \"MIT\"}, {\"type\": \"GPL-2.0\"}]          | MIT;GPL-2.0",
        "\"licenses\": [\"ISC\", \" ISC \"]                                   | ISC",
        "\"license\": [\"MIT\", {\"type\": \"Apache-2.0\"}]                  | MIT;Apache-2.0",
        "\"license\": \"MIT\"; \"licenses\": [{\"type\": \"MIT\"}]            | MIT",
      })
  void licenseFormsAreRead(String fields, String expected) throws IOException {
    String json = "{\"name\": \"x\", \"version\": \"1.0.0\", " + fields.replace(';', ',') + "}";

    Package pkg = readOne(json);

    assertThat(pkg.licenses()).containsExactly(expected.split(";"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "\"license\": 42",
    "\"license\": {\"url\": \"http://example.com\"}",
    "\"license\": \"\"",
    "\"license\": \"MIT\\u001b[2J\"",
    "\"licenses\": [null, true]",
  })
  void invalidLicenseIsIgnored(String field) throws IOException {
    Package pkg = readOne("{\"name\": \"x\", \"version\": \"1.0.0\", " + field + "}");

    assertThat(pkg.name()).isEqualTo("x");
    assertThat(pkg.licenses()).isEmpty();
  }

  @Test
  void missingNameIsRejected() {
    assertThatThrownBy(() -> read("{\"version\": \"1.0.0\"}"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(PATH + " has no \"name\", so it does not describe an installed package");
  }

  @Test
  void missingVersionIsRejected() {
    assertThatThrownBy(() -> read("{\"name\": \"x\", \"private\": true}"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(PATH + " has no \"version\" for package x");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"version\": 1                | a number",
        "\"version\": 1.5              | a number",
        "\"version\": {\"major\": 1}   | an object",
        "\"version\": [\"1.0.0\"]      | an array",
        "\"version\": true             | a boolean",
      })
  void versionOfWrongTypeIsRejected(String field, String type) {
    assertThatThrownBy(() -> read("{\"name\": \"x\", " + field + "}"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(PATH + ": package x has an invalid \"version\": expected a string, found " + type);
  }

  @Test
  void nameOfWrongTypeIsRejected() {
    assertThatThrownBy(() -> read("{\"name\": {\"first\": \"x\"}, \"version\": \"1.0.0\"}"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(PATH + ": the package has an invalid \"name\": expected a string, found an object");
  }

  @Test
  void dependenciesArrayIsIgnored() throws IOException {
    String json = "{\"name\": \"x\", \"version\": \"1.0.0\", \"dependencies\": [\"a\", \"b\"],"
        + " \"optionalDependencies\": {\"c\": \"1\"}}";

    Package pkg = readOne(json);

    assertThat(pkg.name()).isEqualTo("x");
    assertThat(pkg.dependencies()).containsExactly("c");
  }

  @Test
  void dependenciesAsStringAreIgnored() throws IOException {
    Package pkg = readOne("{\"name\": \"x\", \"version\": \"1.0.0\", \"dependencies\": \"a\"}");

    assertThat(pkg.dependencies()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "../../etc/passwd",
    "..",
    ".hidden",
    "@scope/../x",
    "@../x",
    "a/b",
    "@scope",
    "@scope/",
    "left pad",
    "x\\u001b[31m",
    "x\\nfake: line",
    "abc\\u202Egpj",
    "name\\u0000",
  })
  void invalidNameIsRejected(String name) {
    assertThatThrownBy(() -> read("{\"name\": \"" + name + "\", \"version\": \"1.0.0\"}"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageStartingWith(PATH + " has an invalid package name '");
  }

  @Test
  void rejectedNameIsQuotedWithEscapes() {
    assertThatThrownBy(() -> read("{\"name\": \"x\\u001b[31m\", \"version\": \"1.0.0\"}"))
        .hasMessage(PATH + " has an invalid package name 'x\\u001B[31m'");
  }

  @Test
  void versionWithControlCharacterIsRejected() {
    assertThatThrownBy(() -> read("{\"name\": \"x\", \"version\": \"1.0.0\\r\\nInjected: yes\"}"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(PATH + " has an invalid version '1.0.0\\u000D\\u000AInjected: yes' for package x");
  }

  @Test
  void overlongVersionIsRejected() {
    assertThatThrownBy(() -> read("{\"name\": \"x\", \"version\": \"1." + "0".repeat(300) + "\"}"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("has an invalid version");
  }

  @Test
  void invalidDependencyNamesAreDropped() throws IOException {
    String json = "{\"name\": \"x\", \"version\": \"1.0.0\", \"dependencies\":"
        + " {\"../../etc\": \"1\", \"ok\": \"1\", \"bad\\u0007\": \"1\", \"@s/fine\": \"2\"}}";

    Package pkg = readOne(json);

    assertThat(pkg.dependencies()).containsExactly("ok", "@s/fine");
  }

  @Test
  void legacyUpperCaseNameIsAccepted() throws IOException {
    Package pkg = readOne("{\"name\": \"JSONStream\", \"version\": \"1.3.5\"}");

    assertThat(pkg.name()).isEqualTo("JSONStream");
    // packageurl-java 1.5.0 keeps the case of npm names, which matches the registry's name.
    assertThat(pkg.purl()).isEqualTo("pkg:npm/JSONStream@1.3.5");
  }

  @Test
  void rootArrayIsRejected() {
    assertThatThrownBy(() -> read("[{\"name\": \"x\", \"version\": \"1.0.0\"}]"))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessage(PATH + " is not an npm package manifest: expected a JSON object, found an array");
  }

  @Test
  void truncatedManifestIsRejected() {
    String json = "{\"name\": \"left-pad\", \"version\": \"1.3.0\", \"license\": \"WTFPL\"}";

    assertThatThrownBy(() -> cataloger.read(PATH, HostileInputs.truncated(json)))
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
  void oversizedManifestIsRejectedAfterLimit() {
    NpmPackageCataloger small = new NpmPackageCataloger(4096, 64);
    HostileInputs.CountingSpaces endless = new HostileInputs.CountingSpaces(1L << 30);

    assertThatThrownBy(() -> small.read(PATH, endless))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("larger than the limit of 4096 bytes");
    assertThat(endless.bytesRead()).isEqualTo(4097);
  }

  @Test
  void deeplyNestedManifestIsRejected() {
    assertThatThrownBy(() -> cataloger.read(PATH, HostileInputs.nestedObjectsInPackage(100_000)))
        .isInstanceOf(PackageDatabaseException.class)
        .hasMessageContaining("maximum nesting depth 64");
  }

  @Test
  void nestingWithinLimitIsAccepted() throws IOException {
    List<Package> packages = cataloger.read(PATH, HostileInputs.nestedObjectsInPackage(60));

    assertThat(packages).extracting(Package::name).containsExactly("deep");
  }

  @Test
  void oldNpmFieldsDoNotMatter() throws IOException {
    // npm 2 and 3 stored install details in underscore fields and the readme in the manifest.
    String json = """
        {"name": "ms", "version": "2.0.0", "_id": "ms@2.0.0", "_from": "ms@2.0.0",
         "_resolved": "https://registry.invalid/ms/-/ms-2.0.0.tgz", "readme": "# ms\\n...",
         "license": "MIT", "dependencies": {}}
        """;

    Package pkg = readOne(json);

    assertThat(pkg.purl()).isEqualTo("pkg:npm/ms@2.0.0");
    assertThat(pkg.dependencies()).isEmpty();
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
