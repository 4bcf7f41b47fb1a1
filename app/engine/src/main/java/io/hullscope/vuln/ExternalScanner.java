package io.hullscope.vuln;

import io.hullscope.image.OperationCancelledException;
import io.hullscope.image.ProgressListener;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Trivy or Grype, when installed, on an image or on an SBOM, and reads the JSON report it
 * writes with {@link ExternalScannerReports}.
 *
 * <p>The program is looked up in a search path given by the caller (normally the {@code PATH}
 * environment variable), so tests can put a stand-in first. Its report goes to a file in a
 * private temporary folder that is deleted afterwards. The last bytes of its standard error go
 * into the error message. A run longer than the timeout, or one the {@link ProgressListener}
 * cancels, ends the process and its children.
 */
public final class ExternalScanner {

  private static final Logger log = LoggerFactory.getLogger(ExternalScanner.class);

  /** Default time a scan may take: 15 minutes, because the first run downloads the scanner's database. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
  /** How much of the scanner's standard error an error message quotes. */
  static final int MAX_ERROR_CHARS = 2000;
  private static final long POLL_MILLIS = 100;

  /** The scanners this class can run. */
  public enum Kind {
    TRIVY("trivy", ExternalScannerReports.Format.TRIVY),
    GRYPE("grype", ExternalScannerReports.Format.GRYPE);

    private final String program;
    private final ExternalScannerReports.Format format;

    Kind(String program, ExternalScannerReports.Format format) {
      this.program = program;
      this.format = format;
    }

    /** Returns the program's file name, for example {@code trivy}. */
    public String program() {
      return program;
    }

    /** Returns the report format the program writes. */
    public ExternalScannerReports.Format format() {
      return format;
    }
  }

  /** The thing a scanner reads: an image reference, an archive or an SBOM file. */
  public sealed interface Target {

    /** A {@code docker save} or OCI archive file. */
    record Archive(Path file) implements Target {}

    /**
     * An image reference such as {@code alpine:3.19}.
     *
     * @param fromRegistry true to read it from its registry, false to ask the Docker daemon
     */
    record Reference(String reference, boolean fromRegistry) implements Target {}

    /** A CycloneDX JSON SBOM of the image, for example the one {@code hullscope sbom} writes. */
    record Sbom(Path file) implements Target {}
  }

  private final Kind kind;
  private final String searchPath;
  private final Duration timeout;
  private final ExternalScannerReports reports;

