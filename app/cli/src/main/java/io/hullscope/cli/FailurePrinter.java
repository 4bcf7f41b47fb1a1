package io.hullscope.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a command into one line on stderr and exit code 1. The stack trace goes
 * to the debug log only, because a CI log reader needs the message, not the frames.
 */
final class FailurePrinter implements IExecutionExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(FailurePrinter.class);

  @Override
  public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
    LOG.debug("Command failed", failure);
    commandLine.getErr().println("hullscope: " + describe(failure));
    commandLine.getErr().flush();
    return HullscopeCommand.EXIT_FAILURE;
  }

  /** Returns a one-line message: the exception's own message, or its type when it has none. */
  static String describe(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      Throwable cause = failure.getCause();
      return cause != null ? describe(cause) : failure.getClass().getSimpleName();
    }
    return message.replace('\n', ' ').strip();
  }
}
