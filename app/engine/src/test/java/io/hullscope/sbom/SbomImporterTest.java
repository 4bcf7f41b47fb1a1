package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import io.hullscope.image.ImageReference;
import io.hullscope.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reads SBOMs that syft and Trivy made; the expected values were checked against the files by eye. */
class SbomImporterTest {

  private static final Digest CENTOS_LAYER =
      Digest.parse("sha256:89169d87dbe2b72ba42bfbb3579c957322baca28e03a1e558076542a1c1b2b4a");
  private static final Digest CENTOS_IMAGE_ID =
      Digest.parse("sha256:f1cb7c7d58b73eac859c395882eec49d50651244e342cd6c68a5c7809785f427");

  private final SbomImporter importer = new SbomImporter();

  @Test
  void syftMinimalCycloneDx16() throws IOException {
    SbomImport imported = importer.read(TestData.file("sbom/syft-cyclonedx-1.6-minimal.json"));

    assertThat(imported.format()).isEqualTo("CycloneDX 1.6 JSON");
    assertThat(imported.sbom().tool()).isEqualTo("syft [not provided]");
    assertThat(imported.sbom().subject()).isNull();
    assertThat(imported.sbom().distro()).isNull();
    assertThat(imported.skipped()).containsExactly(Map.entry("file", 1));
    assertThat(imported.sbom().warnings()).isEmpty();
    assertThat(imported.sbom().packages()).hasSize(1);
    ImagePackage found = imported.sbom().packages().get(0);
    assertThat(found.addedLayer()).isEqualTo(-1);
    Package pkg = found.pkg();
    assertThat(pkg.name()).isEqualTo("github.com/wagoodman/go-partybus");
    assertThat(pkg.version()).isEqualTo("v0.0.0-20230516145632-8ccac152c651");
    assertThat(pkg.type()).isEqualTo("golang");
    assertThat(pkg.purl()).isEqualTo("pkg:golang/github.com/wagoodman/go-partybus@v0.0.0-20230516145632-8ccac152c651");
    assertThat(pkg.evidencePath()).isEqualTo("go.mod");
    assertThat(pkg.licenses()).isEmpty();
  }

  @Test
  void syftImageCycloneDx17() throws IOException {
    SbomImport imported = importer.read(TestData.file("sbom/syft-image-cyclonedx-1.7.json"));

    assertThat(imported.format()).isEqualTo("CycloneDX 1.7 JSON");
    assertThat(imported.sbom().tool()).isEqualTo("syft v0.42.0-bogus");
    // The image's version is "sha256:redacted", which is no digest, so the subject is unknown.
    assertThat(imported.sbom().subject()).isNull();
    assertThat(imported.sbom().distro()).isEqualTo(new Distro("debian", "1.2.3", null, "debian"));
    assertThat(imported.skipped()).containsOnly(Map.entry("container", 1), Map.entry("operating-system", 1));
    assertThat(imported.sbom().packages()).extracting(found -> found.pkg().name()).containsExactly("package-1", "package-2");

    Package first = imported.sbom().packages().get(0).pkg();
    assertThat(first.purl()).isNull();
    assertThat(first.type()).isEqualTo("generic");
    assertThat(first.licenses()).containsExactly("MIT");
    assertThat(first.evidencePath()).isEqualTo("somefile-1.txt");
    Package second = imported.sbom().packages().get(1).pkg();
    assertThat(second.purl()).isEqualTo("pkg:deb/debian/package-2@2.0.1");
    assertThat(second.type()).isEqualTo("deb");
    assertThat(second.version()).isEqualTo("2.0.1");
    assertThat(second.evidencePath()).isEqualTo("somefile-2.txt");

    // The layer ids are "sha256:redacted" too.
    assertThat(imported.addedLayers()).containsExactly(null, null);
    assertThat(imported.sbom().warnings()).extracting(CatalogWarning::message)
        .anyMatch(message -> message.contains("invalid purl 'a-purl-1'") && message.contains("package-1"))
        .anyMatch(message -> message.contains("invalid layer id 'sha256:redacted'"))
        .hasSize(3);
  }

