package io.hullscope.check;

import static io.hullscope.check.CheckImages.ids;
import static io.hullscope.check.CheckImages.image;
import static io.hullscope.check.CheckImages.only;
import static io.hullscope.check.CheckImages.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.sbom.ImagePackage;
import io.hullscope.sbom.ImageSbom;
import io.hullscope.sbom.Package;
import io.hullscope.testing.TarBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttackSurfaceCheckTest {

  private static final byte[] PROGRAM = "#!/bin/true\n".getBytes(StandardCharsets.UTF_8);

  private final AttackSurfaceCheck check = new AttackSurfaceCheck();

  @ParameterizedTest
  @CsvSource(nullValues = "none", value = {
      "bin/sh, SHELL-PRESENT",
      "usr/bin/bash, SHELL-PRESENT",
      "bin/busybox, SHELL-PRESENT",
      "usr/bin/apt-get, PACKAGE-MANAGER-PRESENT",
      "sbin/apk, PACKAGE-MANAGER-PRESENT",
      "usr/bin/microdnf, PACKAGE-MANAGER-PRESENT",
      "usr/local/bin/pip3.11, PACKAGE-MANAGER-PRESENT",
      "usr/local/bin/npm, PACKAGE-MANAGER-PRESENT",
      "usr/bin/gcc-12, BUILD-TOOLS-PRESENT",
      "usr/bin/make, BUILD-TOOLS-PRESENT",
      "usr/local/go/bin/go, BUILD-TOOLS-PRESENT",
      "opt/java/bin/javac, BUILD-TOOLS-PRESENT",
      "usr/bin/git, BUILD-TOOLS-PRESENT",
      "usr/bin/doas, SUDO-PRESENT",
      "usr/sbin/sshd, SSH-SERVER",
      "usr/sbin/dropbear, SSH-SERVER",
      "app/bin/server, none",
      "usr/share/doc/bash, none",
      "usr/bin/shellcheck, none",
      "usr/bin/pipx, none",
      "etc/sh, none",
  })
  void programNames(String path, String expected) {
    List<Finding> findings = run(check, image().layer("COPY . / # buildkit",
        new TarBuilder().file(path, PROGRAM, 0755)).facts());

    assertThat(ids(findings)).containsExactlyElementsOf(expected == null ? List.of() : List.of(expected));
  }

  @Test
  void symlinkToShellCounts() {
    List<Finding> findings = run(check, image()
        .layer("COPY a / # buildkit", new TarBuilder().file("usr/bin/dash", PROGRAM, 0755))
        .layer("COPY b / # buildkit", new TarBuilder().symlink("bin/sh", "../usr/bin/dash"))
        .facts());

    Finding shells = only(findings, "SHELL-PRESENT");
    assertThat(shells.evidenceItems()).containsExactly(
        Evidence.file(1, "bin/sh", "link to ../usr/bin/dash"),
        Evidence.file(0, "usr/bin/dash", "program"));
    assertThat(shells.title()).isEqualTo("A shell is present (2 files)");
  }

  @Test
  void deletedShellDoesNotCount() {
    List<Finding> findings = run(check, image()
        .layer("COPY a / # buildkit", new TarBuilder().file("bin/sh", PROGRAM, 0755))
        .layer("RUN rm /bin/sh # buildkit", new TarBuilder().whiteout("bin/sh"))
        .facts());

    assertThat(findings).isEmpty();
  }

  @Test
  void startCommandThatNeedsTheShellIsMentioned() {
    List<Finding> findings = run(check, image()
        .layer("COPY a / # buildkit", new TarBuilder().file("bin/sh", PROGRAM, 0755))
        .cmd("/bin/sh", "-c", "exec server")
        .facts());

    assertThat(only(findings, "SHELL-PRESENT").suggestion()).contains("start command runs /bin/sh");
  }

  @ParameterizedTest
  @CsvSource(nullValues = "none", value = {
      // path, type (f or d), mode, expected
      "usr/bin/passwd, f, 4755, SETUID-FILE",
      "usr/bin/wall, f, 2755, SETGID-FILE",
      "usr/bin/both, f, 6755, SETUID-FILE SETGID-FILE",
      "var/www, d, 0777, WORLD-WRITABLE",
      "app/data.db, f, 0666, WORLD-WRITABLE",
      "tmp, d, 1777, none",
      "var/tmp, d, 1777, none",
      "dev/null, f, 0666, none",
      "proc/x, f, 0666, none",
      "srv, d, 0775, none",
      "srv/setgid-dir, d, 2775, none",
  })
  void modes(String path, String type, String mode, String expected) {
    int bits = Integer.parseInt(mode, 8);
    TarBuilder tar = type.equals("d") ? new TarBuilder().dir(path, bits) : new TarBuilder().file(path, PROGRAM, bits);

    List<Finding> findings = run(check, image().layer("COPY . / # buildkit", tar).facts());

    assertThat(ids(findings)).containsExactlyElementsOf(expected == null ? List.of() : List.of(expected.split(" ")));
  }

  @Test
  void setuidEvidenceNamesModeAndOwner() {
    List<Finding> findings = run(check, image().layer("COPY . / # buildkit",
        new TarBuilder().file("usr/bin/su", PROGRAM, 04755, 0, 0).file("opt/tool", PROGRAM, 04750, 1000, 50))
        .facts());

    assertThat(only(findings, "SETUID-FILE").evidenceItems()).containsExactly(
        Evidence.file(0, "opt/tool", "mode 4750, owner 1000, group 50"),
        Evidence.file(0, "usr/bin/su", "mode 4755, owner 0, group 0"));
  }

  @Test
  void symlinksAreNeverWorldWritable() {
    List<Finding> findings = run(check, image().layer("COPY . / # buildkit",
        new TarBuilder().file("etc/real", "x").symlink("etc/link", "real")).facts());

    assertThat(findings).isEmpty();
  }

  @Test
  void manySetuidFilesGiveOneCappedFinding() {
    TarBuilder tar = new TarBuilder();
    for (int i = 0; i < 50; i++) {
      tar.file(String.format("usr/lib/tool%02d", i), PROGRAM, 04755);
    }
    AttackSurfaceCheck capped = new AttackSurfaceCheck(5);

    List<Finding> findings = run(capped, image().layer("COPY . / # buildkit", tar).facts());

    Finding finding = only(findings, "SETUID-FILE");
    assertThat(finding.title()).endsWith("(50 files)");
    assertThat(finding.evidenceItems()).hasSize(6);
    assertThat(finding.evidenceItems().get(5).text()).isEqualTo("and 45 more not listed");
    assertThat(finding.evidence()).endsWith("; and 45 more");
  }

  @Test
  void evidenceCapMustBePositive() {
    assertThatThrownBy(() -> new AttackSurfaceCheck(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void headersAreCountedOnce() {
    List<Finding> findings = run(check, image().layer("RUN apt-get install libc6-dev # buildkit",
        new TarBuilder().file("usr/include/stdio.h", "x").file("usr/include/sys/types.h", "x")
            .file("usr/include/README", "x")).facts());

    assertThat(only(findings, "BUILD-TOOLS-PRESENT").evidenceItems()).containsExactly(
        Evidence.file(0, "usr/include", "2 C header files under /usr/include"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "/bin/sh -c curl -fsSL https://get.example.com | sh; true",
      "/bin/sh -c curl -fsSL https://get.example.com | bash -s -- --yes; true",
      "RUN /bin/sh -c wget -qO- https://x.example.com/i.sh | sudo -E bash # buildkit; true",
      "/bin/sh -c curl https://x.example.com/i.sh | /bin/sh; true",
      "/bin/sh -c sh -c \"$(curl -fsSL https://x.example.com/i.sh)\"; true",
      "/bin/sh -c bash <(curl -s https://x.example.com/i.sh); true",
      "/bin/sh -c curl -fsSLo /tmp/i.sh https://x.example.com/i.sh && sha256sum -c sums && sh /tmp/i.sh; false",
      "/bin/sh -c curl -s https://x.example.com/data.json | jq .; false",
      "/bin/sh -c curl -s https://x.example.com | shasum; false",
      "/bin/sh -c #(nop)  LABEL note=curl|sh; false",
  })
  void curlPipedIntoShell(String history, boolean reported) {
    List<Finding> findings = run(check, image().step(history).facts());

    assertThat(ids(findings).contains("CURL-PIPE-SHELL")).isEqualTo(reported);
  }

  @ParameterizedTest
  @CsvSource({"22/tcp, true", "22, true", "22/udp, true", "2222/tcp, false", "8022/tcp, false"})
  void port22(String port, boolean reported) {
    List<Finding> findings = run(check, image().expose(port).facts());

    assertThat(ids(findings).contains("PORT-22-EXPOSED")).isEqualTo(reported);
  }

  @Test
  void port22EvidenceIncludesTheExposeStep() {
    List<Finding> findings = run(check, image()
        .step("/bin/sh -c #(nop)  EXPOSE 22/tcp 8080/tcp")
        .expose("22/tcp")
        .facts());

    assertThat(only(findings, "PORT-22-EXPOSED").evidenceItems()).containsExactly(
        Evidence.config("ExposedPorts", "22/tcp"),
        Evidence.history(0, -1, "step 1: EXPOSE 22/tcp 8080/tcp"));
  }

  @Test
  void sshServerPackageCounts() {
    Package pkg = new Package("openssh-server", "1:9.2p1-2", "deb", "pkg:deb/debian/openssh-server@1:9.2p1-2",
        List.of(), "openssh", null, "amd64", "var/lib/dpkg/status", List.of());
    ImageSbom sbom = new ImageSbom(null, null, List.of(new ImagePackage(pkg, 1, 1)), List.of(), List.of(), "test");

    List<Finding> findings = run(check, image().sbom(sbom).facts());

    assertThat(only(findings, "SSH-SERVER").evidenceItems()).containsExactly(new Evidence(Evidence.Kind.PACKAGE, 1,
        "var/lib/dpkg/status", -1, null, "package openssh-server 1:9.2p1-2"));
  }

  @Test
  void deepTreeIsWalkedWithoutRecursion() {
    String deep = "d/".repeat(1500);
    List<Finding> findings = run(check, image().layer("COPY . / # buildkit",
        new TarBuilder().file(deep + "bin/sh", PROGRAM, 04777)).facts());

    assertThat(ids(findings)).containsExactly("SHELL-PRESENT", "SETUID-FILE", "WORLD-WRITABLE");
  }

  @Test
  void imageWithoutLayersChecksOnlyConfigAndHistory() {
    List<Finding> findings = run(check, image().expose("22/tcp").facts());

    assertThat(ids(findings)).containsExactly("PORT-22-EXPOSED");
  }
}
