package io.hullscope.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Digest;
import io.hullscope.image.ImageReference;
import io.hullscope.image.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exports our SBOM with our own exporters, imports it again and expects the same packages. */
class SbomRoundTripTest {

  static final Instant TIME = Instant.parse("2026-12-04T10:15:30Z");
  static final Digest DIGEST = Digest.sha256("a".repeat(64));
  static final Distro BOOKWORM = new Distro("debian", "12", "bookworm", "Debian GNU/Linux 12 (bookworm)");
  static final SbomSubject SUBJECT =
      new SbomSubject(ImageReference.parse("debian:12"), DIGEST, new Platform("linux", "amd64", null));

  private final SbomImporter importer = new SbomImporter();

  /** Packages of several types, with one license each so that SPDX keeps them as they are. */
  static List<Package> packages() {
    return List.of(
        new Package("libc6", "2.36-9+deb12u7", "deb",
            PackageUrls.osPackage("deb", "debian", "libc6", "2.36-9+deb12u7", "amd64", BOOKWORM),
            List.of("LGPL-2.1-or-later"), "glibc", "2.36-9", "amd64", "var/lib/dpkg/status",
            List.of("libgcc-s1", "libc6")),
        new Package("libssl3", "3.0.13-1~deb12u1", "deb",
            PackageUrls.osPackage("deb", "debian", "libssl3", "3.0.13-1~deb12u1", "amd64", BOOKWORM),
            List.of("Apache-2.0"), "openssl", null, "amd64", "var/lib/dpkg/status", List.of("libc6", "debconf")),
        new Package("openssl-libs", "1:3.0.7-27.el9", "rpm",
            PackageUrls.rpmPackage("redhat", "openssl-libs", "3.0.7-27.el9", "x86_64", 1, null),
            List.of("Apache-2.0"), "openssl", "3.0.7-27.el9", "x86_64", "var/lib/rpm/rpmdb.sqlite", List.of()),
        new Package("requests", "2.31.0", "pypi", PackageUrls.pypiPackage("requests", "2.31.0"), List.of("Apache-2.0"),
            null, null, null, "usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA", List.of("urllib3"),
            Map.of("SHA-256", "58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f")),
        new Package("urllib3", "2.0.7", "pypi", PackageUrls.pypiPackage("urllib3", "2.0.7"), List.of("MIT"),
            null, null, null, "usr/lib/python3/dist-packages/urllib3-2.0.7.dist-info/METADATA", List.of()),
        new Package("@babel/core", "7.24.0", "npm", PackageUrls.of("npm", "@babel", "core", "7.24.0", null),
            List.of("MIT"), null, null, null, "app/node_modules/@babel/core/package.json", List.of()));
  }

  static ImageSbom ours() {
    List<ImagePackage> placed = packages().stream().map(pkg -> new ImagePackage(pkg, 0, 0)).toList();
    return new ImageSbom(SUBJECT, BOOKWORM, placed, List.of(Digest.sha256("b".repeat(64))), List.of(), "Hullscope 0.1.0");
  }

  @Test
  void cycloneDxJsonRoundTripIsIdentical() throws IOException {
    String json = CycloneDxExporter.toJson(SUBJECT, BOOKWORM, packages(), TIME);

    SbomImport imported = importer.read("ours.cdx.json", json.getBytes(StandardCharsets.UTF_8));

    assertThat(imported.format()).isEqualTo("CycloneDX 1.6 JSON");
    assertIdentical(imported.sbom());
    assertCycloneDxDetailsKept(imported);
  }

  @Test
  void cycloneDxXmlRoundTripIsIdentical() throws IOException {
    String xml = CycloneDxExporter.toXml(SUBJECT, BOOKWORM, packages(), TIME);

    SbomImport imported = importer.read("ours.cdx.xml", xml.getBytes(StandardCharsets.UTF_8));

    assertThat(imported.format()).isEqualTo("CycloneDX 1.6 XML");
    assertIdentical(imported.sbom());
    assertCycloneDxDetailsKept(imported);
  }

