package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exports the committed {@code hygiene-good} sample end to end: read, index, catalog, export. */
class CycloneDxSampleExportTest {

  private static final Instant TIME = Instant.parse("2026-12-04T12:00:00Z");

  private static ImageSbom sbom;

  @BeforeAll
  static void readSample() throws IOException {
    sbom = TestSboms.of(TestSboms.sample("hygiene-good.tar"));
  }

  @Test
  void sampleJsonPassesSchema() throws IOException {
    String json = CycloneDxExporter.toJson(sbom, TIME);

    assertThat(new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), CycloneDxExporter.SPEC_VERSION)).isEmpty();
  }

  @Test
  void sampleXmlPassesSchema() throws IOException {
    String xml = CycloneDxExporter.toXml(sbom, TIME);

    assertThat(new XmlParser().validate(xml.getBytes(StandardCharsets.UTF_8), CycloneDxExporter.SPEC_VERSION)).isEmpty();
  }

  @Test
  void sampleListsDistrolessPackagePurls() {
    Bom bom = CycloneDxExporter.toBom(sbom, TIME);

    assertThat(bom.getComponents())
        .filteredOn(c -> c.getType() == Component.Type.LIBRARY)
        .extracting(Component::getName, Component::getPurl)
        .containsExactlyInAnyOrder(
            tuple("base-files", "pkg:deb/debian/base-files@12.4%2Bdeb12u5?arch=amd64&distro=debian-12"),
            tuple("ca-certificates", "pkg:deb/debian/ca-certificates@20230311?arch=amd64&distro=debian-12"),
            tuple("libc6", "pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12"),
            tuple("libssl3", "pkg:deb/debian/libssl3@3.0.13-1~deb12u1?arch=amd64&distro=debian-12"),
            tuple("tzdata", "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=amd64&distro=debian-12"));
  }

  @Test
  void sampleImageNamedByReference() {
    Bom bom = CycloneDxExporter.toBom(sbom, TIME);

    Component image = bom.getMetadata().getComponent();
    assertThat(image.getName()).isEqualTo("hullscope-samples/hygiene-good");
    assertThat(image.getVersion()).isEqualTo("1.4.2");
    assertThat(image.getPurl())
        .startsWith("pkg:oci/hygiene-good@" + sbom.subject().digest().toString().replace(":", "%3A") + "?");
    assertThat(image.getPurl()).contains("repository_url=docker.io%2Fhullscope-samples%2Fhygiene-good");
  }
}
