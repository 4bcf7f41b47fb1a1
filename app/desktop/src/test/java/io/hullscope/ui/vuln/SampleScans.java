package io.hullscope.ui.vuln;

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
import io.hullscope.vuln.ScanResult;
import io.hullscope.vuln.VulnSeverity;
import io.hullscope.vuln.VulnerabilityMatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The committed sample image and OSV set, and hand-made scans, for the Vulnerabilities tab's tests. */
final class SampleScans {

  static final String DIGEST = "sha256:" + "b".repeat(64);

  private SampleScans() {}

  static Path repository() {
    return Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
  }

  /** Returns the folder of the sample OSV set, with {@code Debian/all.zip}. */
  static Path osvSamples() {
    return repository().resolve("samples/osv");
  }

  /** A sample image's digest and SBOM, built by the same catalogers the window uses. */
  record Opened(String digest, ImageSbom sbom) {}

  static Opened open(String image) {
    Path archive = repository().resolve("samples/images").resolve(image);
    try (ImageSource source = FileSources.open(archive);
        Image opened = source.open(source.listImages().get(0).key(), null, ProgressListener.NONE)) {
      SbomCollector collector = new SbomCollector(Catalogers.defaults(), CatalogCache.NONE);
      ImageAnalysis analysis = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT, List.of(collector))
          .analyze(opened, ProgressListener.NONE);
      return new Opened(opened.digest().toString(), collector.build(analysis, "test"));
    } catch (IOException e) {
      throw new UncheckedIOException("Failed to open sample " + archive, e);
    }
  }

  static VulnerabilityMatch match(String id, String pkg, VulnSeverity severity, String fixed, int layer,
      String ecosystem) {
    return new VulnerabilityMatch(id, List.of("ALIAS-" + id), "Summary of " + id, pkg, "deb",
        "pkg:deb/debian/" + pkg + "@1.0", ecosystem, "1.0", fixed, severity, null, List.of(), layer);
  }

  static ScanResult scan(String scanner, String dataVersion, String time, VulnerabilityMatch... matches) {
    return new ScanResult(DIGEST, scanner, dataVersion, Instant.parse(time), List.of(matches), List.of());
  }
}