  @Test
  void trivyCentosCycloneDx15() throws IOException {
    SbomImport imported = importer.read(TestData.file("sbom/trivy-centos-7-cyclonedx-1.5.json"));

    assertThat(imported.format()).isEqualTo("CycloneDX 1.5 JSON");
    assertThat(imported.sbom().tool()).isEqualTo("trivy dev");
    assertThat(imported.sbom().subject()).isEqualTo(new SbomSubject(
        ImageReference.parse("ghcr.io/aquasecurity/trivy-test-images:centos-7"), CENTOS_IMAGE_ID, null));
    assertThat(imported.sbom().distro()).isEqualTo(new Distro("centos", "7.6.1810", null, null));
    assertThat(imported.skipped()).containsOnly(Map.entry("container", 1), Map.entry("operating-system", 1));
    assertThat(imported.sbom().warnings()).isEmpty();
    assertThat(imported.sbom().countsByType()).containsExactly(Map.entry("rpm", 2));

    Package bash = imported.sbom().packages().get(0).pkg();
    assertThat(bash.name()).isEqualTo("bash");
    assertThat(bash.version()).isEqualTo("4.2.46-31.el7");
    assertThat(bash.purl()).isEqualTo("pkg:rpm/centos/bash@4.2.46-31.el7?arch=x86_64&distro=centos-7.6.1810");
    assertThat(bash.architecture()).isEqualTo("x86_64");
    assertThat(bash.licenses()).containsExactly("GPLv3+");
    assertThat(bash.sourceName()).isEqualTo("bash");
    assertThat(bash.sourceVersion()).as("same as the package version").isNull();
    assertThat(bash.dependencies()).isEmpty();

    Package openssl = imported.sbom().packages().get(1).pkg();
    assertThat(openssl.name()).isEqualTo("openssl-libs");
    assertThat(openssl.version()).isEqualTo("1.0.2k-16.el7");
    assertThat(openssl.purl()).isEqualTo("pkg:rpm/centos/openssl-libs@1.0.2k-16.el7?arch=x86_64&distro=centos-7.6.1810&epoch=1");
    assertThat(openssl.licenses()).containsExactly("OpenSSL+");
    assertThat(openssl.sourceName()).isEqualTo("openssl");
    assertThat(openssl.sourceVersion()).isNull();

    assertThat(imported.addedLayers()).containsExactly(CENTOS_LAYER, CENTOS_LAYER);
  }

  @Test
  void trivyCentosSpdx22() throws IOException {
    SbomImport imported = importer.read(TestData.file("sbom/trivy-centos-7-spdx-2.json"));

    assertThat(imported.format()).isEqualTo("SPDX-2.2 JSON");
    assertThat(imported.sbom().tool()).isEqualTo("trivy-dev");
    assertThat(imported.sbom().subject()).isEqualTo(new SbomSubject(
        ImageReference.parse("ghcr.io/aquasecurity/trivy-test-images:centos-7"), CENTOS_IMAGE_ID, null));
    assertThat(imported.sbom().distro()).isEqualTo(new Distro("centos", "7.6.1810", null, null));
    assertThat(imported.skipped()).containsOnly(Map.entry("container", 1), Map.entry("operating-system", 1));
    assertThat(imported.sbom().packages()).hasSize(2);

    Package bash = imported.sbom().packages().get(0).pkg();
    assertThat(bash.name()).isEqualTo("bash");
    assertThat(bash.version()).isEqualTo("4.2.46");
    assertThat(bash.type()).isEqualTo("rpm");
    assertThat(bash.licenses()).containsExactly("GPLv3+");
    assertThat(bash.sourceName()).isEqualTo("bash");
    assertThat(bash.sourceVersion()).isEqualTo("4.2.46-31.el7");

    Package openssl = imported.sbom().packages().get(1).pkg();
    assertThat(openssl.version()).isEqualTo("1:1.0.2k-19.el7");
    assertThat(openssl.licenses()).containsExactly("OpenSSL");
    assertThat(openssl.sourceName()).isEqualTo("openssl-libs");
    assertThat(openssl.sourceVersion()).isEqualTo("1:1.0.2k-16.el7");

    // In this file the versionInfo of both packages disagrees with the version in their purl.
    assertThat(imported.sbom().warnings()).extracting(CatalogWarning::message).containsExactly(
        "package 'bash' has version '4.2.46' but its purl has version '4.2.46-31.el7'; the version field is used",
        "package 'openssl-libs' has version '1:1.0.2k-19.el7' but its purl has version '1.0.2k-16.el7'; the version field is used");
    assertThat(imported.addedLayers()).containsExactly(CENTOS_LAYER, CENTOS_LAYER);
  }

  @Test
  void withLayersPlacesPackagesByDiffId() throws IOException {
    SbomImport imported = importer.read(TestData.file("sbom/trivy-centos-7-cyclonedx-1.5.json"));
    Digest base = Digest.sha256("b".repeat(64));

    ImageSbom placed = SbomImporter.withLayers(imported, List.of(base, CENTOS_LAYER));

    assertThat(placed.layers()).containsExactly(base, CENTOS_LAYER);
    assertThat(placed.packages()).extracting(ImagePackage::addedLayer).containsExactly(1, 1);
    assertThat(placed.packages()).extracting(ImagePackage::changedLayer).containsExactly(1, 1);
  }

