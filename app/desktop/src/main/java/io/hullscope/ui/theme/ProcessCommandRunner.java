package io.hullscope.ui.theme;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands with {@link ProcessBuilder}. Standard error is discarded, and at most
 * {@code maxOutputBytes} of standard output are kept, because the values read here are one line.
 */
public final class ProcessCommandRunner implements CommandRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessCommandRunner.class);
  private static final int DEFAULT_MAX_OUTPUT_BYTES = 4096;

  private final int maxOutputBytes;

  public ProcessCommandRunner() {
    this(DEFAULT_MAX_OUTPUT_BYTES);
  }

  public ProcessCommandRunner(int maxOutputBytes) {
    this.maxOutputBytes = maxOutputBytes;
  }

  @Override
  public Optional<CommandResult> run(List<String> command, Duration timeout) {
    Process process;
    try {
      process = new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
          .start();
    } catch (IOException | RuntimeException e) {
      LOG.debug("Could not start {}: {}", command.get(0), e.toString());
      return Optional.empty();
    }
    try {
      // NOTE: the output is read after the exit. A program that printed more than the pipe buffer
      // (64 KiB on Linux) would block and time out; the commands used here print one line.
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.debug("{} did not answer within {} ms", command.get(0), timeout.toMillis());
        process.destroyForcibly();
        return Optional.empty();
      }
      return Optional.of(new CommandResult(process.exitValue(), readBounded(process.getInputStream())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return Optional.empty();
    } catch (IOException e) {
      LOG.debug("Reading the output of {} failed: {}", command.get(0), e.toString());
      return Optional.empty();
    }
  }

  private String readBounded(InputStream output) throws IOException {
    try (output) {
      return new String(output.readNBytes(maxOutputBytes), StandardCharsets.UTF_8);
    }
  }

  private static File nullDevice() {
    return new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
