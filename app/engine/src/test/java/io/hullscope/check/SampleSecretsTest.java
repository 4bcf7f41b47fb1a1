package io.hullscope.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.image.Image;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.FileInterest;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.source.FileSources;
import io.hullscope.source.ImageSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the secrets check on the committed training samples, indexed the way the CLI and the
 * desktop do; their content is written by {@code io.hullscope.samples.SampleImages}.
 */
class SampleSecretsTest {

  @Test
  void badSampleShowsEverySecret() throws IOException {
    List<Finding> findings = findings("hygiene-bad.tar");

    assertThat(findings).filteredOn(f -> f.id().equals("SECRET-IN-ENV"))
        .extracting(Finding::location)
        .containsExactlyInAnyOrder("ENV DB_PASSWORD in the Dockerfile", "ENV API_TOKEN in the Dockerfile");
    assertThat(findings).filteredOn(f -> f.location().startsWith("ENV API_TOKEN"))
        .singleElement()
        .satisfies(f -> assertThat(f.evidence()).contains("GitHub token").contains("ghp_…(40 chars)"))
        .extracting(Finding::confidence).isEqualTo(Confidence.HIGH);
    assertThat(findings).filteredOn(f -> f.id().equals("CREDENTIAL-FILE"))
        .extracting(Finding::location)
        .containsExactlyInAnyOrder("/app/.env in layer #3", "/root/.npmrc in layer #3");
    assertThat(findings).filteredOn(f -> f.location().equals("/app/.env in layer #3"))
        .singleElement()
        .satisfies(f -> assertThat(f.evidence()).contains("AWS access key pair"))
        .extracting(Finding::confidence).isEqualTo(Confidence.HIGH);
    assertThat(findings).filteredOn(f -> f.id().equals("SECRET-DELETED-BUT-PRESENT"))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.location()).isEqualTo("/app/certs/deploy-key.pem in layer #3");
          assertThat(f.evidence()).contains("Ed25519 private key (PKCS#8)").contains("deleted by a whiteout in layer #4");
          assertThat(f.evidenceItems()).extracting(Evidence::layer).containsExactly(3, 4);
          assertThat(f.confidence()).isEqualTo(Confidence.HIGH);
        });
  }

  @Test
  void badSampleFindingsNeverShowTheSecrets() throws IOException {
    List<Finding> findings = findings("hygiene-bad.tar");
    // Redaction may show the first four characters, so the rest of each secret must never appear.
    List<String> secretTails = List.of(
        SecretTestData.sampleToken(11, "abcdefghijkmnpqrstuvwxyz23456789", 20).substring(4),
        SecretTestData.sampleToken(12, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 36),
        SecretTestData.sampleToken(41, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
        SecretTestData.sampleToken(42, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40)
            .substring(4),
        SecretTestData.sampleToken(43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 36));

    assertThat(findings).isNotEmpty();
    for (Finding finding : findings) {
      for (String secretTail : secretTails) {
        assertThat(SecretTestData.allText(finding)).doesNotContain(secretTail);
      }
    }
  }

  @Test
  void defaultRunnerReportsSecretsOfBadSample() throws IOException {
    ImageChecks checks = HardeningChecks.defaults();
    PasswdFiles accounts = new PasswdFiles();
    List<FileInterest> interests = new ArrayList<>(checks.interests());
    interests.add(accounts);
    ImageIndexer indexer = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT, interests);
    HardeningReport report;
    try (ImageSource source = FileSources.open(sample("hygiene-bad.tar"))) {
      String key = source.listImages().get(0).key();
      try (Image image = source.open(key, null, ProgressListener.NONE)) {
        ImageAnalysis analysis = indexer.analyze(image, ProgressListener.NONE);
        ImageFacts facts = new ImageFacts(image.references(), image.digest(), image.config(), analysis,
            accounts.database(analysis), null, null, null, null);
        report = checks.run("hygiene-bad", facts, CheckPolicy.DEFAULT, "test");
      }
    }

    assertThat(report.findings()).extracting(Finding::id)
        .contains("SECRET-IN-ENV", "CREDENTIAL-FILE", "SECRET-DELETED-BUT-PRESENT");
    assertThat(report.grade().deductions()).anySatisfy(deduction -> {
      assertThat(deduction.finding().id()).isEqualTo("SECRET-IN-ENV");
      assertThat(deduction.points()).isPositive();
    });
  }

  @Test
  void goodSampleHasNoSecrets() throws IOException {
    assertThat(findings("hygiene-good.tar")).isEmpty();
  }

  private static List<Finding> findings(String fileName) throws IOException {
    SecretCheck check = new SecretCheck();
    ImageIndexer indexer = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT, check.interests());
    try (ImageSource source = FileSources.open(sample(fileName))) {
      String key = source.listImages().get(0).key();
      try (Image image = source.open(key, null, ProgressListener.NONE)) {
        ImageAnalysis analysis = indexer.analyze(image, ProgressListener.NONE);
        ImageFacts facts = new ImageFacts(image.references(), null, image.config(), analysis, null, null, null, null,
            null);
        return check.run(facts, CheckSettings.DEFAULTS);
      }
    }
  }

  private static Path sample(String fileName) {
    Path root = Path.of(System.getProperty("hullscope.repo", "../..")).toAbsolutePath().normalize();
    return root.resolve("samples/images").resolve(fileName);
  }
}
