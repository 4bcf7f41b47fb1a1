package io.hullscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.sbom.CycloneDxExporter;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import io.hullscope.testing.ImageArchiveBuilder;
import io.hullscope.testing.TarBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Runs {@code hullscope sbom} in-process on the committed {@code hygiene-good} sample. */
class SbomCommandTest {

  private static final List<String> DISTROLESS_PURLS = List.of(
      "pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12",
      "pkg:deb/debian/ca-certificates@20230311?arch=amd64&distro=debian-12",
      "pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12",
      "pkg:deb/debian/libssl3@3.0.13-1~deb12u1?arch=amd64&distro=debian-12",
      "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=amd64&distro=debian-12");

  @TempDir Path folder;

  private static String sample() {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    return root.resolve("samples/images/hygiene-good.tar").toString();
  }

  @Test
  void defaultFormatIsCycloneDxJson() throws Exception {
    Result result = run("sbom", sample());

    assertThat(result.code).isZero();
    assertThat(result.err).isEmpty();
    JsonNode bom = new ObjectMapper().readTree(result.out);
    assertThat(bom.get("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(bom.get("components").findValuesAsText("purl")).containsAll(DISTROLESS_PURLS);
  }

  @Test
  void cachedRunGivesSamePackages() throws Exception {
    Path data = folder.resolve("data");
    String previous = System.setProperty("hullscope.data", data.toString());
    try {
      Result first = run("sbom", sample());
      assertThat(data.resolve("hullscope.db")).exists();
      Result second = run("sbom", sample());

      assertThat(second.code).isZero();
      assertThat(componentsWithLayers(second.out)).isEqualTo(componentsWithLayers(first.out)).hasSize(5);
    } finally {
      if (previous == null) {
        System.clearProperty("hullscope.data");
      } else {
        System.setProperty("hullscope.data", previous);
      }
    }
  }

  @Test
  void unreadableDatabaseIsOnlyWarning() throws Exception {
    Path archive = ImageArchiveBuilder.dockerSave(ImageArchiveBuilder.image()
            .layer(new TarBuilder()
                .file("var/lib/dpkg/status", "Package: bash\nStatus: install ok installed\nVersion: 5.2\n")
                .file("usr/lib/python3/dist-packages/six-1.0.dist-info/METADATA", "Name: six\n")
                .build())
            .reference("half-broken:1"))
        .writeTar(folder.resolve("half-broken.tar"));

    Result result = run("sbom", "--no-cache", archive.toString());

    assertThat(result.code).isZero();
    assertThat(result.err).contains("warning: skipped /usr/lib/python3/dist-packages/six-1.0.dist-info/METADATA")
        .contains("python");
    assertThat(new ObjectMapper().readTree(result.out).get("components").findValuesAsText("name")).contains("bash");
  }

  @Test
  void compareWithOwnExportIsIdentical() throws Exception {
    Path exported = folder.resolve("theirs.spdx.json");
    assertThat(run("sbom", "--no-cache", "--format", "spdx-json", "--output", exported.toString(), sample()).code)
        .isZero();

    Result result = run("sbom", "--no-cache", "--compare", exported.toString(), sample());

    assertThat(result.code).isZero();
    assertThat(result.out).contains("5 identical, 0 different versions, 0 only in ours, 0 only in theirs")
        .contains("SPDX-2.3 JSON");
  }

  @Test
  void compareListsMissingPackages() throws Exception {
    Path partial = folder.resolve("partial.json");
    java.nio.file.Files.writeString(partial, "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"version\":1,"
        + "\"components\":[{\"type\":\"library\",\"name\":\"libc6\",\"version\":\"2.36-9+deb12u4\","
        + "\"purl\":\"pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64\"}]}");

    Result result = run("sbom", "--no-cache", "--compare", partial.toString(), sample());

    assertThat(result.code).isZero();
    assertThat(result.out).contains("0 identical, 1 different versions, 4 only in ours, 0 only in theirs")
        .contains("deb/libc6: ours 2.36-9+deb12u7, theirs 2.36-9+deb12u4")
        .contains("Only in ours:");
    String section = result.out.substring(result.out.indexOf("Only in ours:\n") + "Only in ours:\n".length());
    List<String> names = section.lines().takeWhile(line -> line.startsWith("  "))
        .map(line -> line.strip().split(" ")[0]).toList();
    assertThat(names).hasSize(4).isSorted();
  }

  @Test
  void compareWithFormatIsAUsageError() {
    Result result = run("sbom", "--compare", "theirs.json", "--format", "spdx-json", sample());

    assertThat(result.code).isEqualTo(2);
    assertThat(result.err).contains("--format does not apply to --compare");
  }

  @Test
  void compareWithMissingFileSaysNotFound() {
    Result result = run("sbom", "--no-cache", "--compare", folder.resolve("missing.json").toString(), sample());

    assertThat(result.code).isEqualTo(1);
    assertThat(result.err).contains("SBOM file not found").doesNotContain("java.nio");
  }

  @Test
  void subcommandPrintsTheVersion() {
    Result result = run("sbom", "--version");

    assertThat(result.code).isZero();
    assertThat(result.out).startsWith("hullscope ");
  }

  @Test
  void compareWithGarbageFails() throws Exception {
    Path garbage = folder.resolve("garbage.json");
    java.nio.file.Files.writeString(garbage, "not an sbom");

    Result result = run("sbom", "--no-cache", "--compare", garbage.toString(), sample());

    assertThat(result.code).isEqualTo(1);
    assertThat(result.err.strip()).doesNotContain("\n").contains("garbage.json");
  }

  /** Returns each component's purl with its added-layer property. */
  private static java.util.Set<String> componentsWithLayers(String json) throws Exception {
    java.util.Set<String> found = new java.util.TreeSet<>();
    for (JsonNode component : new ObjectMapper().readTree(json).get("components")) {
      if (!component.has("purl")) {
        continue;
      }
      String layer = "";
      for (JsonNode property : component.path("properties")) {
        if (property.get("name").asText().equals(CycloneDxExporter.ADDED_LAYER_PROPERTY)) {
          layer = property.get("value").asText();
        }
      }
      found.add(component.get("purl").asText() + " " + layer);
    }
    return found;
  }

  @Test
  void cycloneDxJsonPassesSchema() throws Exception {
    Result result = run("sbom", "--format", "cyclonedx-json", sample());

    assertThat(result.code).isZero();
    byte[] json = result.out.getBytes(StandardCharsets.UTF_8);
    assertThat(new JsonParser().validate(json, CycloneDxExporter.SPEC_VERSION)).isEmpty();
  }

  @Test
  void cycloneDxXmlListsPurls() throws Exception {
    Result result = run("sbom", "--format", "cyclonedx-xml", sample());

    assertThat(result.code).isZero();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document document = factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(result.out.strip().getBytes(StandardCharsets.UTF_8)));
    NodeList purls = document.getElementsByTagNameNS("*", "purl");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < purls.getLength(); i++) {
      texts.add(purls.item(i).getTextContent().strip());
    }
    assertThat(document.getDocumentElement().getLocalName()).isEqualTo("bom");
    assertThat(texts).containsAll(DISTROLESS_PURLS);
  }

