package io.hullscope.vuln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hullscope.image.OperationCancelledException;
import io.hullscope.image.ProgressListener;
import io.hullscope.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link ExternalScanner} against stand-in {@code trivy} and {@code grype} scripts placed first
 * on the search path: neither scanner is installed on the build machines. The stand-ins write the
 * real fixture reports where the real programs would, and record their arguments.
 */
class ExternalScannerTest {

  private static final String IMAGE = "sha256:961769676411f082461f9ef46626dd7a2d1e2b2a38e6a44364bcbecf51e66dd4";

  @TempDir Path bin;
  @TempDir Path work;

  @Test
  void trivyStandInReportIsRead() throws IOException {
    standIn("trivy", "--output", TestData.file("reports/trivy/alpine-310.json"));
    Path archive = Files.writeString(work.resolve("image.tar"), "not read by the stand-in");

    ScanResult result = scanner(ExternalScanner.Kind.TRIVY, Duration.ofSeconds(30))
        .scan(new ExternalScanner.Target.Archive(archive), IMAGE, ProgressListener.NONE);

    assertThat(result.scanner()).isEqualTo("trivy dev");
    assertThat(result.matches()).hasSize(4);
    assertThat(Files.readString(bin.resolve("args.txt")))
        .startsWith("image --input " + archive + " --quiet --format json --output ");
  }

  @Test
  void grypeStandInScansTheSbom() throws IOException {
    standIn("grype", "--file", TestData.file("reports/grype/image-matches.json"));
    Path sbom = Files.writeString(work.resolve("sbom.json"), "{}");

    ScanResult result = scanner(ExternalScanner.Kind.GRYPE, Duration.ofSeconds(30))
        .scan(new ExternalScanner.Target.Sbom(sbom), IMAGE, ProgressListener.NONE);

    assertThat(result.scanner()).isEqualTo("grype");
    assertThat(result.matches()).hasSize(2);
    assertThat(Files.readString(bin.resolve("args.txt"))).startsWith("sbom:" + sbom + " --quiet --output json --file ");
  }

  @Test
  void referenceCommandsNameTheImageSource() {
    ExternalScanner trivy = scanner(ExternalScanner.Kind.TRIVY, Duration.ofSeconds(1));
    ExternalScanner grype = scanner(ExternalScanner.Kind.GRYPE, Duration.ofSeconds(1));
    Path program = Path.of("/x/scanner");
    Path report = Path.of("/tmp/r.json");

    assertThat(trivy.command(program, new ExternalScanner.Target.Reference("alpine:3.19", true), report))
        .containsSubsequence("image", "--image-src", "remote", "alpine:3.19");
    assertThat(trivy.command(program, new ExternalScanner.Target.Reference("alpine:3.19", false), report))
        .containsSubsequence("--image-src", "docker");
    assertThat(grype.command(program, new ExternalScanner.Target.Reference("alpine:3.19", true), report))
        .contains("registry:alpine:3.19");
    assertThat(grype.command(program, new ExternalScanner.Target.Reference("alpine:3.19", false), report))
        .contains("docker:alpine:3.19");
  }

  @Test
  void missingProgramSaysItIsNotOnThePath() {
    ExternalScanner scanner = scanner(ExternalScanner.Kind.TRIVY, Duration.ofSeconds(1));

    assertThat(scanner.executable()).isEmpty();
    assertThatThrownBy(() -> scanner.scan(new ExternalScanner.Target.Reference("alpine", false), IMAGE,
        ProgressListener.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("trivy was not found on the PATH (" + bin + ")")
        .hasMessageContaining("install it or choose another scanner");
  }

  @Test
  void nonZeroExitQuotesStandardError() throws IOException {
    script("trivy", "echo 'FATAL failed to download vulnerability DB' >&2\nexit 3\n");

    assertThatThrownBy(() -> scanner(ExternalScanner.Kind.TRIVY, Duration.ofSeconds(30))
        .scan(new ExternalScanner.Target.Reference("alpine", false), IMAGE, ProgressListener.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("trivy exited with code 3 while scanning alpine")
        .hasMessageContaining("FATAL failed to download vulnerability DB");
  }

  @Test
  void missingReportIsAnError() throws IOException {
    script("grype", "exit 0\n");

    assertThatThrownBy(() -> scanner(ExternalScanner.Kind.GRYPE, Duration.ofSeconds(30))
        .scan(new ExternalScanner.Target.Reference("alpine", false), IMAGE, ProgressListener.NONE))
        .hasMessageContaining("grype wrote no report");
  }

  @Test
  void slowScannerIsStoppedAtTheTimeout() throws IOException {
    script("trivy", "exec /bin/sleep 60\n");
    long start = System.nanoTime();

    assertThatThrownBy(() -> scanner(ExternalScanner.Kind.TRIVY, Duration.ofMillis(500))
        .scan(new ExternalScanner.Target.Reference("alpine", false), IMAGE, ProgressListener.NONE))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("did not finish within 0 seconds");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void cancelStopsTheScanner() throws IOException {
    script("trivy", "exec /bin/sleep 60\n");
    AtomicInteger polls = new AtomicInteger();
    ProgressListener cancelling = new ProgressListener() {
      @Override
      public boolean isCancelled() {
        return polls.incrementAndGet() > 2;
      }
    };

    assertThatThrownBy(() -> scanner(ExternalScanner.Kind.TRIVY, Duration.ofSeconds(60))
        .scan(new ExternalScanner.Target.Reference("alpine", false), IMAGE, cancelling))
        .isInstanceOf(OperationCancelledException.class);
  }

  @Test
  void reportOfTheOtherScannerIsRejected() throws IOException {
    standIn("trivy", "--output", TestData.file("reports/grype/image-matches.json"));

    assertThatThrownBy(() -> scanner(ExternalScanner.Kind.TRIVY, Duration.ofSeconds(30))
        .scan(new ExternalScanner.Target.Reference("alpine", false), IMAGE, ProgressListener.NONE))
        .isInstanceOf(ExternalScannerReportException.class)
        .hasMessageContaining("not a trivy report");
  }

  private ExternalScanner scanner(ExternalScanner.Kind kind, Duration timeout) {
    return new ExternalScanner(kind, bin.toString(), timeout, new ExternalScannerReports());
  }

  /** Writes a stand-in that records its arguments and copies {@code report} to the file after {@code flag}. */
  private void standIn(String name, String flag, Path report) throws IOException {
    script(name, "echo \"$*\" > '" + bin.resolve("args.txt") + "'\n"
        + "out=''\n"
        + "while [ $# -gt 0 ]; do\n"
        + "  if [ \"$1\" = '" + flag + "' ]; then out=\"$2\"; fi\n"
        + "  shift\n"
        + "done\n"
        + "/bin/cat '" + report + "' > \"$out\"\n");
  }

  private void script(String name, String body) throws IOException {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/sh\n# Stand-in for " + name + " in tests; the real program is not installed.\n"
        + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
