package io.hullscope.check;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs the base-image, attack-surface, build-hygiene and supply-chain checks on the committed
 * training samples, indexed the way the CLI does. {@code samples/README.md} lists what each sample
 * was built to show.
 */
class SampleHardeningTest {

  /** A fixed day, so that the end-of-life verdicts do not change as time passes. */
  private static final Clock DAY = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void badSampleTriggersItsProblems() throws IOException {
    List<Finding> findings = findings("hygiene-bad.tar");

    assertThat(findings).extracting(Finding::id).containsExactlyInAnyOrder(
        "TAG-LATEST", "BASE-NOT-PINNED", "DISTRO-EOL",
        "SHELL-PRESENT", "PACKAGE-MANAGER-PRESENT", "BUILD-TOOLS-PRESENT", "CURL-PIPE-SHELL", "SETUID-FILE",
        "WORLD-WRITABLE", "SUDO-PRESENT", "SSH-SERVER", "PORT-22-EXPOSED",
        "PACKAGE-CACHE-LEFT", "ADD-FROM-URL", "NO-HEALTHCHECK", "MISSING-OCI-LABELS", "WASTED-SPACE");
  }

  @Test
  void badSampleEvidencePointsAtLayersAndHistory() throws IOException {
    List<Finding> findings = findings("hygiene-bad.tar");

    Finding eol = CheckImages.only(findings, "DISTRO-EOL");
    assertThat(eol.severity()).isEqualTo(Severity.HIGH);
    assertThat(eol.evidenceItems()).containsExactly(
        Evidence.file(0, "etc/os-release", "ID=debian VERSION_ID=11 VERSION_CODENAME=bullseye"));

    Finding setuid = CheckImages.only(findings, "SETUID-FILE");
    assertThat(setuid.evidenceItems()).containsExactly(
        Evidence.file(1, "usr/bin/sudo", "mode 4755, owner 0 (root), group 0"));

    Finding buildTools = CheckImages.only(findings, "BUILD-TOOLS-PRESENT");
    assertThat(buildTools.evidenceItems()).extracting(Evidence::path)
        .contains("usr/bin/gcc", "usr/bin/gcc-10", "usr/bin/git", "usr/include");

    Finding pipe = CheckImages.only(findings, "CURL-PIPE-SHELL");
    assertThat(pipe.evidenceItems()).containsExactly(Evidence.history(3, 2,
        "step 4: RUN curl -fsSL https://get.example.com/install.sh | sh"));

    Finding url = CheckImages.only(findings, "ADD-FROM-URL");
    assertThat(url.evidenceItems()).extracting(Evidence::historyIndex, Evidence::layer).containsExactly(
        org.assertj.core.groups.Tuple.tuple(4, 3));

    Finding waste = CheckImages.only(findings, "WASTED-SPACE");
    assertThat(waste.evidenceItems()).extracting(Evidence::path).contains("app/static/bundle.js");

    Finding writable = CheckImages.only(findings, "WORLD-WRITABLE");
    assertThat(writable.evidenceItems()).extracting(Evidence::path).containsExactly("var/www");

    Finding caches = CheckImages.only(findings, "PACKAGE-CACHE-LEFT");
    assertThat(caches.evidenceItems()).extracting(Evidence::path)
        .containsExactly("var/lib/apt/lists", "var/cache/apt");
  }

  @Test
  void goodSampleHasNothingSerious() throws IOException {
    List<Finding> findings = findings("hygiene-good.tar");

    Set<String> serious = findings.stream()
        .filter(f -> f.severity().compareTo(Severity.HIGH) <= 0)
        .map(Finding::id)
        .collect(Collectors.toSet());
    assertThat(serious).isEmpty();
    assertThat(findings).extracting(Finding::id).isEmpty();
  }

  private static List<Finding> findings(String fileName) throws IOException {
    PasswdFiles files = new PasswdFiles();
    ImageIndexer indexer = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT, List.of(files));
    List<ImageCheck> checks = List.of(new BaseImageCheck(DAY, EolTable.bundled()), new AttackSurfaceCheck(),
        new BuildHygieneCheck(), new SupplyChainCheck());
    try (ImageSource source = FileSources.open(sample(fileName))) {
      String key = source.listImages().get(0).key();
      try (Image image = source.open(key, null, ProgressListener.NONE)) {
        ImageAnalysis analysis = indexer.analyze(image, ProgressListener.NONE);
        ImageFacts facts = new ImageFacts(image.references(), image.digest(), image.config(), analysis,
            files.database(analysis), null, null, null, null);
        List<Finding> findings = new java.util.ArrayList<>();
        for (ImageCheck check : checks) {
          findings.addAll(check.run(facts, CheckSettings.DEFAULTS));
        }
        return findings;
      }
    }
  }

  private static Path sample(String fileName) {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    return root.resolve("samples/images").resolve(fileName);
  }
}
