package io.hullscope.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.Digest;
import io.hullscope.image.ImageConfig;
import io.hullscope.image.Limits;
import io.hullscope.image.ProgressListener;
import io.hullscope.index.EntryType;
import io.hullscope.index.FakeImage;
import io.hullscope.index.ImageAnalysis;
import io.hullscope.index.ImageIndexer;
import io.hullscope.index.LayerIndexCache;
import io.hullscope.report.ReportRedaction;
import io.hullscope.sbom.ImagePackage;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.Package;
import io.hullscope.testing.TarBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Compares small synthetic images, including the awkward cases: empty images, type changes, whiteouts. */
class ImageComparisonTest {

  @Test
  void twoEmptyImagesDoNotDiffer() throws IOException {
    ImageComparison comparison = ImageComparison.of(image("a", config()), image("b", config()));

    assertThat(comparison.config()).isEmpty();
    assertThat(comparison.layers().rows()).isEmpty();
    assertThat(comparison.files().total()).isZero();
    assertThat(SampleComparisonTest.written(comparison, ComparisonFormat.MARKDOWN))
        .contains("Neither image has layers.", "The final file systems do not differ.");
  }

  @Test
  void imageWithoutLayersAgainstOneWithFiles() throws IOException {
    ComparedImage empty = image("empty", config());
    ComparedImage full = image("full", config(), new TarBuilder().dir("etc").file("etc/hostname", "box\n"));

    ImageComparison comparison = ImageComparison.of(empty, full);

    assertThat(comparison.layers().added()).hasSize(1);
    assertThat(comparison.layers().rows().get(0).left()).isNull();
    assertThat(comparison.files().changes()).extracting(FileChange::path, FileChange::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple("etc", FileChange.Kind.ADDED),
        org.assertj.core.groups.Tuple.tuple("etc/hostname", FileChange.Kind.ADDED));
    assertThat(comparison.files().sizeDelta()).isEqualTo(4);
  }

  @Test
  void fileReplacedByFolder() throws IOException {
    ComparedImage left = image("left", config(), new TarBuilder().file("opt/tool", "binary"));
    ComparedImage right = image("right", config(), new TarBuilder().dir("opt/tool").file("opt/tool/run", "x"));

    FileComparison files = ImageComparison.of(left, right).files();

    FileChange tool = files.changes().stream().filter(change -> change.path().equals("opt/tool")).findFirst()
        .orElseThrow();
    assertThat(tool.kind()).isEqualTo(FileChange.Kind.CHANGED);
    assertThat(tool.differences()).contains("type file -> directory");
    assertThat(tool.sizeDelta()).isEqualTo(-6);
    assertThat(files.changes()).extracting(FileChange::path).contains("opt/tool/run");
    assertThat(files.added()).isEqualTo(1);
  }

  @Test
  void whiteoutRemovesFileAndKeepsBaseLayerShared() throws IOException {
    TarBuilder base = new TarBuilder().file("a.txt", "a").file("b.txt", "b");
    ComparedImage left = image("left", config(), base);
    ComparedImage right = image("right", config(), new TarBuilder().file("a.txt", "a").file("b.txt", "b"),
        new TarBuilder().whiteout("a.txt"));

    ImageComparison comparison = ImageComparison.of(left, right);

    assertThat(comparison.layers().shared()).hasSize(1);
    assertThat(comparison.layers().added()).hasSize(1);
    assertThat(comparison.files().changes()).extracting(FileChange::path, FileChange::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("a.txt", FileChange.Kind.REMOVED));
  }

  @Test
  void modeOwnerAndLinkChangesAreListed() throws IOException {
    ComparedImage left = image("left", config(),
        new TarBuilder().file("bin/app", "1234".getBytes(StandardCharsets.UTF_8), 0755, 0, 0)
            .symlink("bin/sh", "dash"));
    ComparedImage right = image("right", config(),
        new TarBuilder().file("bin/app", "1234".getBytes(StandardCharsets.UTF_8), 04755, 1000, 1000)
            .symlink("bin/sh", "busybox"));

    List<FileChange> changes = ImageComparison.of(left, right).files().changes();

    assertThat(changes).extracting(FileChange::path).containsExactly("bin/app", "bin/sh");
    assertThat(changes.get(0).differences()).containsExactly("mode 0755 -> 4755", "uid 0 -> 1000", "gid 0 -> 1000");
    assertThat(changes.get(1).differences()).containsExactly("link dash -> busybox");
    assertThat(changes.get(1).after().type()).isEqualTo(EntryType.SYMLINK);
  }

  @Test
  void fileLimitKeepsCounts() throws IOException {
    TarBuilder many = new TarBuilder();
    for (int i = 0; i < 30; i++) {
      many.file(String.format("data/f%02d", i), "x");
    }
    ImageComparison comparison = ImageComparison.of(image("empty", config()), image("many", config(), many), 10);

    assertThat(comparison.files().changes()).hasSize(10);
    assertThat(comparison.files().added()).isEqualTo(31);
    assertThat(comparison.files().omitted()).isEqualTo(21);
    assertThat(comparison.files().sizeDelta()).isEqualTo(30);
    assertThat(SampleComparisonTest.written(comparison, ComparisonFormat.MARKDOWN))
        .contains("21 more differences are not listed");
  }