  @Test
  void spdxJsonRoundTripIsIdentical() throws IOException {
    String json = SpdxExporter.toJson(SUBJECT, packages(), TIME);

    SbomImport imported = importer.read("ours.spdx.json", json.getBytes(StandardCharsets.UTF_8));

    assertThat(imported.format()).isEqualTo("SPDX-2.3 JSON");
    assertIdentical(imported.sbom());
    ImageSbom sbom = imported.sbom();
    assertThat(sbom.tool()).isEqualTo("hullscope 0.1.0");
    assertThat(sbom.subject().digest()).isEqualTo(DIGEST);
    assertThat(sbom.subject().reference()).isEqualTo(SUBJECT.reference());
    assertThat(imported.skipped()).containsExactly(Map.entry("container", 1));
    assertThat(sbom.warnings()).isEmpty();
    // SPDX export writes no evidence paths, so only the fields it writes are compared.
    assertThat(byName(sbom)).allSatisfy((name, pkg) -> {
      Package original = byName(packages()).get(name);
      assertThat(pkg.version()).isEqualTo(original.version());
      assertThat(pkg.purl()).isEqualTo(original.purl());
      assertThat(pkg.licenses()).isEqualTo(original.licenses());
      assertThat(pkg.sourceName()).isEqualTo(original.sourceName());
      assertThat(pkg.sourceVersion()).isEqualTo(original.sourceVersion());
      assertThat(pkg.dependencies()).isEqualTo(exportedDependencies(original));
    });
  }

  @ParameterizedTest(name = "{0} as {1}")
  @CsvSource({
      "hygiene-bad.tar, CycloneDX JSON", "hygiene-bad.tar, CycloneDX XML", "hygiene-bad.tar, SPDX JSON",
      "hygiene-good.tar, CycloneDX JSON", "hygiene-good.tar, CycloneDX XML", "hygiene-good.tar, SPDX JSON"})
  void sampleImageRoundTripIsIdentical(String sample, String format) throws IOException {
    ImageSbom ours = TestSboms.of(TestSboms.sample(sample));
    List<Package> packages = TestSboms.packages(ours);
    String exported = switch (format) {
      case "CycloneDX JSON" -> CycloneDxExporter.toJson(ours.subject(), ours.distro(), packages, TIME);
      case "CycloneDX XML" -> CycloneDxExporter.toXml(ours.subject(), ours.distro(), packages, TIME);
      default -> SpdxExporter.toJson(ours.subject(), packages, TIME);
    };

    SbomImport imported = importer.read(sample + " " + format, exported.getBytes(StandardCharsets.UTF_8));
    SbomComparison comparison = SbomComparison.compare(ours, imported.sbom());

    assertThat(packages).isNotEmpty();
    assertThat(comparison.summary()).isEqualTo(new SbomComparison.Summary(packages.size(), 0, 0, 0));
    assertThat(imported.sbom().subject().digest()).isEqualTo(ours.subject().digest());
    assertThat(imported.sbom().warnings()).isEmpty();
    for (SbomComparison.Match match : comparison.identical()) {
      assertThat(match.theirs().pkg().dependencies())
          .as("dependencies of %s", match.ours().pkg().name())
          .containsExactlyInAnyOrderElementsOf(exportedDependencies(match.ours().pkg(), packages));
    }
  }

