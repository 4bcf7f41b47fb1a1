package io.hullscope.ui;

import io.hullscope.cli.HullscopeCommand;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import javafx.application.Application;

/**
 * Entry point of the desktop jar. It starts the window without arguments, with {@code open
 * IMAGE...}, or with paths of image archives or OCI layouts only (how a file manager opens an
 * associated {@code .tar}); with any other arguments it runs the {@code hullscope} command line and
 * exits with its code.
 *
 * <p>This class does not extend {@link Application}: the JavaFX launcher then does not require the
 * JavaFX modules on the module path, so the app also starts from a plain class path.
 */
public final class Launcher {

  private static final String LOG_LEVEL_PROPERTY = "hullscope.log.level";

  /** The subcommand that opens images in the window. */
  static final String OPEN_COMMAND = "open";

  private Launcher() {}

  /**
   * Decision between the window and the command line.
   *
   * @param window true to start the window, false to run the command line
   * @param images what the window opens at start: paths, {@code docker://} references or daemon
   *     image names; empty for the window alone or for the command line
   */
  record Route(boolean window, List<String> images) {

    static Route cli() {
      return new Route(false, List.of());
    }
  }

  public static void main(String[] args) {
    Route route = route(args, Launcher::isImagePath);
    if (!route.window()) {
      PrintWriter out = new PrintWriter(System.out, true);
      PrintWriter err = new PrintWriter(System.err, true);
      System.exit(HullscopeCommand.execute(out, err, args));
    }
    if (!displayAvailable(System.getProperty("os.name", ""), System.getenv())) {
      System.err.println("hullscope: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset); "
          + "start it in a desktop session, or run a command such as 'inspect IMAGE' ('--help' lists them)");
      System.exit(1);
    }
    // Read by logback.xml; must be set before the first logger is created.
    if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
      System.setProperty(LOG_LEVEL_PROPERTY, "INFO");
    }
    Application.launch(HullscopeApp.class, route.images().toArray(String[]::new));
  }

  /**
   * Decides between the window and the command line. {@code open --help} goes to the command line,
   * which documents {@code open}.
   *
   * @param isImagePath true for an existing docker save archive or OCI layout
   */
  static Route route(String[] args, Predicate<String> isImagePath) {
    if (args.length == 0) {
      return new Route(true, List.of());
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    if (args[0].equals(OPEN_COMMAND)) {
      boolean help = rest.stream().anyMatch(arg -> arg.equals("--help") || arg.equals("-h"));
      return help ? Route.cli() : new Route(true, List.copyOf(rest));
    }
    if (Arrays.stream(args).allMatch(isImagePath)) {
      return new Route(true, List.of(args));
    }
    return Route.cli();
  }

  /**
   * Returns true for an existing {@code .tar} file or a folder with an {@code oci-layout} file. Other
   * paths go to the command line, so that a subcommand name never opens the window because a file
   * of that name happens to exist.
   */
  static boolean isImagePath(String argument) {
    if (argument.startsWith("-")) {
      return false;
    }
    Path path;
    try {
      path = Path.of(argument);
    } catch (RuntimeException e) {
      return false;
    }
    if (Files.isRegularFile(path)) {
      return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tar");
    }
    return Files.isDirectory(path) && Files.isRegularFile(path.resolve("oci-layout"));
  }

  /**
   * Returns false on Linux and other X11 or Wayland systems when neither {@code DISPLAY} nor
   * {@code WAYLAND_DISPLAY} is set, where JavaFX would fail with a stack trace; true on Windows
   * and macOS, which always have a display for a desktop session.
   */
  static boolean displayAvailable(String osName, Map<String, String> environment) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows") || os.startsWith("mac")) {
      return true;
    }
    return isSet(environment.get("DISPLAY")) || isSet(environment.get("WAYLAND_DISPLAY"));
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
