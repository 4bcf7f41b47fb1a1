package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hullscope.image.Digest;
import io.hullscope.image.ImageReference;
import io.hullscope.image.Platform;
import io.hullscope.testing.TestData;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SpdxExporterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant TIME = Instant.parse("2026-12-04T10:15:30.250Z");
  private static final Digest DIGEST = Digest.sha256("a".repeat(64));
  private static final Distro BOOKWORM = new Distro("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)");
  private static final SbomSubject SUBJECT =
      new SbomSubject(ImageReference.parse("debian:12"), DIGEST, new Platform("linux", "amd64", null));

  @Test
  void documentPassesStructureCheck() throws IOException {
    JsonNode document = MAPPER.readTree(SpdxExporter.toJson(SUBJECT, packages(), TIME));

    assertThat(SpdxDocumentChecker.check(document)).isEmpty();
  }

  @Test
  void checkerReportsBrokenRelationshipAndDuplicateId() {
    // Shows that the check used by the other tests reports errors.
    ObjectNode document = SpdxExporter.toTree(SUBJECT, packages(), TIME);
    ((ObjectNode) document.get("packages").get(2)).put("SPDXID", document.get("packages").get(1).get("SPDXID").asText());
    ((ObjectNode) document.get("relationships").get(0)).put("relatedSpdxElement", "SPDXRef-Missing");

    assertThat(SpdxDocumentChecker.check(document))
        .anyMatch(problem -> problem.contains("is used twice"))
        .anyMatch(problem -> problem.contains("SPDXRef-Missing names no element"));
  }

  @Test
  void checkerAcceptsTrivyDocumentExceptItsKnownDeviations() throws IOException {
    // Trivy wrote this SPDX 2.2 document without the downloadLocation that 2.2 and 2.3 require.
    // The document passes every other check.
    JsonNode document = MAPPER.readTree(TestData.file("sbom/trivy-centos-7-spdx-2.json").toFile());

    List<String> problems = SpdxDocumentChecker.check(document);

    List<String> expected = new ArrayList<>(List.of("document: spdxVersion is SPDX-2.2, expected SPDX-2.3"));
    for (int i = 0; i < document.get("packages").size(); i++) {
      expected.add("packages[" + i + "]: downloadLocation is missing");
    }
    assertThat(problems).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void headerNamesVersionLicenseAndTool() {
    ObjectNode document = SpdxExporter.toTree(SUBJECT, packages(), TIME);

    assertThat(document.get("spdxVersion").asText()).isEqualTo("SPDX-2.3");
    assertThat(document.get("dataLicense").asText()).isEqualTo("CC0-1.0");
    assertThat(document.get("SPDXID").asText()).isEqualTo("SPDXRef-DOCUMENT");
    assertThat(document.get("creationInfo").get("creators")).extracting(JsonNode::asText)
        .containsExactly("Tool: hullscope-" + CycloneDxExporter.TOOL_VERSION);
  }

  @Test
  void createdIsUtcToTheSecond() {
    ObjectNode document = SpdxExporter.toTree(SUBJECT, packages(), TIME);

    assertThat(document.get("creationInfo").get("created").asText()).isEqualTo("2026-12-04T10:15:30Z");
  }

  @Test
  void namespaceDependsOnImageAndTime() {
    String namespace = SpdxExporter.toTree(SUBJECT, packages(), TIME).get("documentNamespace").asText();
    String later = SpdxExporter.toTree(SUBJECT, packages(), TIME.plusSeconds(1)).get("documentNamespace").asText();
    SbomSubject other = new SbomSubject(SUBJECT.reference(), Digest.sha256("b".repeat(64)), SUBJECT.platform());
    String otherImage = SpdxExporter.toTree(other, packages(), TIME).get("documentNamespace").asText();

    assertThat(namespace).isEqualTo(SpdxExporter.toTree(SUBJECT, packages(), TIME).get("documentNamespace").asText());
    assertThat(List.of(later, otherImage)).doesNotContain(namespace);
  }

  @Test
  void sameInputInAnyOrderGivesSameBytes() throws IOException {
    List<Package> shuffled = new ArrayList<>(packages());
    Collections.reverse(shuffled);

    assertThat(SpdxExporter.toJson(SUBJECT, shuffled, TIME)).isEqualTo(SpdxExporter.toJson(SUBJECT, packages(), TIME));
  }

  @Test
  void imageIsDescribedContainerWithOciPurl() {
    ObjectNode document = SpdxExporter.toTree(SUBJECT, packages(), TIME);

    JsonNode image = byId(document, SpdxExporter.IMAGE_ID);
    assertThat(image.get("name").asText()).isEqualTo("debian");
    assertThat(image.get("versionInfo").asText()).isEqualTo("12");
    assertThat(image.get("externalRefs").get(0).get("referenceLocator").asText()).isEqualTo(SUBJECT.purl());
    assertThat(relationships(document, "DESCRIBES")).containsExactly(tuple("SPDXRef-DOCUMENT", SpdxExporter.IMAGE_ID));
  }

  @Test
  void imageContainsEveryPackage() {
    ObjectNode document = SpdxExporter.toTree(SUBJECT, packages(), TIME);

    List<String> packageIds = new ArrayList<>();
    document.get("packages").forEach(node -> packageIds.add(node.get("SPDXID").asText()));
    packageIds.remove(SpdxExporter.IMAGE_ID);
    assertThat(relationships(document, "CONTAINS"))
        .containsExactlyElementsOf(packageIds.stream().map(id -> tuple(SpdxExporter.IMAGE_ID, id)).toList());
  }

  @Test
  void dependenciesResolveByNameAndSkipMissingOnes() {
    ObjectNode document = SpdxExporter.toTree(SUBJECT, packages(), TIME);

    // libssl3 also needs debconf and ca-certificates needs openssl; neither is in the image.
    assertThat(relationships(document, "DEPENDS_ON"))
        .containsExactly(
            tuple(idOf(document, "ca-certificates"), idOf(document, "libssl3")),
            tuple(idOf(document, "libssl3"), idOf(document, "libc6")));
  }

  @Test
  void packageCarriesPurlSourceAndNoAssertions() {
    ObjectNode document = SpdxExporter.toTree(SUBJECT, packages(), TIME);

    JsonNode libc = byId(document, idOf(document, "libc6"));
    assertThat(libc.get("versionInfo").asText()).isEqualTo("2.36-9+deb12u7");
    assertThat(libc.get("sourceInfo").asText()).isEqualTo("built package from: glibc 2.36-9");
    assertThat(libc.get("downloadLocation").asText()).isEqualTo("NOASSERTION");
    assertThat(libc.get("supplier").asText()).isEqualTo("NOASSERTION");
    assertThat(libc.get("licenseConcluded").asText()).isEqualTo("NOASSERTION");
    assertThat(libc.get("filesAnalyzed").isBoolean()).isTrue();
    JsonNode ref = libc.get("externalRefs").get(0);
    assertThat(ref.get("referenceCategory").asText()).isEqualTo("PACKAGE-MANAGER");
    assertThat(ref.get("referenceType").asText()).isEqualTo("purl");
    assertThat(ref.get("referenceLocator").asText()).isEqualTo(packages().get(1).purl());
  }

  @Test
  void duplicatePackagesGetDistinctIds() {
    Package one = deb("libc6", "2.36-9+deb12u7", List.of());
    Package sameAfterSanitizing = new Package(
        "libc6", "2.36-9-deb12u7", "deb", null, List.of(), null, null, "amd64", "var/lib/dpkg/status", List.of());
    ObjectNode document = SpdxExporter.toTree(SUBJECT, List.of(one, one, sameAfterSanitizing), TIME);

    List<String> ids = new ArrayList<>();
    document.get("packages").forEach(node -> ids.add(node.get("SPDXID").asText()));
    assertThat(ids).hasSize(4).doesNotHaveDuplicates().allMatch(id -> SpdxDocumentChecker.ID.matcher(id).matches());
    assertThat(SpdxDocumentChecker.check(document)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "MIT                                   | MIT",
        "GPL-2.0-or-later                      | GPL-2.0-or-later",
        "GPL-2.0+                              | GPL-2.0+",
        "MIT OR Apache-2.0                     | MIT OR Apache-2.0",
        "(MIT OR Apache-2.0) AND BSD-3-Clause  | (MIT OR Apache-2.0) AND BSD-3-Clause",
        "GPL-2.0-only WITH Classpath-exception-2.0 | GPL-2.0-only WITH Classpath-exception-2.0",
        "LicenseRef-custom                     | LicenseRef-custom",
        "Public Domain                         | NOASSERTION",
        "GPL v2                                | NOASSERTION",
        "GPLv2+                                | NOASSERTION",
        "mit                                   | mit",
        "MIT AND                               | NOASSERTION",
        "(MIT                                  | NOASSERTION",
        "MIT)                                  | NOASSERTION",
        "see /usr/share/doc                    | NOASSERTION",
      })
  void declaredLicenseKeepsOnlyExpressions(String recorded, String declared) {
    assertThat(SpdxExporter.declaredLicense(List.of(recorded))).isEqualTo(declared);
  }

  @Test
  void severalLicensesAreJoinedWithAnd() {
    assertThat(SpdxExporter.declaredLicense(List.of("MIT OR Apache-2.0", "Zlib")))
        .isEqualTo("(MIT OR Apache-2.0) AND Zlib");
  }

  @Test
  void noLicenseDeclaresNoAssertion() {
    assertThat(SpdxExporter.declaredLicense(List.of())).isEqualTo("NOASSERTION");
  }

  private static List<Package> packages() {
    return List.of(
        deb("base-files", "12.4+deb12u5", List.of()),
        new Package(
            "libc6", "2.36-9+deb12u7", "deb", PackageUrls.osPackage("deb", "debian", "libc6", "2.36-9+deb12u7", "amd64", BOOKWORM),
            List.of("LGPL-2.1-or-later"), "glibc", "2.36-9", "amd64", "var/lib/dpkg/status", List.of("libgcc-s1", "libc6")),
        deb("libssl3", "3.0.13-1~deb12u1", List.of("libc6", "debconf")),
        deb("ca-certificates", "20230311", List.of("openssl", "libssl3")));
  }

  private static Package deb(String name, String version, List<String> dependencies) {
    return new Package(
        name, version, "deb", PackageUrls.osPackage("deb", "debian", name, version, "amd64", BOOKWORM), List.of(),
        null, null, "amd64", "var/lib/dpkg/status", dependencies);
  }

  private static JsonNode byId(JsonNode document, String id) {
    for (JsonNode pkg : document.get("packages")) {
      if (pkg.get("SPDXID").asText().equals(id)) {
        return pkg;
      }
    }
    throw new AssertionError("no package " + id);
  }

  private static String idOf(JsonNode document, String name) {
    for (JsonNode pkg : document.get("packages")) {
      if (pkg.get("name").asText().equals(name)) {
        return pkg.get("SPDXID").asText();
      }
    }
    throw new AssertionError("no package named " + name);
  }

  private static List<org.assertj.core.groups.Tuple> relationships(JsonNode document, String type) {
    List<org.assertj.core.groups.Tuple> found = new ArrayList<>();
    for (JsonNode relationship : document.get("relationships")) {
      if (relationship.get("relationshipType").asText().equals(type)) {
        found.add(tuple(relationship.get("spdxElementId").asText(), relationship.get("relatedSpdxElement").asText()));
      }
    }
    return found;
  }
}
