package io.hullscope.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Locations of Hullscope's data: the cache database and settings.
 *
 * <p>Linux and other Unixes: {@code $XDG_DATA_HOME/hullscope}, else {@code
 * ~/.local/share/hullscope} (XDG Base Directory spec). Windows: {@code %APPDATA%\Hullscope}. macOS:
 * {@code ~/Library/Application Support/Hullscope}. The system property {@code hullscope.data}
 * overrides all of them.
 */
public final class AppPaths {

  /** System property that overrides the data folder. */
  public static final String DATA_PROPERTY = "hullscope.data";

  private AppPaths() {}

  /** Returns the data folder for this OS, or the folder that {@value #DATA_PROPERTY} names. */
  public static Path dataDir() {
    return dataDir(System.getProperty(DATA_PROPERTY), System.getProperty("os.name", ""),
        System.getProperty("user.home", "."), System.getenv());
  }

  /** Returns the cache database file inside {@link #dataDir()}. */
  public static Path databaseFile() {
    return dataDir().resolve("hullscope.db");
  }

  static Path dataDir(String override, String osName, String home, Map<String, String> environment) {
    if (override != null && !override.isBlank()) {
      return Path.of(override).toAbsolutePath();
    }
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      String appData = environment.get("APPDATA");
      Path base = appData != null && !appData.isBlank() ? Path.of(appData) : Path.of(home, "AppData", "Roaming");
      return base.resolve("Hullscope");
    }
    if (os.startsWith("mac")) {
      return Path.of(home, "Library", "Application Support", "Hullscope");
    }
    String xdg = environment.get("XDG_DATA_HOME");
    // The XDG spec says relative values are invalid and must be ignored.
    if (xdg != null && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "hullscope");
    }
    return Path.of(home, ".local", "share", "hullscope");
  }
}