  @Test
  void badSampleDependenciesSurviveRoundTrip() throws IOException {
    ImageSbom ours = TestSboms.of(TestSboms.sample("hygiene-bad.tar"));
    String exported = SpdxExporter.toJson(ours.subject(), TestSboms.packages(ours), TIME);

    SbomImport imported = importer.read("hygiene-bad.spdx.json", exported.getBytes(StandardCharsets.UTF_8));

    // The round-trip test above compares dependencies; this shows the sample has some to compare.
    Package libcurl = byName(imported.sbom()).get("libcurl4");
    assertThat(libcurl.dependencies()).contains("libssl1.1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"CycloneDX JSON", "CycloneDX XML", "SPDX JSON"})
  void layersRoundTripThroughOwnExport(String format) throws IOException {
    List<Digest> layers = List.of(Digest.sha256("1".repeat(64)), Digest.sha256("2".repeat(64)), Digest.sha256("3".repeat(64)));
    List<Package> packages = packages();
    List<ImagePackage> placed = List.of(
        new ImagePackage(packages.get(0), 0, 0),
        new ImagePackage(packages.get(1), 0, 2),
        new ImagePackage(packages.get(2), 1, 1),
        new ImagePackage(packages.get(3), 2, 2),
        new ImagePackage(packages.get(4), 1, 2),
        ImagePackage.withoutLayers(packages.get(5)));
    ImageSbom ours = new ImageSbom(SUBJECT, BOOKWORM, placed, layers, List.of(), "Hullscope 0.1.0");
    String exported = switch (format) {
      case "CycloneDX JSON" -> CycloneDxExporter.toJson(ours, TIME);
      case "CycloneDX XML" -> CycloneDxExporter.toXml(ours, TIME);
      default -> SpdxExporter.toJson(ours, TIME);
    };

    SbomImport imported = importer.read("layers " + format, exported.getBytes(StandardCharsets.UTF_8));
    ImageSbom theirs = SbomImporter.withLayers(imported, layers);

    assertThat(theirs.warnings()).isEmpty();
    assertThat(theirs.layers()).isEqualTo(layers);
    Map<String, ImagePackage> theirsByName = new TreeMap<>();
    theirs.packages().forEach(found -> theirsByName.put(found.pkg().name(), found));
    for (ImagePackage expected : placed) {
      ImagePackage actual = theirsByName.get(expected.pkg().name());
      assertThat(actual.addedLayer()).as("added layer of %s", expected.pkg().name()).isEqualTo(expected.addedLayer());
      assertThat(actual.changedLayer()).as("changed layer of %s", expected.pkg().name()).isEqualTo(expected.changedLayer());
      assertThat(actual.pkg().hashes()).as("hashes of %s", expected.pkg().name()).isEqualTo(expected.pkg().hashes());
    }
  }

  private static void assertIdentical(ImageSbom theirs) {
    SbomComparison comparison = SbomComparison.compare(ours(), theirs);

    assertThat(comparison.summary()).isEqualTo(new SbomComparison.Summary(packages().size(), 0, 0, 0));
    for (SbomComparison.Match match : comparison.identical()) {
      assertThat(match.theirs().pkg().name()).isEqualTo(match.ours().pkg().name());
    }
  }

  private static void assertCycloneDxDetailsKept(SbomImport imported) {
    ImageSbom sbom = imported.sbom();
    assertThat(sbom.tool()).isEqualTo("Hullscope 0.1.0");
    assertThat(sbom.subject()).isEqualTo(SUBJECT);
    assertThat(sbom.distro()).isEqualTo(new Distro("debian", "12", null, "Debian GNU/Linux 12 (bookworm)"));
    assertThat(imported.skipped()).containsOnly(Map.entry("container", 1), Map.entry("operating-system", 1));
    assertThat(sbom.warnings()).isEmpty();
    assertThat(byName(sbom)).allSatisfy((name, pkg) -> {
      Package original = byName(packages()).get(name);
      assertThat(pkg.type()).isEqualTo(original.type());
      assertThat(pkg.version()).isEqualTo(original.version());
      assertThat(pkg.purl()).isEqualTo(original.purl());
      assertThat(pkg.architecture()).isEqualTo(original.architecture());
      assertThat(pkg.licenses()).isEqualTo(original.licenses());
      assertThat(pkg.sourceName()).isEqualTo(original.sourceName());
      assertThat(pkg.sourceVersion()).isEqualTo(original.sourceVersion());
      assertThat(pkg.evidencePath()).isEqualTo(original.evidencePath());
      assertThat(pkg.dependencies()).isEqualTo(exportedDependencies(original));
    });
  }

  /** Returns the dependencies the exporters write: names of other packages in the image, in name order. */
  private static List<String> exportedDependencies(Package original) {
    return exportedDependencies(original, packages());
  }

  private static List<String> exportedDependencies(Package original, List<Package> packages) {
    Map<String, Package> all = byName(packages);
    return original.dependencies().stream()
        .filter(name -> all.containsKey(name) && !name.equals(original.name()))
        .distinct()
        .sorted()
        .toList();
  }

  private static Map<String, Package> byName(ImageSbom sbom) {
    return byName(sbom.packages().stream().map(ImagePackage::pkg).toList());
  }

  private static Map<String, Package> byName(List<Package> packages) {
    Map<String, Package> byName = new TreeMap<>();
    packages.forEach(pkg -> byName.put(pkg.name(), pkg));
    assertThat(byName).hasSameSizeAs(packages);
    return byName;
  }
}
