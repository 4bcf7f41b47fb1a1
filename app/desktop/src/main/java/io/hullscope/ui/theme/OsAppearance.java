package io.hullscope.ui.theme;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads whether the operating system is set to a dark appearance. Each question is one short command
 * with a timeout; when it is missing, slow or gives an answer not understood, the result is
 * {@link Appearance#LIGHT}.
 *
 * <ul>
 *   <li>Linux and other Unix desktops: {@code gsettings get org.gnome.desktop.interface color-scheme}
 *       ({@code 'prefer-dark'}, {@code 'prefer-light'} or {@code 'default'}); when that gives no
 *       preference, the GTK theme name ({@code gtk-theme}) containing "dark".
 *   <li>macOS: {@code defaults read -g AppleInterfaceStyle} prints {@code Dark} in dark mode and fails
 *       because the key is absent in light mode.
 *   <li>Windows: {@code reg query} of {@code AppsUseLightTheme}, a DWORD that is 0 in dark mode.
 * </ul>
 */
public final class OsAppearance {

  private static final Logger LOG = LoggerFactory.getLogger(OsAppearance.class);
  /** Default wait per command. A guess with margin: gsettings and defaults usually exit within 100 ms. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(1500);

  static final List<String> GNOME_COLOR_SCHEME =
      List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme");
  static final List<String> GTK_THEME = List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme");
  static final List<String> MAC_INTERFACE_STYLE = List.of("defaults", "read", "-g", "AppleInterfaceStyle");
  static final List<String> WINDOWS_APPS_USE_LIGHT_THEME = List.of("reg", "query",
      "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize", "/v", "AppsUseLightTheme");

  private final CommandRunner runner;
  private final Duration timeout;

  public OsAppearance(CommandRunner runner, Duration timeout) {
    this.runner = runner;
    this.timeout = timeout;
  }

  /** Creates a reader that runs the real commands with the default timeout. */
  public static OsAppearance system() {
    return new OsAppearance(new ProcessCommandRunner(), DEFAULT_TIMEOUT);
  }

  /** Asks the operating system named by {@code osName} (as in the {@code os.name} property). */
  public Appearance detect(String osName) {
    String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
    Optional<Appearance> found;
    if (os.startsWith("windows")) {
      found = ask(WINDOWS_APPS_USE_LIGHT_THEME).flatMap(OsAppearance::parseWindowsRegistry);
    } else if (os.startsWith("mac")) {
      found = runner.run(MAC_INTERFACE_STYLE, timeout).map(r -> parseMacInterfaceStyle(r.exitCode(), r.output()));
    } else {
      found = ask(GNOME_COLOR_SCHEME).flatMap(OsAppearance::parseGnomeColorScheme)
          .or(() -> ask(GTK_THEME).flatMap(OsAppearance::parseGtkThemeName));
    }
    Appearance appearance = found.orElse(Appearance.LIGHT);
    LOG.info("The system appearance is {}{}", appearance, found.isEmpty() ? " (no answer, so the default)" : "");
    return appearance;
  }

  /** Runs a command and returns its output when it exited with 0. */
  private Optional<String> ask(List<String> command) {
    return runner.run(command, timeout).filter(result -> result.exitCode() == 0).map(CommandRunner.CommandResult::output);
  }

  /**
   * Parses the GNOME {@code color-scheme} value. Returns empty for {@code 'default'} and anything
   * unknown, because then the GTK theme name decides.
   */
  static Optional<Appearance> parseGnomeColorScheme(String output) {
    String value = unquote(output);
    return switch (value) {
      case "prefer-dark" -> Optional.of(Appearance.DARK);
      case "prefer-light" -> Optional.of(Appearance.LIGHT);
      default -> Optional.empty();
    };
  }

  /** Parses a GTK theme name such as {@code 'Adwaita-dark'}: dark when the name contains "dark". */
  static Optional<Appearance> parseGtkThemeName(String output) {
    String value = unquote(output);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(value.toLowerCase(Locale.ROOT).contains("dark") ? Appearance.DARK : Appearance.LIGHT);
  }

  /** Parses {@code defaults read -g AppleInterfaceStyle}: "Dark" is dark, a failed read (no key) is light. */
  static Appearance parseMacInterfaceStyle(int exitCode, String output) {
    if (exitCode == 0 && output.strip().equalsIgnoreCase("dark")) {
      return Appearance.DARK;
    }
    return Appearance.LIGHT;
  }

  /**
   * Parses the {@code reg query} line {@code AppsUseLightTheme    REG_DWORD    0x0}: 0 is dark, any
   * other number is light. Returns empty when the line is missing or the number is unreadable.
   */
  static Optional<Appearance> parseWindowsRegistry(String output) {
    for (String line : output.split("\\R")) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length == 3 && fields[0].equalsIgnoreCase("AppsUseLightTheme")
          && fields[1].equalsIgnoreCase("REG_DWORD")) {
        String number = fields[2].toLowerCase(Locale.ROOT);
        try {
          long value = number.startsWith("0x") ? Long.parseLong(number.substring(2), 16) : Long.parseLong(number);
          return Optional.of(value == 0 ? Appearance.DARK : Appearance.LIGHT);
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** Strips white space and the single quotes gsettings puts around strings. */
  private static String unquote(String output) {
    String value = output == null ? "" : output.strip();
    if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
      value = value.substring(1, value.length() - 1);
    }
    return value;
  }
}
