package io.hullscope.check;

import static io.hullscope.check.SecretTokensTest.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.check.SecretScanCache.LayerSecrets;
import io.hullscope.image.Digest;
import io.hullscope.image.HistoryEntry;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.FakeImage;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndex;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Runs {@link SecretCheck} through the real indexer on layers built in memory. */
class SecretCheckTest {

  private static final String TOKEN = "ghp_" + random(36);
  private static final String SECRET_ENV = "GITHUB_TOKEN=" + TOKEN + "\n";

  @Test
  void visibleSecretFileIsReported() throws IOException {
    List<Finding> findings = run(new SecretCheck(),
        new TarBuilder().dir("app").file("app/settings.yaml", "github:\n  token: " + TOKEN + "\n"));

    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.id()).isEqualTo("SECRET-IN-FILE");
      assertThat(finding.severity()).isEqualTo(Severity.HIGH);
      assertThat(finding.confidence()).isEqualTo(Confidence.HIGH);
      assertThat(finding.location()).isEqualTo("/app/settings.yaml in layer #0");
      assertThat(finding.evidence()).isEqualTo("/app/settings.yaml in layer #0: line 2: ghp_…(40 chars) (GitHub token,"
          + " confidence HIGH: GitHub token format)");
      assertThat(finding.evidenceItems()).singleElement().satisfies(item -> {
        assertThat(item.kind()).isEqualTo(Evidence.Kind.FILE);
        assertThat(item.layer()).isZero();
        assertThat(item.path()).isEqualTo("app/settings.yaml");
      });
    });
  }

  @Test
  void overwrittenSecretIsStillPresent() throws IOException {
    List<Finding> findings = run(new SecretCheck(),
        new TarBuilder().dir("app").file("app/.env", SECRET_ENV),
        new TarBuilder().dir("app").file("app/.env", "GITHUB_TOKEN=\n"));

    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.id()).isEqualTo("SECRET-DELETED-BUT-PRESENT");
      assertThat(finding.evidence()).startsWith("/app/.env was added in layer #0 and overwritten in layer #1, but layer #0"
          + " still contains it: ");
      assertThat(finding.evidenceItems()).extracting(Evidence::layer).containsExactly(0, 1);
      assertThat(finding.evidenceItems().get(1).text()).isEqualTo("overwritten");
    });
  }

  @Test
  void secretDeletedWithItsFolderIsStillPresent() throws IOException {
    List<Finding> findings = run(new SecretCheck(),
        new TarBuilder().dir("app").dir("app/conf").file("app/conf/.env", SECRET_ENV),
        new TarBuilder().file("srv/other.txt", "x"),
        new TarBuilder().whiteout("app"));

    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.id()).isEqualTo("SECRET-DELETED-BUT-PRESENT");
      assertThat(finding.evidence()).contains("deleted with its folder /app by a whiteout in layer #2");
      assertThat(finding.evidenceItems()).extracting(Evidence::layer).containsExactly(0, 2);
    });
  }

  @Test
  void secretHiddenByOpaqueFolderIsStillPresent() throws IOException {
    List<Finding> findings = run(new SecretCheck(),
        new TarBuilder().dir("app").file("app/.env", SECRET_ENV),
        new TarBuilder().dir("app").opaque("app").file("app/run.sh", "exec ./server\n"));

    assertThat(findings).singleElement().extracting(Finding::evidence).asString()
        .contains("hidden by the opaque folder /app in layer #1");
  }

  @Test
  void folderReplacedByFileKeepsSecret() throws IOException {
    List<Finding> findings = run(new SecretCheck(),
        new TarBuilder().dir("app").file("app/.env", SECRET_ENV),
        new TarBuilder().file("app", "now a file\n"));

    assertThat(findings).singleElement().extracting(Finding::evidence).asString()
        .contains("replaced with its folder /app in layer #1");
  }

  @Test
  void restoredSecretIsReportedTwice() throws IOException {
    List<Finding> findings = run(new SecretCheck(),
        new TarBuilder().dir("app").file("app/.env", SECRET_ENV),
        new TarBuilder().whiteout("app/.env"),
        new TarBuilder().dir("app").file("app/.env", SECRET_ENV));

    assertThat(findings).extracting(Finding::id).containsExactly("SECRET-DELETED-BUT-PRESENT", "CREDENTIAL-FILE");
    assertThat(findings.get(1).location()).isEqualTo("/app/.env in layer #2");
  }

  @Test
  void lookAlikeFilesStayLow() throws IOException {
    List<Finding> findings = run(new SecretCheck(),
        new TarBuilder().dir("usr").dir("usr/share").dir("usr/share/doc").dir("usr/share/doc/tool")
            .file("usr/share/doc/tool/README.md", SECRET_ENV)
            .file("usr/share/doc/tool/example.pem", "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n")
            .dir("etc").file("etc/ssl/certs/ca.crt", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
            .file("app/.env.example", "DB_PASSWORD=changeme\nAPI_TOKEN=<token>\n")
            .file("app/node_modules/lib/test/fixture.json", "{\"token\": \"" + TOKEN + "\"}")
            .file("app/tests/fixtures/.npmrc", "//registry.npmjs.org/:_authToken=npm_" + random(36) + "\n")
            .file("root/.ssh/id_ed25519.pub", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHv user@host\n"));

    assertThat(findings).extracting(Finding::confidence).containsOnly(Confidence.LOW);
    assertThat(findings).extracting(Finding::location).containsExactly("/app/tests/fixtures/.npmrc in layer #0");
  }

  @Test
  void dotDotEntryNameIsReportedNormalized() throws IOException {
    List<Finding> findings = run(new SecretCheck(),
        new TarBuilder().dir("app").file("/app/../app/./.env", SECRET_ENV).file("srv/x/../../root/.npmrc",
            "//registry.npmjs.org/:_authToken=npm_" + random(36) + "\n"));

    assertThat(findings).extracting(Finding::location)
        .containsExactly("/app/.env in layer #0", "/root/.npmrc in layer #0");
  }

  @Test
  void secretFileInEveryLayerIsReportedPerLayer() throws IOException {
    TarBuilder[] layers = new TarBuilder[30];
    for (int i = 0; i < layers.length; i++) {
      layers[i] = new TarBuilder().dir("app").file("app/.env", "GITHUB_TOKEN=ghp_" + random(30) + String.format("%06d", i));
    }

    List<Finding> findings = run(new SecretCheck(), layers);

    assertThat(findings).hasSize(30);
    assertThat(findings.subList(0, 29)).extracting(Finding::id).containsOnly("SECRET-DELETED-BUT-PRESENT");
    assertThat(findings.get(29).id()).isEqualTo("CREDENTIAL-FILE");
  }

  @Test
  void buildArgumentRepeatedInHistoryIsOneFinding() throws IOException {
    String password = "zypg4kq8m3rt2nvw7hbx";
    ImageConfig config = new ImageConfig(null, null, null, null, null, null, null, null, null, null, null, null, null,
        List.of(
            new HistoryEntry(null, "/bin/sh -c #(nop) ADD file:abc in / ", null, false),
            new HistoryEntry(null, "/bin/sh -c #(nop)  ARG DB_PASSWORD", null, true),
            new HistoryEntry(null, "|1 DB_PASSWORD=" + password + " /bin/sh -c ./migrate", null, false),
            new HistoryEntry(null, "|1 DB_PASSWORD=" + password + " /bin/sh -c ./seed", null, false)),
        null);

    List<Finding> findings = new SecretCheck().run(facts(config, null), CheckSettings.DEFAULTS);

    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.id()).isEqualTo("SECRET-IN-HISTORY");
      assertThat(finding.location()).isEqualTo("history step 3");
      assertThat(finding.evidence()).startsWith("History step 3 (and 1 later line): DB_PASSWORD=zypg…(20 chars)");
      assertThat(finding.evidenceItems()).extracting(Evidence::historyIndex).containsExactly(2, 3);
      assertThat(finding.evidenceItems()).extracting(Evidence::layer).containsExactly(1, 2);
      assertThat(SecretTestData.allText(finding)).doesNotContain(password.substring(4));
    });
  }

  @Test
  void envAndLabelFindingsAreRedacted() throws IOException {
    ImageConfig config = new ImageConfig(null, null, null, null, List.of("API_TOKEN=" + TOKEN), null, null, null,
        Map.of("deploy.password", "zypg4kq8m3rt2nvw7hbx"), null, null, null, null, null, null);

    List<Finding> findings = new SecretCheck().run(facts(config, null), CheckSettings.DEFAULTS);

    assertThat(findings).extracting(Finding::id).containsExactly("SECRET-IN-ENV", "SECRET-IN-LABEL");
    assertThat(findings.get(0).evidenceItems()).singleElement()
        .isEqualTo(Evidence.config("Env", "API_TOKEN=ghp_…(40 chars)"));
    assertThat(findings.get(1).evidenceItems()).singleElement()
        .isEqualTo(Evidence.config("Labels", "deploy.password=zypg…(20 chars)"));
    for (Finding finding : findings) {
      assertThat(SecretTestData.allText(finding)).doesNotContain(TOKEN.substring(4)).doesNotContain("4kq8m3rt2nvw7hbx");
    }
  }

  @Test
  void unregisteredInterestFails() throws IOException {
    ImageAnalysis analysis = new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT)
        .analyze(FakeImage.of(new TarBuilder().file("app/.env", SECRET_ENV)), ProgressListener.NONE);

    assertThatThrownBy(() -> new SecretCheck().run(facts(null, analysis), CheckSettings.DEFAULTS))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("layer 1 was not offered to the secret scan");
  }

  @Test
  void cachedLayersAreNotStreamedAgain() throws IOException {
    MemoryIndexCache indexCache = new MemoryIndexCache();
    MemorySecretCache secretCache = new MemorySecretCache();
    FakeImage image = FakeImage.of(
        new TarBuilder().dir("app").file("app/.env", SECRET_ENV),
        new TarBuilder().whiteout("app/.env").file("srv/readme.txt", "nothing here"));

    List<Finding> first = run(new SecretCheck(new SecretFiles(secretCache)), indexCache, image);
    List<Finding> second = run(new SecretCheck(new SecretFiles(secretCache)), indexCache, image);

    assertThat(image.layer(0).opens.get()).isEqualTo(1);
    assertThat(image.layer(1).opens.get()).isEqualTo(1);
    assertThat(secretCache.puts).hasSize(2);
    assertThat(second).isEqualTo(first);
    assertThat(second).extracting(Finding::id).containsExactly("SECRET-DELETED-BUT-PRESENT");
    for (LayerSecrets secrets : secretCache.rows.values()) {
      assertThat(secrets.toString()).doesNotContain(TOKEN.substring(4));
    }
  }

  @Test
  void cachedLayerStreamedForOthersIsNotScanned() throws IOException {
    MemorySecretCache secretCache = new MemorySecretCache();
    FakeImage image = FakeImage.of(new TarBuilder().dir("app").file("app/.env", SECRET_ENV));
    run(new SecretCheck(new SecretFiles(secretCache)), new MemoryIndexCache(), image);
    SecretFiles files = new SecretFiles(secretCache);

    // Without an index cache the layer is streamed again, but the secret cache already has its hits.
    List<Finding> again = run(new SecretCheck(files), new MemoryIndexCache(), image);

    assertThat(image.layer(0).opens.get()).isEqualTo(2);
    assertThat(files.wants(0, new io.hullscope.index.FileEntry("app/.env", io.hullscope.index.EntryType.FILE, 10,
        0644, 0, 0, null, 0))).isFalse();
    assertThat(again).extracting(Finding::id).containsExactly("CREDENTIAL-FILE");
    assertThat(secretCache.puts).hasSize(1);
  }

  @Test
  void cacheOfOtherDetectorIsIgnored() throws IOException {
    MemoryIndexCache indexCache = new MemoryIndexCache();
    MemorySecretCache secretCache = new MemorySecretCache();
    FakeImage image = FakeImage.of(new TarBuilder().dir("app").file("app/.env", SECRET_ENV));

    run(new SecretCheck(new SecretFiles(secretCache)), indexCache, image);
    List<Finding> again = run(new SecretCheck(new SecretFiles(1 << 20, 1024, 10, secretCache)), indexCache, image);

    assertThat(image.layer(0).opens.get()).isEqualTo(2);
    assertThat(again).extracting(Finding::id).containsExactly("CREDENTIAL-FILE");
  }

  @Test
  void defaultChecksIncludeSecrets() {
    ImageChecks checks = HardeningChecks.defaults();

    assertThat(checks.definitions()).extracting(CheckDefinition::id).contains("SECRET-IN-ENV", "SECRET-IN-LABEL",
        "SECRET-IN-HISTORY", "SECRET-IN-FILE", "CREDENTIAL-FILE", "SECRET-DELETED-BUT-PRESENT");
    assertThat(checks.interests()).hasAtLeastOneElementOfType(SecretFiles.class);
  }

  private static List<Finding> run(SecretCheck check, TarBuilder... layers) throws IOException {
    return run(check, new MemoryIndexCache(), FakeImage.of(layers));
  }

  private static List<Finding> run(SecretCheck check, LayerIndexCache cache, FakeImage image) throws IOException {
    ImageAnalysis analysis = new ImageIndexer(cache, Limits.DEFAULT, check.interests())
        .analyze(image, ProgressListener.NONE);
    return check.run(facts(null, analysis), CheckSettings.DEFAULTS);
  }

  private static ImageFacts facts(ImageConfig config, ImageAnalysis analysis) {
    ImageConfig used = config != null ? config
        : new ImageConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    return new ImageFacts(List.of(), null, used, analysis, null, null, null, null, null);
  }

  private static final class MemoryIndexCache implements LayerIndexCache {
    private final Map<Digest, LayerIndex> indexes = new HashMap<>();

    @Override
    public Optional<LayerIndex> get(Digest diffId) {
      return Optional.ofNullable(indexes.get(diffId));
    }

    @Override
    public void put(LayerIndex index) {
      indexes.put(index.diffId(), index);
    }
  }

  private static final class MemorySecretCache implements SecretScanCache {
    final Map<String, LayerSecrets> rows = new HashMap<>();
    final List<String> puts = new ArrayList<>();

    @Override
    public Optional<LayerSecrets> get(Digest diffId, String detector) {
      return Optional.ofNullable(rows.get(diffId + " " + detector));
    }

    @Override
    public void put(Digest diffId, String detector, LayerSecrets secrets) {
      rows.put(diffId + " " + detector, secrets);
      puts.add(diffId + " " + detector);
    }
  }
}
