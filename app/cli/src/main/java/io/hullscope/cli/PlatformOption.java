package io.hullscope.cli;

import io.hullscope.image.Platform;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Parses the {@code --platform} option shared by the commands that open an image. */
final class PlatformOption {

  private PlatformOption() {}

  /**
   * Returns the platform named by {@code text}, or null when the option was not given.
   *
   * @throws CommandLine.ParameterException when the text is not OS/ARCH[/VARIANT], so picocli
   *     reports a usage error (exit 2)
   */
  static Platform parse(String text, CommandSpec spec) {
    if (text == null) {
      return null;
    }
    try {
      return Platform.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
