package io.hullscope.ui;

import io.hullscope.cli.HullscopeCommand;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import javafx.application.Application;

/**
 * Entry point of the desktop jar. Without arguments it starts the window; with arguments it runs
 * the {@code hullscope} command line and exits with its code.
 *
 * <p>This class does not extend {@link Application}: the JavaFX launcher then does not require the
 * JavaFX modules on the module path, so the app also starts from a plain class path.
 */
public final class Launcher {

  private static final String LOG_LEVEL_PROPERTY = "hullscope.log.level";

  private Launcher() {}

  public static void main(String[] args) {
    if (args.length == 0 && !displayAvailable(System.getProperty("os.name", ""), System.getenv())) {
      System.err.println("hullscope: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset); "
          + "start it in a desktop session, or run a command such as 'inspect IMAGE' ('--help' lists them)");
      System.exit(1);
    }
    if (args.length == 0) {
      // Read by logback.xml; must be set before the first logger is created.
      if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
        System.setProperty(LOG_LEVEL_PROPERTY, "INFO");
      }
      Application.launch(HullscopeApp.class);
      return;
    }
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(HullscopeCommand.execute(out, err, args));
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
