package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.hullscope.image.Digest;
import io.hullscope.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feeds the SBOM importer broken and hostile documents. */
class SbomImporterHostileTest {

  private final SbomImporter importer = new SbomImporter();

  @TempDir
  Path temp;

  @Test
  void truncatedJsonNamesFileAndPosition() throws IOException {
    byte[] full = Files.readAllBytes(TestData.file("sbom/trivy-centos-7-cyclonedx-1.5.json"));
    byte[] truncated = Arrays.copyOf(full, full.length / 2);

    assertThatThrownBy(() -> importer.read("trivy.json", truncated))
        .isInstanceOf(SbomImportException.class)
        .hasMessageStartingWith("failed to import SBOM trivy.json: invalid JSON: ")
        .hasMessageContaining("line ");
  }

  @Test
  void truncatedXmlNamesFile() throws IOException {
    String xml = CycloneDxExporter.toXml(SbomRoundTripTest.SUBJECT, SbomRoundTripTest.BOOKWORM,
        SbomRoundTripTest.packages(), Instant.parse("2026-12-04T10:00:00Z"));
    byte[] truncated = Arrays.copyOf(xml.getBytes(StandardCharsets.UTF_8), xml.length() / 2);

    assertThatThrownBy(() -> importer.read("ours.xml", truncated))
        .isInstanceOf(SbomImportException.class)
        .hasMessageStartingWith("failed to import SBOM ours.xml: invalid XML at line ");
  }

  @Test
  void binaryGarbageIsRejected() {
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);
    garbage[0] = '{';
    garbage[100] = 0;