  /**
   * @param searchPath folders to look for the program in, separated as {@code PATH} is ({@link
   *     File#pathSeparator})
   * @param timeout the longest a run may take
   */
  public ExternalScanner(Kind kind, String searchPath, Duration timeout, ExternalScannerReports reports) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, not " + timeout);
    }
    this.kind = kind;
    this.searchPath = searchPath == null ? "" : searchPath;
    this.timeout = timeout;
    this.reports = reports;
  }

  /** Creates a runner that searches the {@code PATH} of this process, with the default timeout and limits. */
  public static ExternalScanner onPath(Kind kind) {
    return new ExternalScanner(kind, System.getenv("PATH"), DEFAULT_TIMEOUT, new ExternalScannerReports());
  }

  /** Returns the program's executable in the search path, or empty when it is not installed there. */
  public Optional<Path> executable() {
    for (String folder : searchPath.split(File.pathSeparator)) {
      if (folder.isBlank()) {
        continue;
      }
      Path candidate = Path.of(folder, kind.program());
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Runs the scanner on {@code target} and reads its report.
   *
   * @param imageDigest the image's digest, which keys the result in the scan cache
   * @throws IOException when the program is not installed, fails, times out or writes a report
   *     that cannot be read; the message names the cause
   * @throws OperationCancelledException when {@code progress} reports cancellation
   */
  public ScanResult scan(Target target, String imageDigest, ProgressListener progress) throws IOException {
    Path program = executable().orElseThrow(() -> new IOException(kind.program() + " was not found on the PATH ("
        + searchPath + "); install it or choose another scanner"));
    Path work = Files.createTempDirectory("hullscope-" + kind.program());
    try {
      Path report = work.resolve("report.json");
      Path errors = work.resolve("stderr.txt");
      List<String> command = command(program, target, report);
      progress.step("Running " + kind.program() + " on " + describe(target));
      log.info("Running {}", String.join(" ", command));
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(errors.toFile())
          .directory(work.toFile());
      builder.environment().put("PATH", searchPath);
      Process process = builder.start();
      // The JVM does not end its child processes when it exits, so Ctrl+C in the CLI would leave
      // the scanner running without this hook.
      Thread stopOnExit = new Thread(() -> stop(process), "stop " + kind.program());
      Runtime.getRuntime().addShutdownHook(stopOnExit);
      int exit;
      try {
        exit = await(process, progress);
      } finally {
        removeHook(stopOnExit);
      }
      if (exit != 0) {
        throw new IOException(kind.program() + " exited with code " + exit + " while scanning " + describe(target)
            + tail(errors));
      }
      if (!Files.isRegularFile(report)) {
        throw new IOException(kind.program() + " wrote no report while scanning " + describe(target) + tail(errors));
      }
      return reports.read(report, kind.format(), imageDigest);
    } finally {
      deleteQuietly(work);
    }
  }

  /** Returns the command line for one scan, writing the JSON report to {@code report}. */
  List<String> command(Path program, Target target, Path report) {
    List<String> command = new ArrayList<>();
    command.add(program.toString());
    if (kind == Kind.TRIVY) {
      if (target instanceof Target.Archive archive) {
        command.addAll(List.of("image", "--input", archive.file().toString()));
      } else if (target instanceof Target.Reference reference) {
        command.addAll(List.of("image", "--image-src", reference.fromRegistry() ? "remote" : "docker",
            reference.reference()));
      } else if (target instanceof Target.Sbom sbom) {
        command.addAll(List.of("sbom", sbom.file().toString()));
      }
      command.addAll(List.of("--quiet", "--format", "json", "--output", report.toString()));
    } else {
      String source;
      if (target instanceof Target.Archive archive) {
        source = archive.file().toString();
      } else if (target instanceof Target.Reference reference) {
        source = (reference.fromRegistry() ? "registry:" : "docker:") + reference.reference();
      } else {
        source = "sbom:" + ((Target.Sbom) target).file();
      }
      command.addAll(List.of(source, "--quiet", "--output", "json", "--file", report.toString()));
    }
    return command;
  }

  private int await(Process process, ProgressListener progress) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (progress.isCancelled()) {
          stop(process);
          throw new OperationCancelledException();
        }
        if (System.nanoTime() - deadline > 0) {
          stop(process);
          throw new IOException(kind.program() + " did not finish within " + timeout.toSeconds()
              + " seconds and was stopped; try again with a longer timeout");
        }
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      stop(process);
      Thread.currentThread().interrupt();
      throw new OperationCancelledException();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already exiting and runs the hook, which stops the process.
    }
  }

  /** Ends the process and its children: politely first, then forcibly after five seconds. */
  private static void stop(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    children.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String describe(Target target) {
    if (target instanceof Target.Archive archive) {
      return archive.file().toString();
    }
    if (target instanceof Target.Reference reference) {
      return reference.reference();
    }
    return "the SBOM " + ((Target.Sbom) target).file();
  }

  /** Returns ": " and the last characters of the scanner's standard error, or nothing when it is empty. */
  private static String tail(Path errors) {
    try (InputStream input = Files.newInputStream(errors)) {
      long size = Files.size(errors);
      input.skipNBytes(Math.max(0, size - MAX_ERROR_CHARS));
      String text = new String(input.readAllBytes(), StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "" : ": " + text.replace('\n', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      log.warn("Could not delete the temporary folder {}: {}", folder, e.getMessage());
    }
  }
}
