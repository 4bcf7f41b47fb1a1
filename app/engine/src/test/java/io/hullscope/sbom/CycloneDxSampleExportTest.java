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

  private static SbomSubject subject;
  private static OsPackageCatalog.Result catalog;

  @BeforeAll
  static void readSample() throws IOException {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    Path sample = root.resolve("samples/images/hygiene-good.tar");
    PackageDatabaseFiles files = new PackageDatabaseFiles();
    ImageIndexer indexer = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT, List.of(files));
    try (ImageSource source = FileSources.open(sample)) {
      String key = source.listImages().get(0).key();
      try (Image image = source.open(key, null, ProgressListener.NONE)) {
        ImageAnalysis analysis = indexer.analyze(image, ProgressListener.NONE);
        subject = SbomSubject.of(image);
        catalog = OsPackageCatalog.catalog(analysis, files);
      }
    }
  }

  @Test
  void sampleJsonPassesSchema() throws IOException {
    String json = CycloneDxExporter.toJson(subject, catalog.distro(), catalog.packages(), TIME);

    assertThat(new JsonParser().validate(json.getBytes(StandardCharsets.UTF_8), CycloneDxExporter.SPEC_VERSION)).isEmpty();
  }

  @Test
  void sampleXmlPassesSchema() throws IOException {
    String xml = CycloneDxExporter.toXml(subject, catalog.distro(), catalog.packages(), TIME);

    assertThat(new XmlParser().validate(xml.getBytes(StandardCharsets.UTF_8), CycloneDxExporter.SPEC_VERSION)).isEmpty();
  }

  @Test
  void sampleListsDistrolessPackagePurls() {
    Bom bom = CycloneDxExporter.toBom(subject, catalog.distro(), catalog.packages(), TIME);

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
    Bom bom = CycloneDxExporter.toBom(subject, catalog.distro(), catalog.packages(), TIME);

    Component image = bom.getMetadata().getComponent();
    assertThat(image.getName()).isEqualTo("hullscope-samples/hygiene-good");
    assertThat(image.getVersion()).isEqualTo("1.4.2");
    assertThat(image.getPurl())
        .startsWith("pkg:oci/hygiene-good@" + subject.digest().toString().replace(":", "%3A") + "?");
    assertThat(image.getPurl()).contains("repository_url=docker.io%2Fhullscope-samples%2Fhygiene-good");
  }
}
