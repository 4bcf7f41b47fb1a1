package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exports the committed {@code hygiene-good} sample end to end as SPDX: read, index, catalog, export. */
class SpdxSampleExportTest {

  private static final Instant TIME = Instant.parse("2026-12-04T12:00:00Z");

  private static JsonNode document;

  @BeforeAll
  static void exportSample() throws IOException {
    ImageSbom sbom = TestSboms.of(TestSboms.sample("hygiene-good.tar"));
    document = new ObjectMapper().readTree(SpdxExporter.toJson(sbom, TIME));
  }

  @Test
  void samplePassesStructureCheck() {
    assertThat(SpdxDocumentChecker.check(document)).isEmpty();
  }

  @Test
  void sampleListsItsFiveDebianPackages() {
    List<org.assertj.core.groups.Tuple> packages = new ArrayList<>();
    for (JsonNode pkg : document.get("packages")) {
      if (!pkg.get("SPDXID").asText().equals(SpdxExporter.IMAGE_ID)) {
        packages.add(tuple(pkg.get("name").asText(), pkg.get("externalRefs").get(0).get("referenceLocator").asText()));
      }
    }

    assertThat(packages)
        .containsExactly(
            tuple("base-files", "pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12"),
            tuple("ca-certificates", "pkg:deb/debian/ca-certificates@20230311?arch=amd64&distro=debian-12"),
            tuple("libc6", "pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12"),
            tuple("libssl3", "pkg:deb/debian/libssl3@3.0.13-1~deb12u1?arch=amd64&distro=debian-12"),
            tuple("tzdata", "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=amd64&distro=debian-12"));
  }

  @Test
  void sampleImageContainsEveryPackage() {
    long contains = 0;
    for (JsonNode relationship : document.get("relationships")) {
      if (relationship.get("relationshipType").asText().equals("CONTAINS")) {
        assertThat(relationship.get("spdxElementId").asText()).isEqualTo(SpdxExporter.IMAGE_ID);
        contains++;
      }
    }

    assertThat(contains).isEqualTo(5);
  }

  @Test
  void sampleImageNamedByReference() {
    JsonNode image = document.get("packages").get(0);

    assertThat(image.get("SPDXID").asText()).isEqualTo(SpdxExporter.IMAGE_ID);
    assertThat(image.get("name").asText()).isEqualTo("hullscope-samples/hygiene-good");
    assertThat(image.get("versionInfo").asText()).isEqualTo("1.4.2");
    assertThat(image.get("externalRefs").get(0).get("referenceLocator").asText()).startsWith("pkg:oci/hygiene-good@sha256%3A");
  }
}