  @Test
  void spdxJsonListsPurls() throws Exception {
    Result result = run("sbom", "--format", "spdx-json", sample());

    assertThat(result.code).isZero();
    JsonNode document = new ObjectMapper().readTree(result.out);
    assertThat(document.get("spdxVersion").asText()).isEqualTo("SPDX-2.3");
    assertThat(document.get("packages").findValuesAsText("referenceLocator")).containsAll(DISTROLESS_PURLS);
  }

  @Test
  void outputOptionWritesFileOnly() throws Exception {
    Path file = folder.resolve("bom.json");

    Result result = run("sbom", "--output", file.toString(), sample());

    assertThat(result.code).isZero();
    assertThat(result.out).isEmpty();
    JsonNode bom = new ObjectMapper().readTree(Files.readString(file));
    assertThat(bom.get("components").findValuesAsText("purl")).containsAll(DISTROLESS_PURLS);
  }

  @Test
  void unwritableOutputPrintsOneLine() {
    Path file = folder.resolve("absent-folder/bom.json");

    Result result = run("sbom", "--output", file.toString(), sample());

    assertThat(result.code).isEqualTo(HullscopeCommand.EXIT_FAILURE);
    assertThat(result.err.strip()).startsWith("hullscope: Failed to write the SBOM to ").doesNotContain("\n");
  }

  @Test
  void missingFilePrintsOneLine() {
    Path missing = folder.resolve("absent.tar");

    Result result = run("sbom", missing.toString());

    assertThat(result.code).isEqualTo(HullscopeCommand.EXIT_FAILURE);
    assertThat(result.out).isEmpty();
    assertThat(result.err.strip()).startsWith("hullscope: ").doesNotContain("\n");
  }

  @Test
  void unknownFormatIsUsageError() {
    Result result = run("sbom", "--format", "swid", sample());

    assertThat(result.code).isEqualTo(2);
    assertThat(result.out).isEmpty();
    assertThat(result.err).contains("swid");
  }

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = HullscopeCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  private record Result(int code, String out, String err) {}
}
