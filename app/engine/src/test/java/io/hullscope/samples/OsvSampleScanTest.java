package io.hullscope.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.sbom.Catalogers;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.SbomCollector;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.store.Database;
import io.hullscope.store.SqliteVulnerabilityDatabase;
import io.hullscope.vuln.ImportResult;
import io.hullscope.vuln.OsvImporter;
import io.hullscope.vuln.OsvMatcher;
import io.hullscope.vuln.ScanResult;
import io.hullscope.vuln.VulnerabilityMatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans the committed sample images with the committed OSV sample set, offline. */
class OsvSampleScanTest {

  @TempDir Path folder;

  private static Path repository() {
    return Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
  }

  @Test
  void committedZipMatchesTheRecords() throws IOException {
    Path root = repository().resolve("samples/osv");
    for (Path ecosystem : OsvSampleData.ecosystems(root)) {
      Map<String, byte[]> expected = new LinkedHashMap<>();
      for (Path record : OsvSampleData.records(ecosystem)) {
        expected.put(record.getFileName().toString(), Files.readAllBytes(record));
      }
      Map<String, byte[]> actual = new LinkedHashMap<>();
      try (ZipFile zip = new ZipFile(root.resolve(ecosystem.getFileName().toString()).resolve("all.zip").toFile())) {
        for (ZipEntry entry : zip.stream().toList()) {
          try (InputStream input = zip.getInputStream(entry)) {
            actual.put(entry.getName(), input.readAllBytes());
          }
        }
      }
      assertThat(actual.keySet()).as("entries of %s/all.zip; rebuild with OsvSampleData", ecosystem.getFileName())
          .containsExactlyElementsOf(expected.keySet());
      expected.forEach((name, bytes) -> assertThat(actual.get(name)).as(name).isEqualTo(bytes));
    }
  }

  @Test
  void hygieneBadHasTheExpectedFindings() throws IOException {
    ScanResult result = scan("samples/images/hygiene-bad.tar");

    assertThat(result.problems()).isEmpty();
    assertThat(result.matches()).extracting(VulnerabilityMatch::id, VulnerabilityMatch::packageName,
            VulnerabilityMatch::installedVersion, VulnerabilityMatch::fixedVersion)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("CVE-2022-4304", "libssl1.1", "1.1.1n-0+deb11u3", "1.1.1n-0+deb11u4"),
            org.assertj.core.groups.Tuple.tuple("CVE-2023-0464", "libssl1.1", "1.1.1n-0+deb11u3", "1.1.1n-0+deb11u5"),
            org.assertj.core.groups.Tuple.tuple("CVE-2022-37434", "zlib1g", "1:1.2.11.dfsg-2+deb11u1",
                "1:1.2.11.dfsg-2+deb11u2"));
    VulnerabilityMatch zlib = result.matches().stream().filter(m -> m.packageName().equals("zlib1g")).findFirst()
        .orElseThrow();
    assertThat(zlib.aliases()).containsExactly("DEBIAN-CVE-2022-37434", "DSA-5218-1");
    assertThat(zlib.ecosystem()).isEqualTo("Debian:11");
    // zlib1g is in the base layer's status file and no later layer changes its version.
    assertThat(zlib.layer()).isZero();
  }

  @Test
  void hygieneGoodHasNoDebian11Findings() throws IOException {
    ScanResult result = scan("samples/images/hygiene-good.tar");

    assertThat(result.matches()).isEmpty();
  }

  private ScanResult scan(String image) throws IOException {
    try (Database database = Database.open(folder.resolve("cache.db"))) {
      SqliteVulnerabilityDatabase vulnerabilities = new SqliteVulnerabilityDatabase(database);
      ImportResult imported = new OsvImporter(vulnerabilities)
          .importZip(repository().resolve("samples/osv/Debian/all.zip"), "Debian", ProgressListener.NONE);
      assertThat(imported.skippedCount()).isZero();
      try (ImageSource source = FileSources.open(repository().resolve(image));
          Image opened = source.open(source.listImages().get(0).key(), null, ProgressListener.NONE)) {
        SbomCollector collector = new SbomCollector(Catalogers.defaults(), CatalogCache.NONE);
        ImageAnalysis analysis = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT, List.of(collector))
            .analyze(opened, ProgressListener.NONE);
        ImageSbom sbom = collector.build(analysis, "test");
        return new OsvMatcher(vulnerabilities).match(opened.digest().toString(), sbom, ProgressListener.NONE);
      }
    }
  }
}
