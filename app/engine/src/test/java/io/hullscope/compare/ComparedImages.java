package io.hullscope.compare;

import io.hullscope.check.CheckPolicy;
import io.hullscope.check.HardeningChecks;
import io.hullscope.check.HardeningReport;
import io.hullscope.check.ImageChecks;
import io.hullscope.check.ImageFacts;
import io.hullscope.check.PasswdFiles;
import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.FileInterest;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.SbomCollector;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import io.hullscope.vuln.ScanResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Indexes images the way the CLI does and turns them into {@link ComparedImage}s for tests. */
final class ComparedImages {

  static final String TOOL = "Hullscope test";

  private ComparedImages() {}

  /** Returns a committed training sample, for example {@code hygiene-bad.tar}. */
  static Path sample(String fileName) {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    return root.resolve("samples/images").resolve(fileName);
  }

  /** Opens the only image of an archive and indexes it with its SBOM and hardening report. */
  static ComparedImage load(Path archive, ScanResult scan) throws IOException {
    try (ImageSource source = FileSources.open(archive)) {
      String key = source.listImages().get(0).key();
      try (Image image = source.open(key, null, ProgressListener.NONE)) {
        return analyze(image, archive.getFileName().toString(), scan);
      }
    }
  }

  /** Indexes an open image with the default catalogers and checks. */
  static ComparedImage analyze(Image image, String name, ScanResult scan) throws IOException {
    SbomCollector collector = SbomCollector.withDefaults();
    PasswdFiles accounts = new PasswdFiles();
    ImageChecks checks = HardeningChecks.defaults();
    List<FileInterest> interests = new ArrayList<>(List.of(collector, accounts));
    interests.addAll(checks.interests());
    ImageAnalysis analysis = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT, interests)
        .analyze(image, ProgressListener.NONE);
    ImageSbom sbom = collector.build(analysis, TOOL);
    ImageFacts facts = new ImageFacts(image.references(), image.digest(), image.config(), analysis,
        accounts.database(analysis), sbom, sbom.distro(), null, null);
    HardeningReport report = checks.run(name, facts, CheckPolicy.DEFAULT, TOOL);
    return new ComparedImage(name, image.config(), analysis, sbom, scan, report);
  }
}
