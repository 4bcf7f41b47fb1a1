package io.hullscope.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hullscope open}: documents how to open images in the window. The desktop launcher handles
 * {@code open} itself before the command line runs, so this command runs only from the CLI jar,
 * which has no window, and for {@code open --help}.
 */
@Command(name = "open", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Starts the window and opens the images in it. Needs the desktop launcher (hullscope or"
        + " hullscope-desktop from the installers, or the desktop jar); the CLI jar has no window.",
        "A path of a .tar or an OCI layout folder alone, as a file manager passes it, also opens the window.",
        "Each call starts a new window, even when one is already running."})
public final class OpenCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "IMAGE", arity = "0..*",
      description = {"A docker save archive, an OCI layout folder or .tar, or an image name of the Docker daemon.",
          "docker://REFERENCE reads the image from its registry."})
  private List<String> images = new ArrayList<>();

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("hullscope open needs the desktop launcher; this command line has no window."
        + " Start hullscope-desktop, or run 'hullscope inspect IMAGE' for a text report.");
    return HullscopeCommand.EXIT_FAILURE;
  }
}
