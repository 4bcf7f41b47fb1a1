package io.hullscope.check;

import static io.hullscope.check.CheckImages.ids;
import static io.hullscope.check.CheckImages.image;
import static io.hullscope.check.CheckImages.only;
import static io.hullscope.check.CheckImages.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.testing.TarBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuildHygieneCheckTest {

  private final BuildHygieneCheck check = new BuildHygieneCheck();

  /** Returns an image that passes every build-hygiene check, for tests to spoil one thing at a time. */
  private static CheckImages clean() {
    return image()
        .healthcheck("CMD", "/app/server", "--healthcheck")
        .label("org.opencontainers.image.source", "https://git.example.com/app")
        .label("org.opencontainers.image.version", "1.0.0")
        .label("org.opencontainers.image.revision", "0123456789abcdef");
  }

  @Test
  void cleanImageHasNoFindings() {
    assertThat(run(check, clean().layer("COPY app /app # buildkit", new TarBuilder().file("app/server", "x"))
        .facts())).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease, var/lib/apt/lists, rm -rf /var/lib/apt/lists/*",
      "var/cache/apt/archives/gcc_12_amd64.deb, var/cache/apt, apt-get clean",
      "var/cache/apk/APKINDEX.abc.tar.gz, var/cache/apk, apk add --no-cache",
      "var/cache/dnf/fedora.solv, var/cache/dnf, dnf clean all",
      "var/cache/yum/x86_64/7/base/repomd.xml, var/cache/yum, yum clean all",
      "root/.cache/pip/http/a/b, root/.cache/pip, --no-cache-dir",
      "root/.npm/_cacache/content-v2/sha512/ab, root/.npm/_cacache, npm cache clean --force",
  })
  void packageCaches(String file, String folder, String fix) {
    List<Finding> findings = run(check, clean().layer("RUN install # buildkit",
        new TarBuilder().file(file, new byte[3000], 0644)).facts());

    Finding finding = only(findings, "PACKAGE-CACHE-LEFT");
    assertThat(finding.evidenceItems()).containsExactly(Evidence.file(0, folder, "1 file, 2.9 KiB"));
    assertThat(finding.suggestion()).contains(fix);
  }

  @Test
  void emptyCacheFoldersAndLocksAreFine() {
    List<Finding> findings = run(check, clean().layer("RUN apt-get update && rm -rf /var/lib/apt/lists/*",
        new TarBuilder().dir("var/lib/apt/lists").dir("var/lib/apt/lists/partial")
            .file("var/lib/apt/lists/lock", new byte[0], 0640).file("var/cache/apt/archives/lock", "x")).facts());

    assertThat(findings).isEmpty();
  }

  @Test
  void deletedCacheCountsAsWaste() {
    List<Finding> findings = run(check, clean()
        .layer("RUN apt-get update # buildkit",
            new TarBuilder().file("var/lib/apt/lists/big_Packages", new byte[400 * 1024], 0644))
        .layer("RUN rm -rf /var/lib/apt/lists/* # buildkit",
            new TarBuilder().whiteout("var/lib/apt/lists/big_Packages"))
        .facts());

    assertThat(ids(findings)).containsExactly("WASTED-SPACE");
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', nullValues = "none", value = {
      "/bin/sh -c #(nop) ADD https://example.com/app.tar /app/; ADD-FROM-URL",
      "ADD --checksum=sha256:00 https://example.com/tool /usr/bin/tool # buildkit; ADD-FROM-URL",
      "ADD config.yaml /etc/app/ # buildkit; ADD-INSTEAD-OF-COPY",
      "ADD [\"a.txt\", \"b.txt\", \"/dst/\"] # buildkit; ADD-INSTEAD-OF-COPY",
      "ADD rootfs.tar.xz / # buildkit; none",
      "ADD --chown=1:1 app.tgz /opt/ # buildkit; none",
      "/bin/sh -c #(nop) ADD dir:abc123 in /app; ADD-INSTEAD-OF-COPY",
      "/bin/sh -c #(nop) ADD multi:abc123 in /app/; none",
      "COPY app.tar /app/ # buildkit; none",
  })
  void addInstructions(String history, String expected) {
    List<Finding> findings = run(check, clean().step(history).facts());

    assertThat(ids(findings)).containsExactlyElementsOf(expected == null ? List.of() : List.of(expected));
  }

  @Test
  void classicAddOfOneFileIsACopy() {
    List<Finding> findings = run(check, clean()
        .layer("/bin/sh -c #(nop) ADD file:aaa in /etc/app.conf ",
            new TarBuilder().dir("etc").file("etc/app.conf", "x"))
        .facts());

    assertThat(only(findings, "ADD-INSTEAD-OF-COPY").evidenceItems())
        .containsExactly(Evidence.history(0, 0, "step 1: ADD file:aaa in /etc/app.conf"));
  }

  @Test
  void classicAddThatUnpackedATreeIsFine() {
    List<Finding> findings = run(check, clean()
        .layer("/bin/sh -c #(nop) ADD file:bbb in / ",
            new TarBuilder().file("etc/os-release", "ID=x\n").file("bin/true", "x"))
        .facts());

    assertThat(findings).isEmpty();
  }

  @Test
  void healthcheckMissingOrDisabled() {
    CheckImages missing = image().label("org.opencontainers.image.source", "s")
        .label("org.opencontainers.image.version", "v").label("org.opencontainers.image.revision", "r");
    CheckImages disabled = image().healthcheck("NONE").label("org.opencontainers.image.source", "s")
        .label("org.opencontainers.image.version", "v").label("org.opencontainers.image.revision", "r");

    assertThat(only(run(check, missing.facts()), "NO-HEALTHCHECK").evidence()).isEqualTo("Healthcheck is not set");
    assertThat(only(run(check, disabled.facts()), "NO-HEALTHCHECK").evidence())
        .isEqualTo("Healthcheck is disabled with HEALTHCHECK NONE");
  }

  @Test
  void missingLabelsAreNamed() {
    List<Finding> findings = run(check, image().healthcheck("CMD", "true")
        .label("org.opencontainers.image.source", "https://git.example.com/app")
        .label("org.opencontainers.image.version", " ")
        .facts());

    Finding finding = only(findings, "MISSING-OCI-LABELS");
    assertThat(finding.title()).isEqualTo(
        "OCI labels are missing: org.opencontainers.image.version, org.opencontainers.image.revision");
    assertThat(finding.suggestion()).contains("org.opencontainers.image.revision=$REVISION");
  }

  @ParameterizedTest
  @CsvSource({
      // wasted KiB, kept KiB, settings, reported
      "300, 100, '', true",
      "300, 10000, '', false",
      "100, 10, '', false",
      "100, 10, WASTED-SPACE.min-bytes=1024, true",
      "300, 100, WASTED-SPACE.percent=90, false",
      "300, 10000, WASTED-SPACE.bytes=204800, true",
  })
  void wastedSpaceThresholds(int wastedKib, int keptKib, String setting, boolean reported) {
    CheckSettings settings = setting.isEmpty() ? CheckSettings.DEFAULTS
        : new CheckSettings(Map.of(setting.split("=")[0], setting.split("=")[1]));
    List<Finding> findings = run(check, clean()
        .layer("COPY a / # buildkit", new TarBuilder().file("app/asset", new byte[wastedKib * 1024], 0644)
            .file("app/kept", noise(keptKib * 1024), 0644))
        .layer("RUN rm /app/asset # buildkit", new TarBuilder().whiteout("app/asset"))
        .facts(), settings);

    assertThat(ids(findings).contains("WASTED-SPACE")).isEqualTo(reported);
  }

  @Test
  void wastedSpaceEvidenceNamesTheLayers() {
    List<Finding> findings = run(check, clean()
        .layer("COPY a / # buildkit", new TarBuilder().file("app/bundle.js", new byte[512 * 1024], 0644))
        .layer("RUN minify # buildkit", new TarBuilder().file("app/bundle.js", new byte[1024], 0644))
        .facts());

    Finding finding = only(findings, "WASTED-SPACE");
    assertThat(finding.evidenceItems()).containsExactly(
        Evidence.file(0, "app/bundle.js", "512.0 KiB wasted, stored in layers 0, 1"));
    assertThat(finding.title()).isEqualTo("512.0 KiB of the layers (100%) is hidden in the final image");
  }

  @ParameterizedTest
  @CsvSource({"20, '', false", "21, '', true", "5, 4, true", "5, 5, false"})
  void manyLayers(int layers, String limit, boolean reported) {
    CheckImages image = clean();
    for (int i = 0; i < layers; i++) {
      image.layer("RUN step " + i, new TarBuilder().file("f" + i, "x"));
    }
    CheckSettings settings = limit.isEmpty() ? CheckSettings.DEFAULTS
        : new CheckSettings(Map.of("MANY-LAYERS.count", limit));

    List<Finding> findings = run(check, image.facts(), settings);

    assertThat(ids(findings).contains("MANY-LAYERS")).isEqualTo(reported);
  }

  /** Bytes that do not compress, so large files stay under the indexer's compression-ratio limit. */
  private static byte[] noise(int size) {
    byte[] bytes = new byte[size];
    new java.util.Random(size).nextBytes(bytes);
    return bytes;
  }

  @Test
  void invalidThresholdIsRejectedWithItsName() {
    CheckSettings settings = new CheckSettings(Map.of("MANY-LAYERS.count", "many"));

    assertThatThrownBy(() -> run(check, clean().facts(), settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MANY-LAYERS.count");
  }
}