    assertThatThrownBy(() -> importer.read("garbage.bin", garbage))
        .isInstanceOf(SbomImportException.class)
        .hasMessageContaining("garbage.bin")
        .hasMessageContaining("binary");
  }

  @Test
  void textGarbageIsRejected() {
    assertThatThrownBy(() -> importer.read("notes.txt", "hello, world".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SbomImportException.class)
        .hasMessage("failed to import SBOM notes.txt: not a CycloneDX or SPDX document: it starts with neither '{' (JSON) nor '<' (XML)");
  }

  @Test
  void jsonGarbageAfterObjectIsRejected() {
    byte[] json = "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\"} trailing".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> importer.read("trailing.json", json))
        .isInstanceOf(SbomImportException.class)
        .hasMessageContaining("invalid JSON");
  }

  @Test
  void secondJsonValueIsRejected() {
    byte[] json = "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\"} {}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> importer.read("two.json", json))
        .isInstanceOf(SbomImportException.class)
        .hasMessageContaining("content after the end of the top-level object");
  }

  @Test
  void hugeStringInSpdxOverLimitIsRejected() {
    SbomImporter small = new SbomImporter(SbomImporter.DEFAULT_MAX_BYTES, 64, 10_000, 100);
    String json = "{\"spdxVersion\": \"SPDX-2.3\", \"packages\": [{\"name\": \"a\", \"description\": \""
        + "x".repeat(20_000) + "\"}]}";

    assertThatThrownBy(() -> small.read("huge.spdx.json", json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SbomImportException.class)
        .hasMessageContaining("exceeds the maximum");
  }

  @Test
  void emptyFileIsRejected() {
    assertThatThrownBy(() -> importer.read("empty.json", "\uFEFF \n".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SbomImportException.class)
        .hasMessage("failed to import SBOM empty.json: the file is empty");
  }

  @Test
  void topLevelJsonArrayIsRejected() {
    byte[] json = "[{\"bomFormat\": \"CycloneDX\"}]".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> importer.read("array.json", json))
        .isInstanceOf(SbomImportException.class)
        .hasMessageContaining("array.json")
        .hasMessageContaining("is an array");
  }

  @Test
  void unknownJsonObjectIsRejected() {
    byte[] json = "{\"SchemaVersion\": 2, \"Results\": []}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> importer.read("trivy-report.json", json))
        .isInstanceOf(SbomImportException.class)
        .hasMessageContaining("neither bomFormat (CycloneDX) nor spdxVersion (SPDX)");
  }

  @Test
  void unsupportedVersionsAreRejected() {
    byte[] cyclone = "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"2.0\"}".getBytes(StandardCharsets.UTF_8);
    byte[] spdx = "{\"spdxVersion\": \"SPDX-2.1\"}".getBytes(StandardCharsets.UTF_8);
    byte[] spdx3 = "{\"@context\": \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\", \"@graph\": []}"
        .getBytes(StandardCharsets.UTF_8);
    byte[] tagValue = "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> importer.read("a.json", cyclone)).hasMessageContaining("CycloneDX JSON version '2.0' is not supported");
    assertThatThrownBy(() -> importer.read("b.json", spdx)).hasMessageContaining("SPDX version 'SPDX-2.1' is not supported");
    assertThatThrownBy(() -> importer.read("c.json", spdx3)).hasMessageContaining("SPDX 3 (JSON-LD) is not supported");
    assertThatThrownBy(() -> importer.read("d.spdx", tagValue)).hasMessageContaining("tag-value");
  }

  @Test
  void wrongJsonTypesAreRejectedOrSkipped() throws IOException {
    byte[] components = "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"components\": \"none\"}"
        .getBytes(StandardCharsets.UTF_8);
    byte[] packages = "{\"spdxVersion\": \"SPDX-2.3\", \"packages\": {\"name\": \"x\"}}".getBytes(StandardCharsets.UTF_8);
    byte[] entries = """
        {"spdxVersion": "SPDX-2.3", "packages": [42, {"SPDXID": "SPDXRef-a", "name": 7},
          {"SPDXID": "SPDXRef-b", "name": "zlib", "versionInfo": ["1.3"]}]}
        """.getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> importer.read("a.json", components))
        .isInstanceOf(SbomImportException.class)
        .hasMessageContaining("invalid CycloneDX JSON");
    assertThatThrownBy(() -> importer.read("b.json", packages))
        .isInstanceOf(SbomImportException.class)
        .hasMessageContaining("'packages' is not an array");
    SbomImport imported = importer.read("c.json", entries);
    assertThat(imported.sbom().packages()).extracting(found -> found.pkg().name()).containsExactly("zlib");
    assertThat(imported.sbom().packages().get(0).pkg().version()).isNull();
    assertThat(imported.skipped()).containsExactly(Map.entry("invalid", 2));
  }

  @Test
  void hugeStringOverLimitIsRejected() {
    SbomImporter small = new SbomImporter(SbomImporter.DEFAULT_MAX_BYTES, 64, 10_000, 100);
    String json = "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"components\": [{\"type\": \"library\", \"name\": \""
        + "x".repeat(20_000) + "\"}]}";

    assertThatThrownBy(() -> small.read("huge.json", json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SbomImportException.class)
        .hasMessageContaining("huge.json")
        .hasMessageContaining("exceeds the maximum");
  }

  @Test
  void longNameUnderLimitIsLeftOutWithWarning() throws IOException {
    String json = "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"components\": ["
        + "{\"type\": \"library\", \"name\": \"" + "x".repeat(1_000_000) + "\"},"
        + "{\"type\": \"library\", \"name\": \"ok\", \"version\": \"1\"}]}";

    SbomImport imported = importer.read("long.json", json.getBytes(StandardCharsets.UTF_8));

    assertThat(imported.sbom().packages()).extracting(found -> found.pkg().name()).containsExactly("ok");
    assertThat(imported.skipped()).containsExactly(Map.entry("invalid", 1));
    assertThat(imported.sbom().warnings()).singleElement()
        .satisfies(warning -> assertThat(warning.message()).contains("longer than 4096").hasSizeLessThan(300));
  }

  @Test
  void hugeXmlTextOverLimitIsRejected() {
    SbomImporter small = new SbomImporter(SbomImporter.DEFAULT_MAX_BYTES, 64, 10_000, 100);
    String xml = "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components><component type=\"library\"><name>"
        + "x".repeat(20_000) + "</name></component></components></bom>";

    assertThatThrownBy(() -> small.read("huge.xml", xml.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SbomImportException.class)
        .hasMessage("failed to import SBOM huge.xml: an XML text is longer than the limit of 10000 characters");
  }

  @Test
  void deepJsonNestingIsRejected() {
    String json = "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"x\": " + "[".repeat(10_000)
        + "]".repeat(10_000) + "}";

    assertThatThrownBy(() -> importer.read("deep.json", json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SbomImportException.class)
        .hasMessageContaining("deep.json")
        .hasMessageContaining("nesting depth");
  }

  @Test
  void deepXmlNestingIsRejected() {
    String xml = "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">" + "<a>".repeat(10_000) + "</a>".repeat(10_000)
        + "</bom>";

    assertThatThrownBy(() -> importer.read("deep.xml", xml.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SbomImportException.class)
        .hasMessage("failed to import SBOM deep.xml: XML elements are nested deeper than 256 levels");
  }

  @Test
  void xmlExternalEntityIsNotResolved() throws IOException {
    Path secret = temp.resolve("secret.txt");
    Files.writeString(secret, "hullscope-secret-7f3a9c");
    String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE bom [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\" version=\"1\"><components>"
        + "<component type=\"library\"><name>&leak;</name><version>1</version></component></components></bom>";

    assertThatThrownBy(() -> importer.read("xxe.xml", xml.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SbomImportException.class)
        .hasMessageContaining("document type declaration")
        .satisfies(e -> assertThat(stackMessages(e)).doesNotContain("hullscope-secret-7f3a9c"));
  }

  @Test
  void xmlEntityWithoutDtdIsRejected() {
    String xml = "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components><component type=\"library\">"
        + "<name>&undeclared;</name></component></components></bom>";

    assertThatThrownBy(() -> importer.read("entity.xml", xml.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SbomImportException.class)
        .hasMessageContaining("entity.xml")
        .hasMessageContaining("undeclared");
  }

  @Test
  void xmlOutsideCycloneDxNamespaceIsRejected() {
    String other = "<bom xmlns=\"http://example.com/bom\"/>";
    String html = "<html><body/></html>";

    assertThatThrownBy(() -> importer.read("other.xml", other.getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("is not a CycloneDX namespace");
    assertThatThrownBy(() -> importer.read("page.html", html.getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("root element is 'html'");
  }

  @Test
  void invalidPurlIsDroppedWithWarning() throws IOException {
    String json = """
        {"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
          {"type": "library", "name": "broken", "version": "1.0", "purl": "pkg:/no-type@1.0"},
          {"type": "library", "name": "percent", "version": "1.0", "purl": "pkg:npm/%zz@1.0"}]}
        """;

    SbomImport imported = importer.read("purls.json", json.getBytes(StandardCharsets.UTF_8));

    assertThat(imported.sbom().packages()).extracting(found -> found.pkg().name()).containsExactly("broken", "percent");
    assertThat(imported.sbom().packages()).extracting(found -> found.pkg().purl()).containsOnlyNulls();
    assertThat(imported.sbom().packages()).extracting(found -> found.pkg().type()).containsOnly("generic");
    assertThat(imported.sbom().warnings()).extracting(CatalogWarning::message)
        .allMatch(message -> message.contains("invalid purl") && message.contains("kept without a purl"))
        .hasSize(2);
  }

  @Test
  void duplicatedBomRefsKeepBothPackages() throws IOException {
    String json = """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [
          {"bom-ref": "dup", "type": "library", "name": "first", "version": "1", "purl": "pkg:npm/first@1"},
          {"bom-ref": "dup", "type": "library", "name": "second", "version": "2", "purl": "pkg:npm/second@2"},
          {"bom-ref": "app", "type": "library", "name": "app", "version": "3", "purl": "pkg:npm/app@3"}],
         "dependencies": [{"ref": "app", "dependsOn": ["dup"]}]}
        """;

    SbomImport imported = importer.read("dup.json", json.getBytes(StandardCharsets.UTF_8));

    assertThat(imported.sbom().packages()).extracting(found -> found.pkg().name()).containsExactly("first", "second", "app");
    assertThat(imported.sbom().packages().get(2).pkg().dependencies()).containsExactly("first");
    assertThat(imported.sbom().warnings()).extracting(CatalogWarning::message)
        .containsExactly("bom-ref 'dup' is used by more than one component; dependencies naming it are attributed to the first, first");
  }

  @Test
  void cycloneDxDependencyCycleEnds() throws IOException {
    String json = """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [
          {"bom-ref": "a", "type": "library", "name": "a", "version": "1", "purl": "pkg:npm/a@1"},
          {"bom-ref": "b", "type": "library", "name": "b", "version": "1", "purl": "pkg:npm/b@1"}],
         "dependencies": [{"ref": "a", "dependsOn": ["b", "a"]}, {"ref": "b", "dependsOn": ["a"]}]}
        """;

    SbomImport imported = readWithin(Duration.ofSeconds(10), "cycle.json", json);

    assertThat(imported.sbom().packages().get(0).pkg().dependencies()).containsExactly("b");
    assertThat(imported.sbom().packages().get(1).pkg().dependencies()).containsExactly("a");
    assertThat(imported.sbom().dependencies()).hasSize(2);
  }

  @Test
  void spdxDependencyCycleEnds() throws IOException {
    String json = """
        {"spdxVersion": "SPDX-2.3", "packages": [
          {"SPDXID": "SPDXRef-a", "name": "a", "versionInfo": "1"},
          {"SPDXID": "SPDXRef-b", "name": "b", "versionInfo": "1"},
          {"SPDXID": "SPDXRef-c", "name": "c", "versionInfo": "1"}],
         "relationships": [
          {"spdxElementId": "SPDXRef-a", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-b"},
          {"spdxElementId": "SPDXRef-b", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-c"},
          {"spdxElementId": "SPDXRef-c", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-a"},
          {"spdxElementId": "SPDXRef-c", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-c"}]}
        """;

    SbomImport imported = readWithin(Duration.ofSeconds(10), "cycle.spdx.json", json);

    assertThat(imported.sbom().packages()).extracting(found -> found.pkg().dependencies())
        .containsExactly(List.of("b"), List.of("c"), List.of("a"));
  }

  @Test
  void nestedComponentsAreFoundWithoutRecursion() throws IOException {
    StringBuilder json = new StringBuilder("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"components\": [");
    int levels = 60;
    for (int i = 0; i < levels; i++) {
      json.append("{\"type\": \"library\", \"name\": \"n").append(i).append("\", \"components\": [");
    }
    json.append("]}".repeat(levels)).append("]}");

    SbomImport imported = importer.read("nested.json", json.toString().getBytes(StandardCharsets.UTF_8));

    assertThat(imported.sbom().packages()).hasSize(levels);
  }

  @Test
  void fileOverSizeLimitIsRejected() throws IOException {
    Path file = temp.resolve("big.json");
    Files.write(file, new byte[2048]);
    SbomImporter small = new SbomImporter(1024, 64, 1024, 10);

    assertThatThrownBy(() -> small.read(file))
        .isInstanceOf(SbomImportException.class)
        .hasMessageContaining("larger than the limit of 1024 bytes");
    assertThatThrownBy(() -> small.read("stream.json", new ByteArrayInputStream(new byte[2048])))
        .isInstanceOf(SbomImportException.class)
        .hasMessageContaining("stream.json");
  }

  @Test
  void missingFileNamesFile() {
    Path missing = temp.resolve("missing.json");

    assertThatThrownBy(() -> importer.read(missing))
        .isInstanceOf(SbomImportException.class)
        .hasMessage("SBOM file not found: " + missing);
  }

  @Test
  void warningsAreCapped() throws IOException {
    StringBuilder json = new StringBuilder("{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\", \"components\": [");
    for (int i = 0; i < 50; i++) {
      json.append(i == 0 ? "" : ",").append("{\"type\": \"library\", \"name\": \"p").append(i)
          .append("\", \"purl\": \"not a purl\"}");
    }
    json.append("]}");
    SbomImporter capped = new SbomImporter(SbomImporter.DEFAULT_MAX_BYTES, 64, 1024, 10);

    SbomImport imported = capped.read("many.json", json.toString().getBytes(StandardCharsets.UTF_8));

    assertThat(imported.sbom().packages()).hasSize(50);
    assertThat(imported.sbom().warnings()).hasSize(11);
    assertThat(imported.sbom().warnings().get(10).message()).isEqualTo("40 more warnings were left out");
  }

  @Test
  void invalidSubjectDigestLeavesSubjectUnknown() throws IOException {
    String json = """
        {"bomFormat": "CycloneDX", "specVersion": "1.6",
         "metadata": {"component": {"type": "container", "name": "app", "version": "sha256:short",
                                    "purl": "pkg:oci/app@sha256%3Ashort"}},
         "components": []}
        """;

    SbomImport imported = importer.read("subject.json", json.getBytes(StandardCharsets.UTF_8));

    assertThat(imported.sbom().subject()).isNull();
    assertThat(imported.sbom().packages()).isEmpty();
    assertThat(imported.skipped()).containsExactly(Map.entry("container", 1));
  }

  @Test
  void layerIdThatIsNoDigestIsUnknown() throws IOException {
    String json = """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [
          {"type": "library", "name": "a", "version": "1", "purl": "pkg:npm/a@1",
           "properties": [{"name": "aquasecurity:trivy:LayerDiffID", "value": "../../etc/passwd"}]}]}
        """;

    SbomImport imported = importer.read("layer.json", json.getBytes(StandardCharsets.UTF_8));
    ImageSbom placed = SbomImporter.withLayers(imported, List.of(Digest.sha256("a".repeat(64))));

    assertThat(imported.addedLayers()).containsExactly((Digest) null);
    assertThat(placed.packages().get(0).addedLayer()).isEqualTo(-1);
  }

  /** Reads a document, failing instead of hanging when the import does not end in time. */
  private SbomImport readWithin(Duration limit, String name, String json) {
    return assertTimeoutPreemptively(limit, () -> importer.read(name, json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String stackMessages(Throwable error) {
    StringBuilder messages = new StringBuilder();
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      messages.append(cause.getMessage()).append('\n');
    }
    return messages.toString();
  }
}