  @Test
  void withLayersKeepsUnknownWhenImageLacksLayer() throws IOException {
    SbomImport imported = importer.read(TestData.file("sbom/trivy-centos-7-cyclonedx-1.5.json"));

    ImageSbom placed = SbomImporter.withLayers(imported, List.of(Digest.sha256("c".repeat(64))));

    assertThat(placed.packages()).extracting(ImagePackage::addedLayer).containsExactly(-1, -1);
  }

  @Test
  void formatComesFromContentNotFileName() throws IOException {
    byte[] content = java.nio.file.Files.readAllBytes(TestData.file("sbom/trivy-centos-7-spdx-2.json"));

    SbomImport imported = importer.read("report.cdx.xml", content);

    assertThat(imported.format()).isEqualTo("SPDX-2.2 JSON");
  }

  @Test
  void cycloneDxXmlWithDependencies() throws IOException {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bom xmlns="http://cyclonedx.org/schema/bom/1.4" version="1">
          <metadata>
            <tools><tool><vendor>example</vendor><name>scanner</name><version>2.1</version></tool></tools>
          </metadata>
          <components>
            <component type="library" bom-ref="a">
              <name>requests</name><version>2.31.0</version>
              <hashes><hash alg="SHA-256">ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789</hash></hashes>
              <licenses><expression>Apache-2.0 OR MIT</expression></licenses>
              <purl>pkg:pypi/requests@2.31.0</purl>
              <components>
                <component type="library" bom-ref="b"><name>urllib3</name><version>2.0.7</version><purl>pkg:pypi/urllib3@2.0.7</purl></component>
              </components>
            </component>
            <component type="file" bom-ref="f"><name>requirements.txt</name></component>
          </components>
          <dependencies>
            <dependency ref="a"><dependency ref="b"/><dependency ref="f"/></dependency>
          </dependencies>
        </bom>
        """;

    SbomImport imported = importer.read("python.xml", xml.getBytes(StandardCharsets.UTF_8));

    assertThat(imported.format()).isEqualTo("CycloneDX 1.4 XML");
    assertThat(imported.sbom().tool()).isEqualTo("scanner 2.1");
    assertThat(imported.skipped()).containsExactly(Map.entry("file", 1));
    assertThat(imported.sbom().packages()).extracting(found -> found.pkg().name()).containsExactly("requests", "urllib3");
    Package requests = imported.sbom().packages().get(0).pkg();
    assertThat(requests.licenses()).containsExactly("Apache-2.0 OR MIT");
    assertThat(requests.hashes()).containsExactly(Map.entry("SHA-256", "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"));
    assertThat(requests.dependencies()).containsExactly("urllib3");
    assertThat(imported.sbom().warnings()).extracting(CatalogWarning::message)
        .containsExactly("dependency of 'requests' on 'f' names no package component and was left out");
  }

  @Test
  void cycloneDx17XmlIsReadWithUnknownElementsIgnored() throws IOException {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bom xmlns="http://cyclonedx.org/schema/bom/1.7" version="1">
          <components>
            <component type="library">
              <name>left-pad</name><version>1.3.0</version><purl>pkg:npm/left-pad@1.3.0</purl>
              <elementAddedLater>ignored</elementAddedLater>
            </component>
          </components>
        </bom>
        """;

    SbomImport imported = importer.read("npm.xml", xml.getBytes(StandardCharsets.UTF_8));

    assertThat(imported.format()).isEqualTo("CycloneDX 1.7 XML");
    assertThat(imported.sbom().packages()).extracting(found -> found.pkg().purl()).containsExactly("pkg:npm/left-pad@1.3.0");
  }

