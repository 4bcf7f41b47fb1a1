package io.hullscope.ui.theme;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Runs a short external command and returns what it printed; tests replace it with fixed results. */
@FunctionalInterface
public interface CommandRunner {

  /**
   * Runs the command and waits at most {@code timeout}. Returns empty when the program is missing,
   * failed to start or timed out; otherwise its exit code and standard output.
   */
  Optional<CommandResult> run(List<String> command, Duration timeout);

  /** The exit code and standard output of a finished command. */
  record CommandResult(int exitCode, String output) {}
}