  @Test
  void negativeFileLimitIsRejected() throws IOException {
    ComparedImage empty = image("empty", config());

    assertThatThrownBy(() -> ImageComparison.of(empty, empty, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }

  @Test
  void deepFoldersDoNotOverflowTheStack() throws IOException {
    String deep = "d/".repeat(1500) + "leaf";
    ComparedImage right = image("deep", config(), new TarBuilder().file(deep, "x"));

    FileComparison files = ImageComparison.of(image("empty", config()), right).files();

    assertThat(files.added()).isEqualTo(1501);
    assertThat(files.changes().get(files.changes().size() - 1).path()).isEqualTo(deep);
  }

  @Test
  void hostileNamesStayTextInEveryFormat() throws IOException {
    String name = "<script>alert(1)</script>|*x*";
    ComparedImage right = image("right", config(), new TarBuilder().file(name, "x"));

    ImageComparison comparison = ImageComparison.of(image("left", config()), right);

    assertThat(SampleComparisonTest.written(comparison, ComparisonFormat.HTML))
        .doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;|*x*");
    assertThat(SampleComparisonTest.written(comparison, ComparisonFormat.MARKDOWN))
        .contains("\\<script\\>alert(1)\\</script\\>\\|\\*x\\*");
  }

  @Test
  void changedSecretIsMaskedOnBothSides() {
    ImageConfig before = config("TOKEN=old-value-123", "PROXY=http://user:hunter2hunter2@proxy:3128", "MODE=a");
    ImageConfig after = config("TOKEN=new-value-456", "PROXY=http://user:other@proxy:3128", "MODE=b");

    List<ConfigChange> changes = ConfigDiffer.compare(before, after);

    assertThat(changes).extracting(ConfigChange::key).containsExactly("MODE", "PROXY", "TOKEN");
    ConfigChange token = changes.get(2);
    assertThat(token.before()).isEqualTo(ReportRedaction.MASK);
    assertThat(token.after()).isEqualTo(ReportRedaction.MASK);
    assertThat(changes.get(1).before()).doesNotContain("hunter2").contains("user:");
    assertThat(changes.get(0).before()).isEqualTo("a");
  }

  @Test
  void packageVersionsAreOrderedByTheirScheme() {
    assertThat(PackageComparison.direction(deb("openssl", "1.1.1n-0+deb11u5"), deb("openssl", "1.1.1n-0+deb11u3")))
        .isEqualTo(PackageChange.Direction.DOWNGRADE);
    assertThat(PackageComparison.direction(deb("git", "2.30.2-1"), deb("git", "1:2.20.0-1")))
        .isEqualTo(PackageChange.Direction.UPGRADE);
    assertThat(PackageComparison.direction(pkg("unknown-type", "tool", "1"), pkg("unknown-type", "tool", "2")))
        .isEqualTo(PackageChange.Direction.UNKNOWN);
    assertThat(PackageComparison.direction(pkg("npm", "left-pad", "not a version"), pkg("npm", "left-pad", "1.0.0")))
        .isEqualTo(PackageChange.Direction.UNKNOWN);
  }

  @Test
  void packagesNeedBothSboms() throws IOException {
    ComparedImage withoutSbom = image("left", config());
    ImageSbom sbom = new ImageSbom(null, null, List.of(deb("bash", "5.2")), List.of(), List.of(), "test");
    ComparedImage withSbom = new ComparedImage("right", config(), withoutSbom.analysis(), sbom, null, null);

    assertThat(ImageComparison.of(withoutSbom, withSbom).packages().available()).isFalse();
    assertThat(ImageComparison.of(withSbom, withSbom).packages().unchanged()).isEqualTo(1);
  }

  @Test
  void unknownSectionNameRejected() {
    assertThat(ComparisonSection.ofOptionName(" VULNS ")).isEqualTo(ComparisonSection.VULNERABILITIES);
    assertThatThrownBy(() -> ComparisonSection.ofOptionName("colors"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colors").hasMessageContaining("findings");
  }

  private static ImagePackage deb(String name, String version) {
    return pkg("deb", name, version);
  }

  private static ImagePackage pkg(String type, String name, String version) {
    return ImagePackage.withoutLayers(new Package(name, version, type, null, List.of(), null, null, null,
        "var/lib/dpkg/status", List.of()));
  }

  private static ImageConfig config(String... env) {
    return new ImageConfig(null, null, null, null, List.of(env), Set.of(), null, null, Map.of(), null, null, null, null,
        null, null);
  }

  private static ComparedImage image(String name, ImageConfig config, TarBuilder... layers) throws IOException {
    FakeImage image = FakeImage.of(layers);
    ImageAnalysis analysis =
        new ImageIndexer(LayerIndexCache.NONE, Limits.DEFAULT).analyze(image, ProgressListener.NONE);
    List<Digest> diffIds = analysis.layers().stream().map(layer -> layer.diffId()).toList();
    ImageConfig withLayers = new ImageConfig(config.platform(), config.user(), config.entrypoint(), config.cmd(),
        config.env(), config.exposedPorts(), config.volumes(), config.workingDir(), config.labels(),
        config.healthcheck(), config.stopSignal(), config.created(), config.author(), config.history(), diffIds);
    return new ComparedImage(name, withLayers, analysis, null, null, null);
  }
}
