package io.hullscope.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.UserVerdict.Outcome;
import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks the user of the committed training samples, indexed the way the CLI and the desktop do;
 * their content is written by {@code io.hullscope.samples.SampleImages}.
 */
class SampleUserVerdictTest {

  @Test
  void badSampleRunsAsRoot() throws IOException {
    UserVerdict verdict = verdict("hygiene-bad.tar");

    assertThat(verdict.outcome()).isEqualTo(Outcome.RUNS);
    assertThat(verdict.uid()).isZero();
    assertThat(verdict.gid()).isZero();
    assertThat(verdict.explanation())
        .isEqualTo("UID 0 (root): User is unset, so the runtime default root applies, GID 0 from /etc/passwd"
            + " entry 'root' (line 1)");
    assertThat(verdict.findings()).extracting(Finding::id).containsExactly("ROOT-USER");
    assertThat(verdict.findings().get(0).evidence())
        .isEqualTo("Config User = (unset); /etc/passwd line 1: root:x:0:0:root:/root:/bin/bash");
    assertThat(verdict.findings().get(0).suggestion()).contains("useradd --uid 10001");
  }

  @Test
  void goodSampleRunsAsNonroot() throws IOException {
    UserVerdict verdict = verdict("hygiene-good.tar");

    assertThat(verdict.configuredUser()).isEqualTo("65532:65532");
    assertThat(verdict.outcome()).isEqualTo(Outcome.RUNS);
    assertThat(verdict.uid()).isEqualTo(65532L);
    assertThat(verdict.gid()).isEqualTo(65532L);
    assertThat(verdict.explanation()).isEqualTo("UID 65532 from /etc/passwd entry 'nonroot' (line 3), GID 65532 from"
        + " /etc/group entry 'nonroot' (line 3)");
    assertThat(verdict.findings()).isEmpty();
    assertThat(verdict.warnings()).isEmpty();
  }

  private static UserVerdict verdict(String fileName) throws IOException {
    PasswdFiles files = new PasswdFiles();
    ImageIndexer indexer = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT, List.of(files));
    try (ImageSource source = FileSources.open(sample(fileName))) {
      String key = source.listImages().get(0).key();
      try (Image image = source.open(key, null, ProgressListener.NONE)) {
        AccountDatabase accounts = files.database(indexer.analyze(image, ProgressListener.NONE));
        return UserVerdict.of(image.config(), accounts);
      }
    }
  }

  private static Path sample(String fileName) {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    return root.resolve("samples/images").resolve(fileName);
  }
}
