package io.hullscope.ui.sbom;

import static io.hullscope.ui.sbom.SbomFixtures.deb;
import static io.hullscope.ui.sbom.SbomFixtures.jar;
import static io.hullscope.ui.sbom.SbomFixtures.pypi;
import static io.hullscope.ui.sbom.SbomFixtures.sbom;
import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.index.ImageAnalysis;
import io.hullscope.sbom.CatalogWarning;
import io.hullscope.sbom.ImagePackage;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.ui.ErrorViewModel;
import io.hullscope.ui.sbom.SbomNode.Evidence;
import io.hullscope.ui.sbom.SbomNode.Group;
import io.hullscope.ui.sbom.SbomNode.PackageItem;
import io.hullscope.ui.task.SameThreadTaskExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SbomViewModelTest {

  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  @TempDir Path folder;

  private final ErrorViewModel error = new ErrorViewModel();
  private final SameThreadTaskExecutor executor = new SameThreadTaskExecutor();
  private final SbomViewModel viewModel = new SbomViewModel(executor, error, Clock.fixed(NOW, ZoneOffset.UTC));

  private final ImagePackage libc = new ImagePackage(deb("libc6", "2.36-9+deb12u7"), 0, 0);
  private final ImagePackage zlib = new ImagePackage(deb("zlib1g", "1:1.2.13.dfsg-1", "libc6"), 0, 0);
  private final ImagePackage curl = new ImagePackage(deb("curl", "7.88.1-10", "libc6", "zlib1g", "libssl3"), 0, 1);
  private final ImagePackage requests = new ImagePackage(pypi("requests", "2.31.0", "Apache-2.0", "urllib3"), 1, 1);
  private final ImagePackage urllib3 = new ImagePackage(pypi("urllib3", "2.0.7", "MIT", "requests"), 1, 1);

  private ImageSbom mixed() {
    return sbom(List.of(curl, libc, requests, zlib, urllib3));
  }

  @Test
  void ecosystemGroupsComeMostFrequentFirst() {
    viewModel.show(mixed(), null);

    List<SbomNode> roots = viewModel.rootsProperty().get();
    assertThat(roots).extracting(SbomNode::label).containsExactly("Debian packages", "Python");
    assertThat(roots).extracting(node -> ((Group) node).detail()).containsExactly("3", "2");
  }

  @Test
  void ecosystemGroupSortsPackagesByName() {
    viewModel.show(mixed(), null);

    SbomNode debian = viewModel.rootsProperty().get().get(0);
    assertThat(debian.children()).extracting(SbomNode::label).containsExactly("curl", "libc6", "zlib1g");
  }

  @Test
  void packageRowExpandsToEvidenceFile() {
    viewModel.show(mixed(), null);

    SbomNode python = viewModel.rootsProperty().get().get(1);
    SbomNode requestsRow = python.children().get(0);
    assertThat(requestsRow.isLeaf()).isFalse();
    assertThat(requestsRow.children()).containsExactly(new Evidence(requests,
        "/usr/lib/python3/site-packages/requests-2.31.0.dist-info/METADATA"));
  }

  @Test
  void layerGroupsShowPositionDigestAndCommand() {
    ImageAnalysis analysis = SbomFixtures.openImage(folder);
    viewModel.groupingProperty().set(SbomGrouping.LAYER);

    viewModel.show(mixed(), analysis);

    List<SbomNode> roots = viewModel.rootsProperty().get();
    assertThat(roots).extracting(SbomNode::label)
        .containsExactly("#0 1b2c3d4e5f60 ADD rootfs.tar.xz /", "#1 9f8e7d6c5b4a COPY lib /app/lib");
    assertThat(roots.get(0).children()).extracting(SbomNode::label).containsExactly("curl", "libc6", "zlib1g");
    assertThat(roots.get(1).children()).extracting(SbomNode::label).containsExactly("requests", "urllib3");
  }

  @Test
  void layerGroupsWithoutAnalysisUseSbomDigests() {
    viewModel.groupingProperty().set(SbomGrouping.LAYER);

    viewModel.show(mixed(), null);

    assertThat(viewModel.rootsProperty().get()).extracting(SbomNode::label)
        .containsExactly("#0 1b2c3d4e5f60", "#1 9f8e7d6c5b4a");
  }

  @Test
  void packagesOfUnknownLayerComeLast() {
    ImagePackage imported = ImagePackage.withoutLayers(pypi("six", "1.16.0", "MIT"));
    viewModel.groupingProperty().set(SbomGrouping.LAYER);

    viewModel.show(sbom(List.of(imported, requests)), null);

    assertThat(viewModel.rootsProperty().get()).extracting(SbomNode::label)
        .containsExactly("#1 9f8e7d6c5b4a", "Unknown layer");
  }

  @ParameterizedTest
  @CsvSource({
    "ZLIB, zlib1g",
    "2.0.7, urllib3",
    "apache-2.0, requests",
    "pkg:deb/debian/curl, curl",
    "'  urllib3  ', urllib3",
  })
  void filterMatchesNameVersionLicenseAndPurl(String filter, String expected) {
    viewModel.show(mixed(), null);

    viewModel.filterProperty().set(filter);

    assertThat(packageLabels()).containsExactly(expected);
  }

  @Test
  void filterDoesNotMatchEvidencePath() {
    viewModel.show(mixed(), null);

    viewModel.filterProperty().set("dist-info");

    assertThat(viewModel.rootsProperty().get()).isEmpty();
  }

  @Test
  void filterUpdatesCountsAndSummary() {
    viewModel.show(mixed(), null);

    viewModel.filterProperty().set("debian");

    assertThat(viewModel.counts()).containsExactly(
        new EcosystemCount("deb", 3, 3), new EcosystemCount("pypi", 0, 2));
    assertThat(viewModel.counts()).extracting(EcosystemCount::label)
        .containsExactly("Debian packages 3", "Python 0 of 2");
    assertThat(viewModel.summaryProperty().get()).isEqualTo("3 of 5 packages match");
    assertThat(((Group) viewModel.rootsProperty().get().get(0)).detail()).isEqualTo("3");
  }

  @Test
  void countsWithoutFilterShowTotals() {
    viewModel.show(mixed(), null);

    assertThat(viewModel.counts()).extracting(EcosystemCount::label).containsExactly("Debian packages 3", "Python 2");
    assertThat(viewModel.summaryProperty().get()).isEqualTo("5 packages");
  }

  @Test
  void filteredGroupSaysHowManyMatch() {
    viewModel.show(mixed(), null);

    viewModel.filterProperty().set("curl");

    assertThat(((Group) viewModel.rootsProperty().get().get(0)).detail()).isEqualTo("1 of 3");
  }

  @Test
  void detailsListEveryField() {
    ImageAnalysis analysis = SbomFixtures.openImage(folder);
    viewModel.show(mixed(), analysis);

    viewModel.selectedPackageProperty().set(curl);

    PackageDetails details = viewModel.detailsProperty().get();
    assertThat(details.value("Name")).isEqualTo("curl");
    assertThat(details.value("Version")).isEqualTo("7.88.1-10");
    assertThat(details.value("Type")).isEqualTo("Debian packages (deb)");
    assertThat(details.value("Package URL")).isEqualTo("pkg:deb/debian/curl@7.88.1-10?arch=amd64&distro=debian-12");
    assertThat(details.value("Source package")).isEqualTo("curl-src");
    assertThat(details.value("Architecture")).isEqualTo("amd64");
    assertThat(details.value("Licenses")).isEqualTo(PackageDetails.NONE);
    assertThat(details.value(PackageDetails.EVIDENCE)).isEqualTo("/var/lib/dpkg/status");
    assertThat(details.value("Added in layer")).isEqualTo("#0 1b2c3d4e5f60 ADD rootfs.tar.xz /");
    assertThat(details.value("Changed in layer")).isEqualTo("#1 9f8e7d6c5b4a /bin/sh -c #(nop) COPY lib /app/lib");
    assertThat(details.value("Hashes")).isEqualTo(PackageDetails.NONE);
    assertThat(details.value("Dependencies")).isEqualTo("libc6 2.36-9+deb12u7\nzlib1g 1:1.2.13.dfsg-1");
    assertThat(details.value("Dependencies not found")).isEqualTo("libssl3");
    assertThat(details.rows()).filteredOn(PackageDetails.Row::link).extracting(PackageDetails.Row::name)
        .containsExactly(PackageDetails.EVIDENCE);
  }

  @Test
  void detailsShowHashesAndArchiveEvidence() {
    ImagePackage app = new ImagePackage(jar("app", "1.0", "app/lib/outer.jar!/BOOT-INF/lib/inner.jar"), 1, 1);
    viewModel.show(sbom(List.of(app)), null);

    viewModel.selectedPackageProperty().set(app);

    PackageDetails details = viewModel.detailsProperty().get();
    assertThat(details.value("SHA-1")).isEqualTo("0123456789abcdef0123456789abcdef01234567");
    assertThat(details.value("Hashes")).isNull();
    assertThat(details.value("Licenses")).isEqualTo("Apache-2.0");
    assertThat(details.value(PackageDetails.EVIDENCE)).isEqualTo("/app/lib/outer.jar!/BOOT-INF/lib/inner.jar");
  }

  @Test
  void evidenceIsNoLinkWithoutOpenImage() {
    viewModel.show(mixed(), null);

    viewModel.selectedPackageProperty().set(curl);

    assertThat(viewModel.detailsProperty().get().rows()).noneMatch(PackageDetails.Row::link);
  }

  @Test
  void importedPackageHasUnknownLayers() {
    ImagePackage imported = ImagePackage.withoutLayers(pypi("six", "1.16.0", "MIT"));
    viewModel.show(sbom(List.of(imported)), null);

    viewModel.selectedPackageProperty().set(imported);

    assertThat(viewModel.detailsProperty().get().value("Added in layer")).isEqualTo(PackageDetails.NONE);
    assertThat(viewModel.detailsProperty().get().value("Changed in layer")).isEqualTo(PackageDetails.NONE);
  }

  @Test
  void dependencyViewExpandsResolvedDependencies() {
    viewModel.groupingProperty().set(SbomGrouping.DEPENDENCIES);

    viewModel.show(mixed(), null);

    List<SbomNode> roots = viewModel.rootsProperty().get();
    assertThat(roots).extracting(SbomNode::label)
        .containsExactly("curl", "libc6", "zlib1g", "requests", "urllib3");
    SbomNode curlRow = roots.get(0);
    assertThat(curlRow.children()).extracting(SbomNode::label).containsExactly("libc6", "zlib1g");
    assertThat(curlRow.children().get(1).children()).extracting(SbomNode::label).containsExactly("libc6");
    assertThat(roots.get(1).isLeaf()).isTrue();
  }

  @Test
  void dependencyCycleEndsInLeaf() {
    viewModel.groupingProperty().set(SbomGrouping.DEPENDENCIES);
    viewModel.show(mixed(), null);

    PackageItem requestsRow = (PackageItem) viewModel.rootsProperty().get().get(3);
    PackageItem urllib3Row = (PackageItem) requestsRow.children().get(0);
    PackageItem repeated = (PackageItem) urllib3Row.children().get(0);

    assertThat(urllib3Row.pkg()).isEqualTo(urllib3);
    assertThat(urllib3Row.isCycle()).isFalse();
    assertThat(repeated.pkg()).isEqualTo(requests);
    assertThat(repeated.isCycle()).isTrue();
    assertThat(repeated.isLeaf()).isTrue();
    assertThat(repeated.children()).isEmpty();
  }

  @Test
  void selfDependencyIsCycle() {
    ImagePackage loop = new ImagePackage(pypi("loop", "1.0", "MIT", "loop", "other"), 0, 0);
    ImagePackage other = new ImagePackage(pypi("other", "1.0", "MIT", "loop"), 0, 0);
    viewModel.groupingProperty().set(SbomGrouping.DEPENDENCIES);

    viewModel.show(sbom(List.of(loop, other)), null);

    // ImageSbom.dependencies() leaves a package out of its own list, so loop only reaches itself
    // through other.
    SbomNode loopRow = viewModel.rootsProperty().get().get(0);
    PackageItem otherRow = (PackageItem) loopRow.children().get(0);
    assertThat(otherRow.pkg()).isEqualTo(other);
    assertThat(((PackageItem) otherRow.children().get(0)).isCycle()).isTrue();
  }

  @Test
  void deepDependencyChainExpandsLazily() {
    List<ImagePackage> chain = new ArrayList<>();
    int length = 5_000;
    for (int i = 0; i < length; i++) {
      String next = "p" + ((i + 1) % length);
      chain.add(new ImagePackage(pypi("p" + i, "1.0", "MIT", next), 0, 0));
    }
    viewModel.groupingProperty().set(SbomGrouping.DEPENDENCIES);
    viewModel.show(sbom(chain), null);
    viewModel.filterProperty().set("pkg:pypi/p0@");

    SbomNode row = viewModel.rootsProperty().get().get(0);
    int depth = 0;
    while (!row.isLeaf()) {
      row = row.children().get(0);
      depth++;
    }

    assertThat(depth).isEqualTo(length);
    assertThat(((PackageItem) row).isCycle()).isTrue();
  }

  @Test
  void warningsNameFileLayerAndCataloger() {
    ImageAnalysis analysis = SbomFixtures.openImage(folder);
    CatalogWarning warning = new CatalogWarning(1, "var/lib/dpkg/status", "dpkg", "line 3 is not a field");

    viewModel.show(sbom(List.of(libc), warning), analysis);

    assertThat(viewModel.warnings()).containsExactly(
        "/var/lib/dpkg/status (layer #1 9f8e7d6c5b4a, dpkg): line 3 is not a field");
  }

  @Test
  void revealEvidenceUsesLayerOfFinalVersion() {
    ImageAnalysis analysis = SbomFixtures.openImage(folder);
    List<String> revealed = new ArrayList<>();
    viewModel.setFileRevealer((path, layer) -> revealed.add(path + "@" + layer));
    viewModel.show(mixed(), analysis);

    viewModel.revealEvidence(curl);

    assertThat(revealed).containsExactly("var/lib/dpkg/status@1");
  }

  @Test
  void revealEvidenceInArchiveShowsOuterArchive() {
    ImageAnalysis analysis = SbomFixtures.openImage(folder);
    ImagePackage nested = new ImagePackage(jar("inner", "2.0", "app/lib/outer.jar!/BOOT-INF/lib/inner.jar"), 1, 1);
    List<String> revealed = new ArrayList<>();
    viewModel.setFileRevealer((path, layer) -> revealed.add(path + "@" + layer));
    viewModel.show(sbom(List.of(nested)), analysis);

    viewModel.revealEvidence(nested);

    assertThat(revealed).containsExactly("app/lib/outer.jar@1");
  }

  @Test
  void revealEvidenceOfImportedPackageUsesTopLayer() {
    ImageAnalysis analysis = SbomFixtures.openImage(folder);
    ImagePackage imported = ImagePackage.withoutLayers(deb("libc6", "2.36-9"));
    List<String> revealed = new ArrayList<>();
    viewModel.setFileRevealer((path, layer) -> revealed.add(path + "@" + layer));
    viewModel.show(sbom(List.of(imported)), analysis);

    viewModel.revealEvidence(imported);

    assertThat(revealed).containsExactly("var/lib/dpkg/status@1");
  }

  @Test
  void revealEvidenceWithoutOpenImageDoesNothing() {
    List<String> revealed = new ArrayList<>();
    viewModel.setFileRevealer((path, layer) -> revealed.add(path));
    viewModel.show(mixed(), null);

    viewModel.revealEvidence(curl);

    assertThat(revealed).isEmpty();
  }

  @Test
  void exportWritesCycloneDxJson() throws IOException {
    viewModel.show(mixed(), null);
    Path target = folder.resolve("app.cdx.json");

    viewModel.export(SbomFormat.CYCLONEDX_JSON, target);

    String document = Files.readString(target);
    assertThat(document).contains("\"bomFormat\" : \"CycloneDX\"", "pkg:pypi/urllib3@2.0.7", "2026-01-02T03:04:05Z");
    assertThat(viewModel.exportMessageProperty().get())
        .isEqualTo("Saved 5 packages as CycloneDX JSON to " + target);
    assertThat(executor.titles()).containsExactly("Saving CycloneDX JSON to app.cdx.json");
  }

  @Test
  void exportWritesCycloneDxXml() throws IOException {
    viewModel.show(mixed(), null);
    Path target = folder.resolve("app.cdx.xml");

    viewModel.export(SbomFormat.CYCLONEDX_XML, target);

    assertThat(Files.readString(target)).contains("<bom ", "pkg:deb/debian/libc6@2.36-9+deb12u7");
  }

  @Test
  void exportWritesSpdxJson() throws IOException {
    viewModel.show(mixed(), null);
    Path target = folder.resolve("app.spdx.json");

    viewModel.export(SbomFormat.SPDX_JSON, target);

    assertThat(Files.readString(target)).contains("\"spdxVersion\" : \"SPDX-2.3\"", "\"name\" : \"requests\"");
  }

  @Test
  void exportToMissingFolderShowsError() {
    viewModel.show(mixed(), null);
    Path target = folder.resolve("missing").resolve("app.cdx.json");

    viewModel.export(SbomFormat.CYCLONEDX_JSON, target);

    assertThat(error.visibleProperty().get()).isTrue();
    assertThat(error.messageProperty().get())
        .startsWith("Saving the SBOM as CycloneDX JSON failed: Failed to write " + target)
        .endsWith("Check that the folder exists and is writable.");
    assertThat(viewModel.exportMessageProperty().get()).isEmpty();
  }

  /** A CycloneDX document as another tool might write it: curl as ours, libc6 newer, bash extra. */
  private static final String OTHER_TOOL_BOM = """
      {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
       "metadata": {"tools": {"components": [{"type": "application", "name": "othertool", "version": "2.0"}]}},
       "components": [
         {"type": "library", "name": "curl", "version": "7.88.1-10", "purl": "pkg:deb/debian/curl@7.88.1-10?arch=amd64"},
         {"type": "library", "name": "libc6", "version": "2.36-9+deb12u9",
          "purl": "pkg:deb/debian/libc6@2.36-9%2Bdeb12u9?arch=amd64"},
         {"type": "library", "name": "bash", "version": "5.2.15-2", "purl": "pkg:deb/debian/bash@5.2.15-2?arch=amd64"}
       ]}
      """;

  @Test
  void importShowsPackagesAndComparison() throws IOException {
    viewModel.show(mixed(), null);
    Path document = Files.writeString(folder.resolve("other.cdx.json"), OTHER_TOOL_BOM);

    viewModel.importSbom(document);

    assertThat(error.visibleProperty().get()).isFalse();
    assertThat(packageLabels()).containsExactly("bash", "curl", "libc6");
    assertThat(viewModel.importSourceProperty().get()).startsWith("Imported other.cdx.json (CycloneDX 1.5");
    assertThat(viewModel.comparisonProperty().get()).isEqualTo(
        "Compared with the image's SBOM: 1 identical, 1 with another version, 3 only in the image's, 1 only in the import");
    assertThat(executor.titles()).containsExactly("Importing other.cdx.json");
  }

  @Test
  void offeredSbomIsComparedLikeAnImport() {
    viewModel.show(mixed(), null);
    viewModel.offerComparison(new SbomOffer("Harbor's SBOM", () -> new io.hullscope.sbom.SbomImporter()
        .read("Harbor SBOM", OTHER_TOOL_BOM.getBytes(java.nio.charset.StandardCharsets.UTF_8))));

    viewModel.compareWithOffered();

    assertThat(packageLabels()).containsExactly("bash", "curl", "libc6");
    assertThat(viewModel.importSourceProperty().get()).startsWith("Showing Harbor's SBOM (CycloneDX 1.5");
    assertThat(viewModel.comparisonProperty().get()).endsWith(", 1 only in Harbor's SBOM");
    assertThat(executor.titles()).containsExactly("Reading Harbor's SBOM");
  }

  @Test
  void showingAnotherImageWithdrawsOffer() {
    viewModel.show(mixed(), null);
    viewModel.offerComparison(new SbomOffer("Harbor's SBOM", () -> {
      throw new IOException("not read");
    }));

    viewModel.show(mixed(), null);

    assertThat(viewModel.offeredProperty().get()).isNull();
  }

  @Test
  void unreadableOfferShowsErrorAndKeepsSbom() {
    viewModel.show(mixed(), null);
    viewModel.offerComparison(new SbomOffer("Harbor's SBOM", () -> {
      throw new IOException("Harbor's SBOM has no layer holding the document");
    }));

    viewModel.compareWithOffered();

    assertThat(error.messageProperty().get())
        .isEqualTo("Reading Harbor's SBOM failed: Harbor's SBOM has no layer holding the document");
    assertThat(viewModel.sbomProperty().get().packages()).hasSize(5);
  }

  @Test
  void importedPackagesHaveNoLayerWithoutImage() throws IOException {
    viewModel.show(mixed(), null);
    viewModel.importSbom(Files.writeString(folder.resolve("other.cdx.json"), OTHER_TOOL_BOM));

    assertThat(viewModel.sbomProperty().get().packages()).allSatisfy(found -> assertThat(found.addedLayer()).isEqualTo(-1));
  }

  @Test
  void showImageSbomAfterImportRestoresPackages() throws IOException {
    viewModel.show(mixed(), null);
    viewModel.importSbom(Files.writeString(folder.resolve("other.cdx.json"), OTHER_TOOL_BOM));

    viewModel.showImageSbom();

    assertThat(packageLabels()).containsExactly("curl", "libc6", "zlib1g", "requests", "urllib3");
    assertThat(viewModel.importSourceProperty().get()).isEmpty();
    assertThat(viewModel.comparisonProperty().get()).isEmpty();
  }

  @Test
  void importOfGarbageShowsErrorAndKeepsSbom() throws IOException {
    viewModel.show(mixed(), null);
    Path garbage = Files.write(folder.resolve("garbage.json"), new byte[] {'{', 0, 1, 2});

    viewModel.importSbom(garbage);

    assertThat(error.visibleProperty().get()).isTrue();
    assertThat(error.messageProperty().get()).startsWith("Importing the SBOM garbage.json failed: ");
    assertThat(viewModel.sbomProperty().get().packages()).hasSize(5);
    assertThat(viewModel.importSourceProperty().get()).isEmpty();
  }

  @Test
  void exportOfImportWithoutImageShowsError() throws IOException {
    viewModel.importSbom(Files.writeString(folder.resolve("other.cdx.json"), OTHER_TOOL_BOM));

    viewModel.export(SbomFormat.SPDX_JSON, folder.resolve("out.spdx.json"));

    assertThat(viewModel.sbomProperty().get().subject()).isNull();
    assertThat(error.messageProperty().get()).startsWith("Saving the SBOM as SPDX JSON failed: ");
    assertThat(Files.exists(folder.resolve("out.spdx.json"))).isFalse();
  }

  @Test
  void suggestedFileNameUsesRepositoryName() {
    viewModel.show(mixed(), null);

    assertThat(viewModel.suggestedFileName(SbomFormat.SPDX_JSON)).isEqualTo("app.spdx.json");
  }

  @Test
  void showingNextImageClearsFilterKeepsGrouping() {
    viewModel.show(mixed(), null);
    viewModel.groupingProperty().set(SbomGrouping.DEPENDENCIES);
    viewModel.filterProperty().set("curl");

    viewModel.show(sbom(List.of(libc, zlib)), null);

    assertThat(viewModel.filterProperty().get()).isEmpty();
    assertThat(viewModel.groupingProperty().get()).isEqualTo(SbomGrouping.DEPENDENCIES);
    assertThat(viewModel.rootsProperty().get()).extracting(SbomNode::label).containsExactly("libc6", "zlib1g");
  }

  @Test
  void showingNullClearsTab() {
    viewModel.show(mixed(), null);
    viewModel.selectedPackageProperty().set(curl);

    viewModel.show(null, null);

    assertThat(viewModel.rootsProperty().get()).isEmpty();
    assertThat(viewModel.counts()).isEmpty();
    assertThat(viewModel.summaryProperty().get()).isEmpty();
    assertThat(viewModel.detailsProperty().get()).isNull();
  }

  private List<String> packageLabels() {
    return viewModel.rootsProperty().get().stream()
        .flatMap(group -> group.children().stream())
        .map(SbomNode::label)
        .toList();
  }
}
