package io.hullscope.ui;

import io.hullscope.cli.HullscopeCommand;
import java.io.PrintWriter;
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
}