  @Test
  void trivyResultGroupsAreSkipped() throws IOException {
    String cyclone = """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "components": [
          {"bom-ref": "g", "type": "application", "name": "app/package-lock.json",
           "properties": [{"name": "aquasecurity:trivy:Class", "value": "lang-pkgs"},
                          {"name": "aquasecurity:trivy:Type", "value": "npm"}]},
          {"bom-ref": "p", "type": "library", "name": "ms", "version": "2.1.3", "purl": "pkg:npm/ms@2.1.3",
           "properties": [{"name": "aquasecurity:trivy:FilePath", "value": "app/package-lock.json"}]}],
         "dependencies": [{"ref": "g", "dependsOn": ["p"]}]}
        """;
    String spdx = """
        {"spdxVersion": "SPDX-2.3", "packages": [
          {"SPDXID": "SPDXRef-Application-1", "name": "app/package-lock.json", "attributionTexts": ["Class: lang-pkgs", "Type: npm"]},
          {"SPDXID": "SPDXRef-Package-2", "name": "ms", "versionInfo": "2.1.3",
           "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:npm/ms@2.1.3"}]}]}
        """;

    SbomImport fromCyclone = importer.read("trivy.cdx.json", cyclone.getBytes(StandardCharsets.UTF_8));
    SbomImport fromSpdx = importer.read("trivy.spdx.json", spdx.getBytes(StandardCharsets.UTF_8));

    assertThat(fromCyclone.sbom().packages()).extracting(found -> found.pkg().name()).containsExactly("ms");
    assertThat(fromCyclone.sbom().packages().get(0).pkg().evidencePath()).isEqualTo("app/package-lock.json");
    assertThat(fromCyclone.skipped()).containsExactly(Map.entry("result-group", 1));
    assertThat(fromSpdx.sbom().packages()).extracting(found -> found.pkg().name()).containsExactly("ms");
    assertThat(fromSpdx.skipped()).containsExactly(Map.entry("result-group", 1));
  }

  @Test
  void cycloneDx17JsonIsReadWithUnknownFieldsIgnored() throws IOException {
    String json = """
        {"bomFormat": "CycloneDX", "specVersion": "1.7", "version": 1,
         "components": [{"type": "library", "name": "left-pad", "version": "1.3.0",
                         "purl": "pkg:npm/left-pad@1.3.0", "fieldAddedLater": {"x": 1}}]}
        """;

    SbomImport imported = importer.read("npm.json", json.getBytes(StandardCharsets.UTF_8));

    assertThat(imported.sbom().packages()).extracting(found -> found.pkg().name()).containsExactly("left-pad");
  }

  @Test
  void spdxRelationshipsBecomeDependencies() throws IOException {
    String json = """
        {"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT",
         "creationInfo": {"creators": ["Tool: syft-1.18.1", "Organization: Anchore"]},
         "packages": [
           {"SPDXID": "SPDXRef-root", "name": "/app", "primaryPackagePurpose": "FILE"},
           {"SPDXID": "SPDXRef-a", "name": "express", "versionInfo": "4.18.2",
            "sourceInfo": "acquired package info from installed node module manifest file: /app/node_modules/express/package.json, /other",
            "licenseDeclared": "NOASSERTION", "licenseConcluded": "MIT",
            "checksums": [{"algorithm": "SHA1", "checksumValue": "0123456789abcdef0123456789abcdef01234567"}],
            "externalRefs": [{"referenceCategory": "PACKAGE_MANAGER", "referenceType": "purl", "referenceLocator": "pkg:npm/express@4.18.2"}]},
           {"SPDXID": "SPDXRef-b", "name": "accepts", "versionInfo": "1.3.8",
            "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:npm/accepts@1.3.8"}]},
           {"SPDXID": "SPDXRef-c", "name": "mime", "versionInfo": "1.6.0", "licenseDeclared": "NONE",
            "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:npm/mime@1.6.0"}]}
         ],
         "files": [{"SPDXID": "SPDXRef-f", "fileName": "/app/package.json"}],
         "documentDescribes": ["SPDXRef-root"],
         "relationships": [
           {"spdxElementId": "SPDXRef-a", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-b"},
           {"spdxElementId": "SPDXRef-c", "relationshipType": "DEPENDENCY_OF", "relatedSpdxElement": "SPDXRef-a"},
           {"spdxElementId": "SPDXRef-a", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-f"}
         ]}
        """;

    SbomImport imported = importer.read("node.spdx.json", json.getBytes(StandardCharsets.UTF_8));

    assertThat(imported.format()).isEqualTo("SPDX-2.3 JSON");
    assertThat(imported.sbom().tool()).isEqualTo("syft 1.18.1");
    assertThat(imported.skipped()).containsExactly(Map.entry("file", 2));
    assertThat(imported.sbom().subject()).isNull();
    Package express = imported.sbom().packages().get(0).pkg();
    assertThat(express.dependencies()).containsExactly("accepts", "mime");
    assertThat(express.evidencePath()).isEqualTo("app/node_modules/express/package.json");
    assertThat(express.licenses()).containsExactly("MIT");
    assertThat(express.hashes()).containsExactly(Map.entry("SHA-1", "0123456789abcdef0123456789abcdef01234567"));
    assertThat(imported.sbom().packages().get(2).pkg().licenses()).isEmpty();
    assertThat(imported.sbom().warnings()).isEmpty();
  }
}
