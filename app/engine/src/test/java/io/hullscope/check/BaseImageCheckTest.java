package io.hullscope.check;

import static io.hullscope.check.CheckImages.ids;
import static io.hullscope.check.CheckImages.image;
import static io.hullscope.check.CheckImages.only;
import static io.hullscope.check.CheckImages.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.hullscope.sbom.Distro;
import io.hullscope.testing.TarBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaseImageCheckTest {

  private static final String DIGEST = "sha256:abababababababababababababababababababababababababababababababab";
  private static final Clock TODAY = Clock.fixed(Instant.parse("2026-06-15T08:00:00Z"), ZoneOffset.UTC);

  private final BaseImageCheck check = new BaseImageCheck(TODAY, EolTable.bundled());

  @ParameterizedTest
  @CsvSource(nullValues = "none", value = {
      "app:latest, TAG-LATEST",
      "registry.example.com:5000/team/app:latest, TAG-LATEST",
      "app, TAG-MISSING",
      "registry.example.com:5000/team/app, TAG-MISSING",
      "app:1.4.2, none",
      "app:latest-alpine, none",
      "app@" + "sha256:abababababababababababababababababababababababababababababababab" + ", none",
      "app:latest@sha256:abababababababababababababababababababababababababababababababab, TAG-LATEST",
  })
  void referenceTags(String reference, String expected) {
    List<Finding> findings = run(check, image().reference(reference).facts());

    assertThat(ids(findings)).containsExactlyElementsOf(expected == null ? List.of() : List.of(expected));
  }

  @Test
  void noReferencesSayNothingAboutTags() {
    assertThat(run(check, image().facts())).isEmpty();
  }

  @Test
  void everyBadReferenceIsReported() {
    List<Finding> findings = run(check, image().reference("a:latest").reference("b").reference("c:2").facts());

    assertThat(ids(findings)).containsExactly("TAG-LATEST", "TAG-MISSING");
  }

  @Test
  void classicRootfsAddIsUnpinnedBase() {
    List<Finding> findings = run(check, image()
        .layer("/bin/sh -c #(nop) ADD file:4f1a6c8e in / ", new TarBuilder().file("etc/hostname", "x"))
        .step("/bin/sh -c #(nop)  CMD [\"bash\"]")
        .facts());

    Finding finding = only(findings, "BASE-NOT-PINNED");
    assertThat(finding.evidenceItems()).containsExactly(Evidence.history(0, 0, "ADD file:4f1a6c8e in /"));
    assertThat(finding.confidence()).isEqualTo(Confidence.MEDIUM);
    assertThat(finding.suggestion()).contains("@sha256:<digest>");
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', nullValues = "none", value = {
      "gcr.io/distroless/base-debian12:nonroot; " + DIGEST + "; false",
      "gcr.io/distroless/base-debian12@" + DIGEST + "; none; false",
      "gcr.io/distroless/base-debian12:nonroot; none; true",
      "gcr.io/distroless/base-debian12:nonroot; sha256:short; true",
  })
  void baseLabels(String name, String digest, boolean reported) {
    CheckImages image = image().label(BaseImageCheck.BASE_NAME_LABEL, name);
    if (digest != null) {
      image.label(BaseImageCheck.BASE_DIGEST_LABEL, digest);
    }

    List<Finding> findings = run(check, image.facts());

    assertThat(ids(findings).contains("BASE-NOT-PINNED")).isEqualTo(reported);
  }

  @Test
  void digestInBaseHistoryLineCountsAsPinned() {
    List<Finding> findings = run(check, image()
        .layer("COPY rootfs / # gcr.io/distroless/static@" + DIGEST, new TarBuilder().file("etc/hostname", "x"))
        .facts());

    assertThat(findings).isEmpty();
  }

  @Test
  void firstLayerElsewhereShowsNoBase() {
    List<Finding> findings = run(check, image()
        .layer("COPY app /app # buildkit", new TarBuilder().file("app/server", "x"))
        .facts());

    assertThat(findings).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(nullValues = "none", value = {
      // distro id, version, expected severity; today is 2026-06-15
      "debian, 10, HIGH",
      "fedora, 42, HIGH",
      "amzn, 2, MEDIUM",
      "ubuntu, 25.10, MEDIUM",
      "debian, 11, LOW",
      "fedora, 43, none",
      "debian, 12, none",
      "debian, 99, none",
      "plan9, 4, none",
  })
  void distroEndOfLife(String id, String version, String severity) {
    List<Finding> findings = run(check, image()
        .layer("/bin/sh -c #(nop) ADD file:1 in / ", new TarBuilder().file("etc/os-release", "ID=" + id + "\n"))
        .distro(new Distro(id, version, null, null))
        .label(BaseImageCheck.BASE_DIGEST_LABEL, DIGEST)
        .facts());

    if (severity == null) {
      assertThat(findings).isEmpty();
    } else {
      assertThat(only(findings, "DISTRO-EOL").severity()).isEqualTo(Severity.valueOf(severity));
    }
  }

  @Test
  void endOfLifeDayItselfIsNotPast() {
    BaseImageCheck onTheDay = new BaseImageCheck(
        Clock.fixed(Instant.parse("2026-08-31T23:00:00Z"), ZoneOffset.UTC), EolTable.bundled());
    BaseImageCheck dayAfter = new BaseImageCheck(
        Clock.fixed(Instant.parse("2026-09-01T00:00:00Z"), ZoneOffset.UTC), EolTable.bundled());
    ImageFacts facts = image().distro(new Distro("debian", "11", "bullseye", null)).facts();

    assertThat(only(run(onTheDay, facts), "DISTRO-EOL").severity()).isEqualTo(Severity.MEDIUM);
    assertThat(only(run(dayAfter, facts), "DISTRO-EOL").severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void osReleaseIsReadWhenDistroUnknown() {
    List<Finding> findings = run(check, image()
        .layer("COPY rootfs /opt # buildkit", new TarBuilder()
            .dir("etc").dir("usr").dir("usr/lib")
            .file("usr/lib/os-release", "NAME=\"Debian\"\nID=debian\nVERSION_ID=\"10\"\nPRETTY_NAME=\"Debian 10\"\n")
            .symlink("etc/os-release", "../usr/lib/os-release"))
        .facts());

    Finding finding = only(findings, "DISTRO-EOL");
    assertThat(finding.title()).isEqualTo("Debian 10 reached its end of life on 2024-06-30");
    assertThat(finding.evidenceItems()).containsExactly(
        Evidence.file(0, "usr/lib/os-release", "ID=debian VERSION_ID=10"));
    assertThat(finding.suggestion()).contains("FROM debian:13-slim");
  }

  @Test
  void osReleaseLinkLoopIsIgnored() {
    List<Finding> findings = run(check, image()
        .layer("COPY rootfs /opt # buildkit", new TarBuilder()
            .symlink("etc/os-release", "os-release2")
            .symlink("etc/os-release2", "os-release"))
        .facts());

    assertThat(findings).isEmpty();
  }

  @Test
  void garbageOsReleaseIsIgnored() {
    byte[] garbage = new byte[4096];
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = (byte) (i * 131);
    }
    List<Finding> findings = run(check, image()
        .layer("COPY rootfs /opt # buildkit", new TarBuilder().file("etc/os-release", garbage, 0644))
        .facts());

    assertThat(findings).isEmpty();
  }

  @Test
  void oversizedOsReleaseReadToLimit() {
    String big = "ID=debian\nVERSION_ID=9\n" + "# padding\n".repeat(20_000);
    List<Finding> findings = run(check, image()
        .layer("COPY rootfs /opt # buildkit", new TarBuilder().file("etc/os-release", big))
        .facts());

    // Only the first 64 KiB are read, which hold the fields.
    assertThat(ids(findings)).containsExactly("DISTRO-EOL");
  }
}
