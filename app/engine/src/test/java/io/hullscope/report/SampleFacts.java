package io.hullscope.report;

import io.hullscope.check.AccountDatabase;
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
import io.hullscope.sbom.CatalogCache;
import io.hullscope.sbom.Catalogers;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.SbomCollector;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Opens an image archive, indexes it as the application does, and runs the default checks on it. */
final class SampleFacts {

  /** The facts of an image and the report of the default checks. */
  record Checked(ImageFacts facts, HardeningReport report) {}

  private SampleFacts() {}

  /** Returns the path of a committed training sample. */
  static Path sample(String fileName) {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    return root.resolve("samples/images").resolve(fileName);
  }

  /** Opens the first image of an archive, builds its facts and runs {@link HardeningChecks#defaults()}. */
  static Checked check(Path archive) throws IOException {
    try (ImageSource source = FileSources.open(archive)) {
      String key = source.listImages().get(0).key();
      List<String> references = source.listImages().get(0).references();
      try (Image image = source.open(key, null, ProgressListener.NONE)) {
        return check(image, references);
      }
    }
  }

  /** Builds the facts of an open image and runs {@link HardeningChecks#defaults()}. */
  static Checked check(Image image, List<String> references) throws IOException {
    ImageChecks checks = HardeningChecks.defaults();
    PasswdFiles passwd = new PasswdFiles();
    SbomCollector collector = new SbomCollector(Catalogers.defaults(), CatalogCache.NONE);
    List<FileInterest> interests = new ArrayList<>(checks.interests());
    interests.add(passwd);
    interests.add(collector);
    ImageAnalysis analysis = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT, interests)
        .analyze(image, ProgressListener.NONE);
    AccountDatabase accounts = passwd.database(analysis);
    ImageSbom sbom = collector.build(analysis, "Hullscope test");
    ImageFacts facts = new ImageFacts(references, image.digest(), image.config(), analysis, accounts, sbom,
        sbom.distro(), null, null);
    String name = references.isEmpty() ? "image" : references.get(0);
    return new Checked(facts, checks.run(name, facts, CheckPolicy.DEFAULT, "Hullscope test"));
  }
}
