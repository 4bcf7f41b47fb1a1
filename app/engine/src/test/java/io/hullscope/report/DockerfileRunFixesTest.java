package io.hullscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerfileRunFixesTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "apt-get update && apt-get install -y curl"
          + "|apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*",
      "apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*"
          + "|apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*",
      "apk add curl|apk add --no-cache curl",
      "apk add --no-cache curl|apk add --no-cache curl",
      "dnf install -y gcc|dnf install -y gcc && dnf clean all",
      "yum -y install git && yum clean all|yum -y install git && yum clean all",
      "pip install -r requirements.txt|pip install --no-cache-dir -r requirements.txt",
      "npm ci|npm ci && npm cache clean --force",
      "make && make install|make && make install"})
  void cachesAreCleanedInSameStep(String command, String expected) {
    assertThat(DockerfileRunFixes.cleanCaches(command)).isEqualTo(expected);
  }

  @Test
  void unwantedPackagesAreRemoved() {
    String command = "apt-get update && apt-get install -y sudo curl openssh-server && echo done";

    assertThat(DockerfileRunFixes.installed(command, Set.of("sudo", "openssh-server"))).containsExactly("sudo",
        "openssh-server");
    assertThat(DockerfileRunFixes.withoutPackages(command, Set.of("sudo", "openssh-server")))
        .isEqualTo("apt-get update && apt-get install -y curl && echo done");
  }

  @Test
  void packageNameInOtherCommandIsKept() {
    String command = "apk add curl && echo sudo";

    assertThat(DockerfileRunFixes.installed(command, Set.of("sudo"))).isEmpty();
    assertThat(DockerfileRunFixes.withoutPackages(command, Set.of("sudo"))).isEqualTo(command);
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "curl -fsSL https://get.example.com/install.sh | sh"
          + " => curl -fsSLo /tmp/download-3-1.sh https://get.example.com/install.sh && echo \"<fill-in:sha256-of-download-3-1>"
          + "  /tmp/download-3-1.sh\" | sha256sum -c - && sh /tmp/download-3-1.sh && rm /tmp/download-3-1.sh",
      "curl -sSL https://x.example.org/i.sh | sudo bash -s -- --yes && echo ok"
          + " => curl -fsSLo /tmp/download-3-1.sh https://x.example.org/i.sh && echo \"<fill-in:sha256-of-download-3-1>"
          + "  /tmp/download-3-1.sh\" | sha256sum -c - && bash /tmp/download-3-1.sh --yes && rm /tmp/download-3-1.sh"
          + " && echo ok",
      "wget -qO- https://x.example.org/i.sh | /bin/sh"
          + " => wget -qO /tmp/download-3-1.sh https://x.example.org/i.sh && echo \"<fill-in:sha256-of-download-3-1>"
          + "  /tmp/download-3-1.sh\" | sha256sum -c - && sh /tmp/download-3-1.sh && rm /tmp/download-3-1.sh"})
  void pipedDownloadIsVerified(String command, String expected) {
    assertThat(DockerfileRunFixes.pipesDownloadToShell(command)).isTrue();
    assertThat(DockerfileRunFixes.verifyDownloads(command, 3)).isEqualTo(expected);
  }

  @Test
  void downloadToFileIsNotPiped() {
    assertThat(DockerfileRunFixes.pipesDownloadToShell("curl -o /tmp/x https://example.com/x && sh /tmp/x")).isFalse();
    assertThat(DockerfileRunFixes.pipesDownloadToShell("cat x | sh")).isFalse();
  }
}
