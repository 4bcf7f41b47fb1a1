package io.hullscope.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hullscope} command line: inspects container images without the desktop window.
 *
 * <p>{@link #execute} runs in-process and returns the exit code, so the desktop launcher and the
 * tests call it without starting a new JVM.
 */
@Command(
    name = "hullscope",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Inspects container images: layers, files, config and wasted space.",
    subcommands = {InspectCommand.class, SbomCommand.class, CheckCommand.class, ScanCommand.class, DbCommand.class,
        VerifyCommand.class, HarborCommand.class, DiffCommand.class, OpenCommand.class})
public final class HullscopeCommand implements Runnable {

  /** Exit code of a command that started but failed, for example on a missing file. */
  public static final int EXIT_FAILURE = 1;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: try 'hullscope inspect FILE'");
  }

  /** Runs the command line with the given streams and returns its exit code. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new HullscopeCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(new FailurePrinter());
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(execute(out, err, args));
  }
}
