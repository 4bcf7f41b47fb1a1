package io.hullscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.AccountFileCache;
import io.hullscope.check.Finding;
import io.hullscope.check.SecretScanCache;
import io.hullscope.check.Severity;
import io.hullscope.check.VulnerabilityFacts;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.CatalogCache;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.ui.sources.ImageRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The window's checks use the latest stored scan of the image, as {@code hullscope check} does. */
class ImageAnalyzerScanTest {

  @Test
  void storedScanFeedsSupplyChainChecks() throws Exception {
    VulnerabilityFacts scan = new VulnerabilityFacts("hullscope-osv", "Debian=2026-12-05", List.of(
        new VulnerabilityFacts.Item("CVE-2022-37434", List.of("DSA-5218-1"), Severity.HIGH, "zlib1g",
            "1:1.2.11.dfsg-2+deb11u1", "1:1.2.11.dfsg-2+deb11u2", 1)));
    List<String> askedFor = new ArrayList<>();

    List<String> withScan = findingIds(digest -> {
      askedFor.add(digest);
      return Optional.of(scan);
    });
    List<String> without = findingIds(ImageAnalyzer.ScanLookup.NONE);

    assertThat(askedFor).singleElement().asString().startsWith("sha256:");
    assertThat(withScan).contains("FIXABLE-VULNERABILITIES");
    assertThat(without).doesNotContain("FIXABLE-VULNERABILITIES");
  }

  private static List<String> findingIds(ImageAnalyzer.ScanLookup scans) throws Exception {
    ImageAnalyzer analyzer = new ImageAnalyzer(LayerIndexCache.NONE, CatalogCache.NONE, AccountFileCache.NONE,
        SecretScanCache.NONE, Limits.DEFAULT, scans);
    try (ImageSource source = FileSources.open(MainViewModelSbomTest.samplesFolder().resolve("hygiene-bad.tar"))) {
      ImageRow row = new ImageRow(source, source.listImages().get(0));
      OpenedImage opened = analyzer.analyze(row, null, ProgressListener.NONE);
      try {
        return opened.hardening().findings().stream().map(Finding::id).toList();
      } finally {
        ImageAnalyzer.closeQuietly(opened.analysis().image());
      }
    }
  }
}
