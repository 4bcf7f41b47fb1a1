package io.hullscope.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.check.CheckSettings;
import io.hullscope.check.Finding;
import io.hullscope.check.ImageFacts;
import io.hullscope.check.SecretCheck;
import io.hullscope.check.SecretFiles;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.FakeImage;
import io.hullscope.index.FakeLayer;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secrets check with the SQLite layer index and secret caches, as the application uses them. */
class CachedSecretScanTest {

  private static final String TOKEN = "ghp_q7Xk2mPz9Lw4Rt8Vb3Nc6Hd1Jf5Gs0YaEuOi";

  @TempDir
  Path folder;

  @Test
  void reopenedImageIsNotStreamedForSecrets() throws IOException {
    byte[] base = new TarBuilder().dir("app").file("app/.env", "GITHUB_TOKEN=" + TOKEN + "\n").build();
    byte[] cleanup = new TarBuilder().whiteout("app/.env").file("app/run.sh", "exec ./server\n").build();

    List<Finding> first = findings(FakeImage.ofTars(base, cleanup));
    FakeImage again = new FakeImage(List.of(FakeLayer.gzip(0, base), FakeLayer.gzip(1, cleanup)));
    List<Finding> second = findings(again);

    assertThat(again.layer(0).opens.get()).isZero();
    assertThat(again.layer(1).opens.get()).isZero();
    assertThat(second).isEqualTo(first);
    assertThat(second).extracting(Finding::id).containsExactly("SECRET-DELETED-BUT-PRESENT");
  }

  @Test
  void databaseFilesNeverContainTheToken() throws IOException {
    findings(FakeImage.of(new TarBuilder().dir("app").file("app/.env", "GITHUB_TOKEN=" + TOKEN + "\n")));

    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(content).as(file.toString()).doesNotContain(TOKEN.substring(4));
      }
    }
  }

  private List<Finding> findings(FakeImage image) throws IOException {
    try (Database database = Database.open(folder.resolve("cache.db"))) {
      SecretCheck check = new SecretCheck(new SecretFiles(new SqliteSecretScanCache(database)));
      ImageAnalysis analysis = new ImageIndexer(new SqliteLayerIndexCache(database), Limits.DEFAULT, check.interests())
          .analyze(image, ProgressListener.NONE);
      ImageFacts facts = new ImageFacts(List.of(), null, image.config(), analysis, null, null, null, null, null);
      return check.run(facts, CheckSettings.DEFAULTS);
    }
  }
}
